import { HttpException } from '@nestjs/common';
import { fieldLabel, type Language } from '@duban/domain';

/**
 * The API's error messages, Chinese and English: one entry per message. `{field}` is a field path, rendered with the
 * console's label for it (libs/domain field-labels); other `{name}`s are filled in as given. The validation entries
 * are keyed by class-validator's own constraint names (`isString`, `maxLength`…), with `constraint:property` for a
 * field whose rule needs its own words. AllExceptionsFilter is the one place that turns them into text.
 */
const MESSAGES = {
  // class-validator constraints ({0}, {1}: the decorator's arguments)
  isString: { zh: '{field}必须是文字', en: '{field} must be text' },
  isInt: { zh: '{field}必须是整数', en: '{field} must be a whole number' },
  isNumber: { zh: '{field}必须是有限的数字', en: '{field} must be a finite number' },
  isBoolean: { zh: '{field}必须是 true 或 false', en: '{field} must be true or false' },
  isArray: { zh: '{field}必须是数组', en: '{field} must be a list' },
  isObject: { zh: '{field}必须是对象', en: '{field} must be an object' },
  nestedValidation: { zh: '{field}必须是对象', en: '{field} must be an object' },
  isUUID: { zh: '{field}必须是 UUID', en: '{field} must be a UUID' },
  isEmail: { zh: '{field}不是有效的电子邮箱地址', en: '{field} is not a valid e-mail address' },
  isDateString: { zh: '{field}必须是 ISO-8601 时间', en: '{field} must be an ISO-8601 instant' },
  isDateOnly: { zh: '{field}必须是真实存在的日期，格式 YYYY-MM-DD', en: '{field} must be a real date written YYYY-MM-DD' },
  isIn: { zh: '{field}只能是 {0}', en: '{field} must be one of {0}' },
  min: { zh: '{field}不能小于 {0}', en: '{field} must not be less than {0}' },
  max: { zh: '{field}不能大于 {0}', en: '{field} must not be greater than {0}' },
  minLength: { zh: '{field}至少 {0} 个字符', en: '{field} must have at least {0} characters' },
  maxLength: { zh: '{field}不能超过 {0} 个字符', en: '{field} must have at most {0} characters' },
  arrayMinSize: { zh: '{field}至少 {0} 项', en: '{field} must have at least {0} entries' },
  arrayMaxSize: { zh: '{field}最多 {0} 项', en: '{field} must have at most {0} entries' },
  arrayUnique: { zh: '{field}不能有重复项', en: '{field} must not repeat an entry' },
  matches: { zh: '{field}格式不正确', en: '{field} is not in the expected format' },
  'matches:blank': { zh: '{field}不能为空', en: '{field} must not be blank' },
  'matches:username': {
    zh: '{field}为 2–50 个字母、数字、汉字或 _ . @ -',
    en: '{field} must be 2–50 letters, digits or _ . @ -',
  },
  'matches:code': {
    zh: '{field}只能是小写字母、数字和连字符（2–63 个字符）',
    en: '{field} may only hold lower-case letters, digits and hyphens (2–63 characters)',
  },
  'matches:month': { zh: '{field}必须是 YYYY-MM', en: '{field} must be YYYY-MM' },
  'matches:year': { zh: '{field}必须是四位数年份', en: '{field} must be a four-digit year' },
  'matches:chapter': { zh: '{field}必须是章的编号，如 "6"', en: '{field} must be a chapter number, such as "6"' },
  'matches:period': {
    zh: '{field}必须形如 2024-07、2024-Q3、2024-H2 或 2024',
    en: '{field} must look like 2024-07, 2024-Q3, 2024-H2 or 2024',
  },
  whitelistValidation: { zh: '不认识的字段 {field}', en: 'unknown field {field}' },
  invalid: { zh: '{field}取值无效', en: '{field} has an invalid value' },

  // text anywhere in a request
  'text.nul': { zh: '{field}含有空字符（U+0000），不能保存', en: '{field} contains a NUL character (U+0000), which cannot be stored' },
  'text.surrogate': {
    zh: '{field}含有无效的 Unicode 字符（不成对的代理项）',
    en: '{field} contains invalid Unicode (an unpaired surrogate)',
  },

  // the request itself
  'body.notObject': { zh: '请求体必须是 JSON 对象', en: 'the request body must be a JSON object' },
  'body.notJson': { zh: '请求体不是合法的 JSON', en: 'the request body is not valid JSON' },
  'body.tooLarge': { zh: '请求体过大', en: 'the request body is too large' },
  'body.charset': { zh: '不支持的字符集，请用 UTF-8', en: 'unsupported character set; use UTF-8' },
  'body.encoding': { zh: '不支持的内容编码 {encoding}', en: 'unsupported content encoding {encoding}' },
  'body.badEncoding': {
    zh: '请求体按其 Content-Encoding 解压失败（数据损坏或不是所声明的压缩格式）',
    en: 'the request body could not be decompressed as its Content-Encoding says (corrupt, or not that format)',
  },
  'body.aborted': { zh: '请求体未传完，连接已中断', en: 'the request body was cut off before it ended' },
  'url.badEscape': {
    zh: '网址中有无效的百分号编码（% 后须是两位十六进制数）',
    en: 'the URL holds an invalid percent escape (% must be followed by two hex digits)',
  },
  'url.tooLong': {
    zh: '网址过长（最多 {max} 个字符），请缩短筛选条件',
    en: 'the URL is too long (at most {max} characters); shorten the filter',
  },
  'headers.tooLarge': { zh: '请求头过大', en: 'the request headers are too large' },
  'route.notFound': { zh: '没有这个接口：{method} {path}', en: 'no such endpoint: {method} {path}' },
  'db.required': { zh: '{field}不能为空', en: '{field} is required' },
  'db.check': { zh: '{field}的取值不符合规则', en: 'the value of {field} breaks a rule' },
  'db.checkAny': { zh: '提交的取值不符合数据规则（{constraint}）', en: 'a submitted value breaks a data rule ({constraint})' },
  'db.numberRange': { zh: '提交的数值超出允许的范围', en: 'a submitted number is out of range' },
  'db.dateRange': { zh: '提交的日期超出允许的范围或格式不正确', en: 'a submitted date is out of range or malformed' },
  'db.tooLong': { zh: '提交的文字超出允许的长度', en: 'a submitted text is too long' },
  'db.syntax': { zh: '提交的取值格式不正确', en: 'a submitted value is malformed' },
  'db.encoding': { zh: '提交的文字含有无法保存的字符', en: 'a submitted text holds characters that cannot be stored' },
  'db.tooLarge': { zh: '提交的内容过大，无法保存', en: 'the submitted content is too large to store' },
  'db.duplicate': { zh: '与已有记录重复', en: 'duplicates an existing record' },
  'db.reference': {
    zh: '仍有其他记录引用它，或它引用的记录不存在',
    en: 'other records still refer to it, or a record it refers to does not exist',
  },
  'db.concurrency': { zh: '并发冲突，请重试', en: 'a concurrent change got in the way; please retry' },
  'server.error': { zh: '服务器内部错误', en: 'internal server error' },
  'request.invalid': { zh: '请求无效', en: 'invalid request' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number | readonly unknown[]>;
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key);
}

/** One message in one language: `{field}` takes the field's label, a list reads as a list. */
export function render(message: Message, lang: Language): string {
  return MESSAGES[message.key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = message.params?.[name];
    if (value === undefined) return whole;
    if (name === 'field') return fieldLabel(String(value), lang);
    if (Array.isArray(value)) return value.join(lang === 'zh' ? '、' : ', ');
    return String(value);
  });
}

/** A refusal in words the client's language can choose (rendered by AllExceptionsFilter). */
export class LocalizedException extends HttpException {
  constructor(
    status: number,
    readonly messages: Message[],
  ) {
    super(render(messages[0], 'zh'), status);
  }
}

/** The language a request asks for: English when `Accept-Language` prefers it, Chinese otherwise. */
export function requestLanguage(acceptsLanguages: (...langs: string[]) => string | false): Language {
  return acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}
