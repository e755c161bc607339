import { HttpException } from '@nestjs/common';
import { ESCALATION_KINDS, fieldLabel, LABELS, type EscalationKind, type Language } from '@duban/domain';

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
  isUuid: { zh: '{field}必须是 UUID', en: '{field} must be a UUID' },
  isEmail: { zh: '{field}不是有效的电子邮箱地址', en: '{field} is not a valid e-mail address' },
  isDateString: { zh: '{field}必须是 ISO-8601 时间', en: '{field} must be an ISO-8601 instant' },
  isDateOnly: { zh: '{field}必须是真实存在的日期，格式 YYYY-MM-DD', en: '{field} must be a real date written YYYY-MM-DD' },
  isIn: { zh: '{field}只能是 {0}', en: '{field} must be one of {0}' },
  min: { zh: '{field}不能小于 {0}', en: '{field} must not be less than {0}' },
  max: { zh: '{field}不能大于 {0}', en: '{field} must not be greater than {0}' },
  minLength: { zh: '{field}至少 {0} 个字符', en: '{field} must have at least {0} characters' },
  maxLength: { zh: '{field}不能超过 {0} 个字符', en: '{field} must have at most {0} characters' },
  isLength: { zh: '{field}须为 {0}–{1} 个字符', en: '{field} must have {0}–{1} characters' },
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
  whitelistValidation: { zh: '不认识的字段 {name}', en: 'unknown field {name}' },
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
  'record.notFound': { zh: '{record}不存在或无权查看', en: '{record} not found, or not visible to you' },
  'record.stale': {
    zh: '记录已被修改（当前版本 {current}，提交的版本 {expected}），请刷新后重试',
    en: 'the record has changed (version {current} now, {expected} sent); reload and try again',
  },
  'auth.missing': { zh: '未登录', en: 'not logged in' },
  'auth.expired': { zh: '登录已失效，请重新登录', en: 'your session has ended; please log in again' },
  'auth.noPolicy': { zh: '该接口未声明访问策略，一律拒绝', en: 'this endpoint declares no access policy, so it is refused' },
  'auth.forbidden': { zh: '当前角色无权执行此操作', en: 'your role may not do this' },
  'auth.throttled': { zh: '登录失败次数过多，请 {seconds} 秒后再试', en: 'too many failed log-ins; try again in {seconds} seconds' },
  'auth.disabled': { zh: '该用户已停用', en: 'this user is disabled' },
  'auth.wrong': { zh: '用户名或密码错误', en: 'wrong username or password' },
  'users.selfRoleOrActive': { zh: '不能停用自己或修改自己的角色', en: 'you cannot disable yourself or change your own role' },
  'users.selfDisable': { zh: '不能停用自己', en: 'you cannot disable yourself' },
  'users.unitMissing': { zh: '所选{field}不存在', en: 'the selected {field} does not exist' },
  'users.roleUnitKind': {
    zh: '角色 {role} 不能属于类型为 {kind} 的单位',
    en: 'a user with role {role} cannot belong to a unit of kind {kind}',
  },
  'users.roleNeedsUnit': { zh: '角色 {role} 必须属于一个{field}', en: 'a user with role {role} must belong to a {field}' },
  'users.usernameTaken': { zh: '用户名 {username} 已被使用', en: 'the username {username} is taken' },
  'orgUnits.hasUsers': {
    zh: '该单位还有 {users} 个用户，先停用或调走他们再删除',
    en: 'the unit still has {users} users; disable or move them first',
  },
  'orgUnits.codeTaken': { zh: '单位代码 {code} 已存在', en: 'a unit with code {code} exists' },
  'orgUnits.nameTaken': { zh: '单位名称 {name} 已存在', en: 'a unit named {name} exists' },
  'orgUnits.kindMisfit': {
    zh: '该单位有角色为 {role} 的用户，单位类型不能改为 {kind}',
    en: 'the unit has users with role {role}, so its kind cannot become {kind}',
  },
  'assignments.completed.report': { zh: '任务已销号，不能再报告', en: 'the assignment is closed (销号); it takes no more reports' },
  'assignments.cancelled.report': { zh: '任务已取消，不能再报告', en: 'the assignment is cancelled; it takes no more reports' },
  'assignments.completed.remove': { zh: '任务已销号，不能移除', en: 'the assignment is closed (销号) and cannot be removed' },
  'assignments.cancelled.remove': { zh: '任务已取消', en: 'the assignment is already cancelled' },
  'indicators.officeUnit': {
    zh: '指标须由部门或县（市、区）报送，{name} 不能作为责任单位',
    en: 'an indicator is reported by a department, county or zone; {name} cannot be responsible for it',
  },
  'escalations.oneOf': {
    zh: '任务（assignmentId）与单位（orgUnitId）必须且只能提供一个',
    en: 'give exactly one of assignmentId (an assignment) and orgUnitId (a unit)',
  },
  'escalations.closed': { zh: '该任务已销号或已取消，无需{kind}', en: 'the assignment is completed or cancelled; no {kind} is needed' },
  'escalations.lowerRung': {
    zh: '该任务已有未办结的{open}，不能再发低一级的{kind}',
    en: 'the assignment already has an open {open}; a lower rung ({kind}) cannot be issued',
  },
  'escalations.alreadyToday': { zh: '今天已经对这些任务人工{kind}过', en: 'these assignments already had a manual {kind} today' },
  'escalations.unitMissing': { zh: '所选单位不存在', en: 'the selected unit does not exist' },
  'indicatorValues.unknownIndicator': {
    zh: 'indicatorId 不是已发布规划中的指标行',
    en: 'indicatorId is not an indicator row of a published plan',
  },
  'indicatorValues.notResponsible': {
    zh: '该指标不由本单位报送（责任单位由委办设定）',
    en: 'your unit is not responsible for reporting this indicator (the office sets the responsible unit)',
  },
  'indicatorValues.futureYear': {
    zh: '{year} 年还没有到（今天是 {today}），不能报送该年数值',
    en: 'the year {year} has not come yet (today is {today}); its value cannot be entered',
  },
  'indicatorValues.valueRequired': {
    zh: '数值必填：该指标的目标是数字（单位：{unit}）',
    en: 'value is required: the target of this indicator is a number (unit: {unit})',
  },
  'indicatorValues.textRequired': {
    zh: '文字目标须填写完成情况说明（文本）',
    en: 'a target in words needs a statement of how it was met (text)',
  },
  'indicatorValues.duplicate': {
    zh: '该指标 {year} 年的数值已存在，请编辑原记录',
    en: 'a value for {year} already exists for this indicator; edit that one',
  },
  'indicatorValues.fixed': { zh: '指标和年份不能修改', en: 'the indicator and year cannot be changed' },
  'indicatorValues.notEditable': {
    zh: '该数值已在审核中（{status}），只有草稿或被退回的数值可以修改',
    en: 'the value is under review ({status}); only a draft or returned value can be edited',
  },
  'indicatorValues.otherRole': {
    zh: '当前角色不能对 {status} 状态的数值执行 {action}（应由 {role} 办理）',
    en: 'your role cannot {action} a value that is {status} (that is for the {role})',
  },
  'indicatorValues.wrongState': {
    zh: '数值当前为 {status}，不能执行 {action}',
    en: 'the value is {status}; it cannot be sent to {action}',
  },
  'indicatorValues.reasonRequired': { zh: 'comment（退回原因）必填', en: 'comment (the reason for returning) is required' },
  'indicatorValues.assessmentRequired': {
    zh: '文字目标由核查人员评判：核查通过时须给出 assessment（met/on_track/at_risk/off_track）和理由（comment）',
    en: 'a target in words is judged by the inspector: approving needs an assessment (met/on_track/at_risk/off_track) and a reason (comment)',
  },
  'indicatorValues.assessmentNotHere': {
    zh: 'assessment 只用于核查通过文字目标；数字目标按规则自动判定',
    en: 'assessment is only given when approving a target in words; numeric targets are judged by rule',
  },
  'indicatorValues.raced': { zh: '数值刚被他人处理过，请刷新后重试', en: 'someone else just acted on this value; reload and try again' },
  'evaluations.outsidePlan': {
    zh: '考核截止日期 {asOf} 不在规划期内（{start} 至 {end}）',
    en: 'the evaluation date {asOf} is outside the plan period ({start} to {end})',
  },
  'evaluations.published': {
    zh: '截至 {asOf} 的考核评估已发布，不能再次发布',
    en: 'the evaluation as of {asOf} is already published',
  },
  'evaluations.notPublished': {
    zh: '截至 {asOf} 的考核评估尚未发布',
    en: 'the evaluation as of {asOf} has not been published',
  },
  'server.error': { zh: '服务器内部错误', en: 'internal server error' },
  'request.invalid': { zh: '请求无效', en: 'invalid request' },
} as const satisfies Record<string, Record<Language, string>>;

/** What a record is called, for "not found" and the like. */
const RECORD_NAMES = {
  任务: 'Assignment',
  佐证材料: 'Evidence',
  单位: 'Unit',
  审计事件: 'Audit event',
  报告: 'Report',
  用户: 'User',
  督办事项: 'Notice',
  职责规则: 'Duty rule',
  规划: 'Plan',
  规划条目: 'Plan item',
  通知: 'Notification',
  通报: 'Bulletin',
  指标: 'Indicator',
  指标年度数值: 'Indicator value',
  考核评估: 'Evaluation',
  术语: 'Glossary term',
  该年的工作日历: 'The working-day calendar of that year',
} as const;
export type RecordName = keyof typeof RECORD_NAMES;

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
    if ((name === 'kind' || name === 'open') && (ESCALATION_KINDS as readonly unknown[]).includes(value))
      return LABELS[lang].escalationKind[value as EscalationKind];
    if (name === 'record' && lang === 'en' && Object.hasOwn(RECORD_NAMES, String(value))) return RECORD_NAMES[value as RecordName];
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

/** `throw refuse(409, 'users.selfDisable')`: one catalogue message as an HTTP error. */
export function refuse(status: number, key: MessageKey, params?: MessageParams): LocalizedException {
  return new LocalizedException(status, [{ key, params }]);
}

/** The language a request asks for: English when `Accept-Language` prefers it, Chinese otherwise. */
export function requestLanguage(acceptsLanguages: (...langs: string[]) => string | false): Language {
  return acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh';
}
