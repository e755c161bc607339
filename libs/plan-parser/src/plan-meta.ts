/**
 * The plan itself: title, period and code, read from the front matter (the covering notice, the title
 * line and the foreword before chapter 1).
 */
import type { Paragraph } from './scan';
import { isoDate, isValidDate, parseChineseNumber } from './text';
import type { ParsedPlanMeta, ParseOptions, ParseProblem, PlanPlace } from './types';

// The title is a line of its own: "某市“十四五”生态环境保护规划" (the notice's "关于印发……的通知" is not).
const TITLE_RE = /^[^。，；：:,]{2,48}(规划|纲要|方案)(（[^）]{1,20}）)?$/;
const QUOTED_TITLE_RE = /《([^《》]{2,48}(?:规划|纲要|方案))》/;
const PERIOD_RE = /规划(?:时限|期限|期)为?\s*(\d{4})\s*(?:年)?\s*[—–\-－~～至到]+\s*(\d{4})\s*年/;
const FIVE_YEAR_RE = /“?十([一二三四五六七八九])五”?/;
const ISSUED_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

function findTitle(front: Paragraph[]): { title: string; index: number } {
  const index = front.findIndex((p) => TITLE_RE.test(p.text) && !p.text.startsWith('关于'));
  if (index >= 0) return { title: (front[index] as Paragraph).text, index };
  for (const p of front) {
    const m = QUOTED_TITLE_RE.exec(p.text);
    if (m) return { title: m[1] ?? '', index: -1 };
  }
  return { title: '', index: -1 };
}

/**
 * The period: "规划时限为2021—2025年" in the foreword, else the five-year plan the title names
 * (the Nth five-year plan since the 6th starts in 1981 + 5·(N−6): 十四五 = 2021–2025).
 */
function findPeriod(title: string, text: string): { start: number; end: number } | null {
  const m = PERIOD_RE.exec(text);
  if (m) return { start: Number(m[1]), end: Number(m[2]) };
  const f = FIVE_YEAR_RE.exec(title) ?? FIVE_YEAR_RE.exec(text);
  const n = f ? parseChineseNumber(`十${f[1] ?? ''}`) : null;
  if (n !== null && n >= 6) {
    const start = 1981 + 5 * (n - 6);
    return { start, end: start + 4 };
  }
  return null;
}

/** `<city>-eco-2021-2025`: the city's code when the title starts with its name, else "plan". */
export function planCode(title: string, period: { start: number; end: number } | null, place?: PlanPlace): string {
  const short = place?.name.replace(/[市县区]$/, '');
  const placeCode = short && place?.code && title.startsWith(short) ? place.code : 'plan';
  const topic = /生态|环境/.test(title) ? 'eco' : 'plan';
  const years = period ? `-${period.start}-${period.end}` : '';
  return placeCode === topic ? `${placeCode}${years}` : `${placeCode}-${topic}${years}`;
}

function issuedOn(paragraphs: Paragraph[]): string | null {
  for (const p of paragraphs) {
    const m = ISSUED_RE.exec(p.text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDate(y, mo, d)) return isoDate(y, mo, d);
  }
  return null;
}

export function readPlanMeta(front: Paragraph[], trailer: string[], options: ParseOptions, problems: ParseProblem[]): ParsedPlanMeta {
  const { title, index } = findTitle(front);
  const notice = index >= 0 ? front.slice(0, index) : [];
  const preface = index >= 0 ? front.slice(index + 1) : front;
  const frontText = front.map((p) => p.text).join('\n');
  if (title === '') {
    problems.push({
      line: front[0]?.line ?? 1,
      severity: 'warning',
      message: '未找到规划标题（应在第一章之前单独成行，如“某市“十四五”生态环境保护规划”）',
    });
  }
  const period = findPeriod(title, frontText);
  if (period && period.start > period.end) {
    problems.push({
      line: front[0]?.line ?? 1,
      severity: 'error',
      message: `规划期起止颠倒：${period.start}—${period.end}年，开始年份晚于结束年份`,
    });
  }
  if (!period) {
    problems.push({
      line: front[0]?.line ?? 1,
      severity: 'warning',
      message: '未找到规划期（如“规划时限为2021—2025年”或标题中的“十四五”）',
    });
  }
  return {
    title,
    periodStart: period ? `${period.start}-01-01` : '',
    periodEnd: period ? `${period.end}-12-31` : '',
    code: options.code ?? planCode(title, period, options.place),
    issuedOn: issuedOn(notice),
    notice: notice.map((p) => p.text).join('\n'),
    preface: preface.map((p) => p.text).join('\n'),
    trailer: trailer.join('\n'),
  };
}
