/**
 * What an item's text promises: dated milestones, recurring seasonal periods, and quantitative targets.
 */
import { clauseAt, clauseEnd, clauseStart, isoDate, isValidDate, monthEnd, parseYear } from './text';
import type { Milestone, QuantitativeTarget, RecurringPeriod } from './types';

/** True the first time a key is seen: the same finding twice in one text is kept once. */
function once(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

// Bodies join paragraphs with line breaks, so a line break also ends a sentence.
const SENTENCE_SEPARATOR = '。；;\n';
const CLAUSE_SEPARATOR = '，。；,;：:\n';

// "到2025年", "2023年底前", "2022年6月底前", "到二〇二五年", "2024年3月31日前", "2023年上半年"…
// A year right after a dash or a digit is the end of a range ("2018—2020年"): not a milestone.
const MILESTONE_RE =
  /(?<![\d—–\-－~～])(到|至)?(\d{4}|[零〇一二三四五六七八九]{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(上半年|年中|年底|底|末)?(前|之前|以前)?/g;

function milestoneDate(year: number, month: number | null, day: number | null, part: string): string | null {
  if (year < 1900 || year > 2100) return null;
  if (month !== null && day !== null) return isValidDate(year, month, day) ? isoDate(year, month, day) : null;
  if (month !== null) return month >= 1 && month <= 12 ? monthEnd(year, month) : null;
  if (part === '上半年' || part === '年中') return isoDate(year, 6, 30);
  return isoDate(year, 12, 31);
}

/**
 * From the date to the end of its sentence ("到2025年，全市用水总量控制在……以内"), stopping before the
 * clause of the next date; the whole sentence when that is too short to say anything.
 */
function milestoneText(text: string, at: number, nextAt: number): string {
  const sentence = clauseAt(text, at, SENTENCE_SEPARATOR);
  let end = clauseEnd(text, at, SENTENCE_SEPARATOR);
  if (nextAt < end) {
    let comma = nextAt;
    while (comma > at && text[comma] !== '，') comma--;
    if (comma > at) end = comma;
  }
  const tail = text.slice(at, end).trim();
  return tail.length >= 12 ? tail : sentence;
}

/**
 * A year is a milestone when the text sets it as a deadline: "到/至" before it, or "底/末/前" after it.
 * A bare "2020年" is a date in passing ("2020年全市未发生……"), not a milestone.
 */
export function findMilestones(text: string): Milestone[] {
  const found: Milestone[] = [];
  const seen = new Set<string>();
  const matches = [...text.matchAll(MILESTONE_RE)].filter((m) => m[1] || m[5] || m[6]);
  matches.forEach((m, k) => {
    const [, , yearText = '', monthText, dayText, part = ''] = m;
    const year = parseYear(yearText);
    const date = year === null ? null : milestoneDate(year, monthText ? Number(monthText) : null, dayText ? Number(dayText) : null, part);
    if (date === null) return;
    const clause = milestoneText(text, m.index ?? 0, matches[k + 1]?.index ?? text.length);
    if (once(seen, `${date}|${clause}`)) found.push({ date, text: clause });
  });
  return found;
}

// "每年4月—9月" is a recurring period; "2021年5月—2022年10月" (a year before the month) is not.
const MONTH_RANGE_RE = /(?<!\d年)(?<!\d)(\d{1,2})月?\s*[—–\-－~～至到]\s*(?:次年)?(\d{1,2})月/g;

function monthsBetween(from: number, to: number): number[] {
  const months: number[] = [];
  for (let m = from, guard = 0; guard < 12; guard++, m = (m % 12) + 1) {
    months.push(m);
    if (m === to) break;
  }
  return months;
}

/** Seasons the plan names as recurring campaign periods. 秋冬季 is the air-pollution campaign, October to March. */
const SEASONS: [RegExp, number[]][] = [[/秋冬季/g, [10, 11, 12, 1, 2, 3]]];

export function findPeriods(text: string): RecurringPeriod[] {
  const found: RecurringPeriod[] = [];
  const seen = new Set<string>();
  const push = (months: number[], at: number): void => {
    const clause = clauseAt(text, at, CLAUSE_SEPARATOR);
    if (once(seen, `${months.join()}|${clause}`)) found.push({ months, text: clause });
  };
  for (const m of text.matchAll(MONTH_RANGE_RE)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (from >= 1 && from <= 12 && to >= 1 && to <= 12 && from !== to) push(monthsBetween(from, to), m.index ?? 0);
  }
  for (const [re, months] of SEASONS) {
    for (const m of text.matchAll(re)) push(months, m.index ?? 0);
  }
  return found;
}

/** Units a target may carry, longest first so "万亩" wins over "亩". */
const UNITS = [
  '微克/立方米',
  '亿立方米',
  '万立方米',
  '平方公里',
  '万千瓦时',
  '万千瓦',
  '亿m3',
  '亿m³',
  '万m3',
  '万m³',
  'km2',
  'km²',
  'mg/L',
  '万亩',
  '万吨',
  '万元',
  '亿元',
  '万人',
  '万户',
  '公里',
  '千米',
  'km',
  '％',
  '%',
  '亩',
  '吨',
  '个',
  '座',
  '家',
  '处',
  '项',
  '条',
  '台',
  '套',
  '所',
  '户',
  '辆',
].sort((a, b) => b.length - a.length);

/** A number followed by these is a date, a time, a grade or a label, never a target. */
const NOT_A_QUANTITY = /^(年|月|日|号|时|小时|分钟|世纪|级|类|型|期|批|次|轮|代|°|\+|[A-Za-z]|版|）|\))/;

/** Words that make a clause a commitment rather than a description. */
const TARGET_CUE =
  /达到|新建|建设|改造|治理|恢复|修复|控制在|稳定在|提高|提升|降低|下降|减少|新增|完成|建成|创建|推广|实现|力争|不低于|不高于|不少于|不超过|以上|以内|以下|左右|累计/;

/** A bare number is a target only right after one of these ("农业灌溉水有效利用系数达到0.53"). */
const BARE_TARGET_LEAD = /(达到|提高到|提升到|提升至|提高至|控制在|稳定在|降至|降低到|下降到|不低于|不高于|不超过)$/;

/** After a deadline in the same sentence ("到2025年，……"), every quantity is a target. */
const DEADLINE = /(到|至)(\d{4}|[零〇一二三四五六七八九]{4})年/;

function sentenceBefore(text: string, at: number): string {
  return text.slice(clauseStart(text, at, SENTENCE_SEPARATOR), at);
}

const NUMBER_RE = /(?<![A-Za-z0-9.\-＋+第])(\d+(?:\.\d+)?)(?![\d.])/g;

export function findTargets(text: string): QuantitativeTarget[] {
  const found: QuantitativeTarget[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(NUMBER_RE)) {
    const start = m.index ?? 0;
    // Short windows around the number: slicing the whole text for every number would be quadratic.
    const after = text.slice(start + m[0].length, start + m[0].length + 12).replace(/^ /, '');
    const unit = UNITS.find((u) => after.startsWith(u));
    if (unit === undefined && NOT_A_QUANTITY.test(after)) continue;
    const before = text.slice(Math.max(0, start - 12), start);
    const clause = clauseAt(text, start, CLAUSE_SEPARATOR);
    if (unit === undefined) {
      if (!BARE_TARGET_LEAD.test(before)) continue;
    } else if (!TARGET_CUE.test(clause) && !DEADLINE.test(sentenceBefore(text, start))) {
      continue;
    }
    const target = { text: clause, value: Number(m[1]), unit: unit ?? '' };
    if (once(seen, `${target.value}|${target.unit}|${target.text}`)) found.push(target);
  }
  return found;
}
