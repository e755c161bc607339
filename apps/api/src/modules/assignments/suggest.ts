/**
 * Suggested assignments for one plan item (pure: no Nest, no database).
 *
 * Departments come from the duty map: every rule whose keyword occurs in the item scores its weight for its
 * unit (a keyword in the title scores triple; a keyword inside a longer
 * matched keyword does not count); the strongest unit leads when it reaches LEAD_MIN, otherwise
 * 市生态环境局 (the fallback lead) does; other units that reach SUPPORT_MIN support, the strongest MAX_SUPPORTS.
 *
 * Counties and zones (role `county`), a documented rule:
 *   1. the ones the text names (the parser resolved names, aliases and the document's group abbreviations
 *      into `mentionedOrgUnitIds`);
 *   2. all 13 when the text speaks of every county (各县（市、区）, 各地, 县域 …);
 *   3. all 13 when it names none and the work is local: its title says what is done on the ground
 *      (治理, 整治, 修复, 建设 … — LOCAL_WORK) and not that it is a city-level system, plan or capacity
 *      (机制, 制度, 体系, 方案, 监测, 能力 … — CITY_LEVEL);
 *   otherwise none: city-level work is the departments' alone.
 *
 * Deadline: the item's last dated milestone within the plan period, else the plan's end; earlier milestones
 * travel with the assignment (status 'open'). A date on a non-working day moves to the previous working day.
 */
import type { AssignmentRole, OrgUnitKind, ReportCycle, WorkingCalendar } from '@duban/domain';
import type { GroupAbbreviation } from '@duban/plan-parser';
import type { AssignmentMilestone } from './assignment.entity';

export const SUGGESTION_TUNING = {
  /** A keyword found in the title scores this many times its weight. */
  titleFactor: 3,
  /** The strongest department leads only from this score on (else the fallback lead). */
  leadMin: 5,
  /** Other departments support from this score on … */
  supportMin: 7,
  /** … the strongest this many. */
  maxSupports: 4,
} as const;

export const FALLBACK_LEAD_CODE = 'ecology-environment';
export const DEFAULT_REPORT_CYCLE: ReportCycle = 'quarterly';

/** Phrases that put a task on every county, district and zone. */
export const EVERY_COUNTY_PHRASES = [
  '各县（市、区）',
  '各县(市、区)',
  '各县市区',
  '各县区',
  '全市各县',
  '各地',
  '县域',
  '各功能区',
  '各开发区',
];

/** Title words of work done on the ground, in every county. */
export const LOCAL_WORK_WORDS = [
  '治理',
  '整治',
  '防治',
  '修复',
  '保护',
  '恢复',
  '造林',
  '绿化',
  '改造',
  '污水',
  '垃圾',
  '养殖',
  '创建',
  '减量',
  '减排',
  '节能',
  '管控',
  '调查',
  '排污口',
  '水土流失',
  '噪声',
  '油烟',
  '面源',
  '建设',
  '农村',
  '乡村',
  '排放',
];

/** Title words of city-level systems, plans and capacities: no county is named for these. */
export const CITY_LEVEL_WORDS = [
  '机制',
  '制度',
  '体系',
  '格局',
  '结构',
  '方案',
  '核算',
  '市场',
  '信用',
  '许可',
  '预警',
  '督察',
  '监测',
  '宣传',
  '战略',
  '试点',
  '领导',
  '队伍',
  '投入',
  '监督',
  '气候',
  '模式',
  '方式',
  '能力',
  '执法',
  '布局',
  '规划',
  '监管',
  '责任',
];

export interface SuggestItem {
  title: string;
  body: string;
  milestones: { date: string; text: string }[];
  mentionedOrgUnitIds: string[];
}

export interface SuggestUnit {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  aliases: string[];
}

export interface SuggestRule {
  keywords: string[];
  orgUnitId: string;
  weight: number;
}

export interface SuggestContext {
  plan: { periodStart: string; periodEnd: string };
  units: SuggestUnit[];
  rules: SuggestRule[];
  calendar: WorkingCalendar;
  /** The city's group abbreviations (settings.locality.groups). */
  groups: GroupAbbreviation[];
}

export interface Suggestion {
  orgUnitId: string;
  orgUnitName: string;
  role: AssignmentRole;
  deadline: string;
  reportCycle: ReportCycle;
  milestones: AssignmentMilestone[];
  /** The duty-map score (departments only). */
  score: number | null;
  reasons: string[];
}

export interface ItemSchedule {
  deadline: string;
  milestones: AssignmentMilestone[];
  reasons: string[];
}

/**
 * The default deadline and milestones of an item: its last dated milestone within the plan period, else the
 * plan's end; the earlier milestones (same date merged); each moved off non-working days.
 */
export function itemSchedule(
  item: Pick<SuggestItem, 'milestones'>,
  plan: { periodStart: string; periodEnd: string },
  calendar: WorkingCalendar,
): ItemSchedule {
  const dated = item.milestones
    .filter((m) => m.date >= plan.periodStart && m.date <= plan.periodEnd)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const reasons: string[] = [];
  const last = dated[dated.length - 1];
  const raw = last ? last.date : plan.periodEnd;
  const deadline = workingDayOnOrBefore(raw, plan, calendar);
  reasons.push(last ? `截止日期取条目最后一个里程碑：${raw}（${clip(last.text)}）` : `条目没有里程碑，截止日期取规划期末：${raw}`);
  if (deadline !== raw) reasons.push(`${raw} 不是工作日，截止日期提前到 ${deadline}`);
  return { deadline, milestones: milestonesBefore(dated, deadline, plan, calendar), reasons };
}

/** The item's dated milestones strictly before `deadline`, moved off non-working days, one per date. */
export function milestonesBefore(
  milestones: { date: string; text: string }[],
  deadline: string,
  plan: { periodStart: string; periodEnd: string },
  calendar: WorkingCalendar,
): AssignmentMilestone[] {
  const byDate = new Map<string, string[]>();
  for (const m of milestones) {
    if (m.date < plan.periodStart || m.date > plan.periodEnd || m.date > deadline) continue;
    const date = workingDayOnOrBefore(m.date, plan, calendar);
    if (date >= deadline) continue;
    byDate.set(date, [...(byDate.get(date) ?? []), m.text]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, texts]) => ({ date, text: [...new Set(texts)].join('；'), status: 'open' as const }));
}

/** The previous working day on or before `date`, unless that leaves the plan period (then `date` itself). */
export function workingDayOnOrBefore(date: string, plan: { periodStart: string }, calendar: WorkingCalendar): string {
  const moved = calendar.previousWorkingDayOnOrBefore(date);
  return moved < plan.periodStart ? date : moved;
}

interface Score {
  unit: SuggestUnit;
  score: number;
  titleScore: number;
  words: string[];
}

interface Hit {
  unitId: string;
  word: string;
  weight: number;
  inTitle: boolean;
  start: number;
  end: number;
}

/** Every occurrence of `word` in `text`. */
function occurrences(text: string, word: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
  return at;
}

/**
 * Departments by duty-map score, strongest first. The most specific keyword wins: an occurrence that lies inside
 * the occurrence of a longer keyword (of any unit) does not count, so 农村生活污水 is not also 生活污水 and
 * 饮用水水源 is not also 用水.
 */
export function scoreDepartments(item: Pick<SuggestItem, 'title' | 'body'>, units: SuggestUnit[], rules: SuggestRule[]): Score[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  // One weight per (unit, keyword): the highest of the unit's rules that list it.
  const weights = new Map<string, Map<string, number>>();
  for (const r of rules) {
    const unit = byId.get(r.orgUnitId);
    if (!unit || unit.kind !== 'department' || !(r.weight > 0)) continue;
    const words = weights.get(unit.id) ?? new Map<string, number>();
    for (const k of r.keywords) if (k && (words.get(k) ?? 0) < r.weight) words.set(k, r.weight);
    weights.set(unit.id, words);
  }
  const hits: Hit[] = [];
  for (const [unitId, words] of weights) {
    for (const [word, weight] of words) {
      for (const start of occurrences(item.title, word))
        hits.push({ unitId, word, weight, inTitle: true, start, end: start + word.length });
      for (const start of occurrences(item.body, word))
        hits.push({ unitId, word, weight, inTitle: false, start, end: start + word.length });
    }
  }
  const counted = hits.filter(
    (h) => !hits.some((o) => o.inTitle === h.inTitle && o.word.length > h.word.length && o.start <= h.start && o.end >= h.end),
  );
  // Per unit and word: the title (times titleFactor) if it occurs there, else the body.
  const best = new Map<string, Map<string, { points: number; inTitle: boolean; at: number }>>();
  for (const h of counted) {
    const words = best.get(h.unitId) ?? new Map<string, { points: number; inTitle: boolean; at: number }>();
    const points = h.inTitle ? h.weight * SUGGESTION_TUNING.titleFactor : h.weight;
    const at = h.inTitle ? h.start - 100_000 : h.start;
    const seen = words.get(h.word);
    if (!seen || points > seen.points || (points === seen.points && at < seen.at)) words.set(h.word, { points, inTitle: h.inTitle, at });
    best.set(h.unitId, words);
  }
  const scores: Score[] = [];
  for (const [unitId, words] of best) {
    const list = [...words.entries()].sort(([, a], [, b]) => a.at - b.at);
    scores.push({
      unit: byId.get(unitId)!,
      score: list.reduce((sum, [, w]) => sum + w.points, 0),
      titleScore: list.reduce((sum, [, w]) => sum + (w.inTitle ? w.points : 0), 0),
      words: list.map(([word]) => word),
    });
  }
  return scores.sort(
    (a, b) =>
      b.score - a.score ||
      b.titleScore - a.titleScore ||
      Number(b.unit.code === FALLBACK_LEAD_CODE) - Number(a.unit.code === FALLBACK_LEAD_CODE) ||
      a.unit.code.localeCompare(b.unit.code),
  );
}

/** The counties and zones an item is put on, each with why (see the file comment for the rule). */
export function countyScope(item: SuggestItem, units: SuggestUnit[], groups: GroupAbbreviation[]): Map<string, string[]> {
  const places = units.filter((u) => u.kind === 'county' || u.kind === 'zone');
  const text = `${item.title}\n${item.body}`;
  const result = new Map<string, string[]>();
  const add = (unit: SuggestUnit, reason: string) => result.set(unit.id, [...(result.get(unit.id) ?? []), reason]);
  for (const unit of places.filter((u) => item.mentionedOrgUnitIds.includes(u.id))) add(unit, namedBecause(unit, text, groups));
  const every = EVERY_COUNTY_PHRASES.find((p) => text.includes(p));
  if (every) {
    for (const unit of places) add(unit, `文中要求“${every}”落实，全部 ${places.length} 个县（市、区）和功能区`);
    return result;
  }
  if (result.size === 0) {
    const local = LOCAL_WORK_WORDS.find((w) => item.title.includes(w));
    const cityLevel = CITY_LEVEL_WORDS.find((w) => item.title.includes(w));
    if (local && !cityLevel) {
      for (const unit of places)
        add(unit, `未点名县区，标题含“${local}”，属各地落实的面上工作，全部 ${places.length} 个县（市、区）和功能区`);
    }
  }
  return result;
}

function namedBecause(unit: SuggestUnit, text: string, groups: GroupAbbreviation[]): string {
  const name = [unit.name, ...unit.aliases].find((n) => n && text.includes(n));
  if (name) return `文中点名：${name}`;
  const group = groups.find((g) => text.includes(g.abbreviation) && g.members.some((m) => m === unit.name || unit.aliases.includes(m)));
  return group ? `文中点名组团“${group.abbreviation}”（${group.members.join('、')}）` : '文中点名';
}

/** Lead, supports and counties for one item, each with its reasons in Chinese. */
export function suggestAssignments(item: SuggestItem, ctx: SuggestContext): Suggestion[] {
  const schedule = itemSchedule(item, ctx.plan, ctx.calendar);
  const base = { deadline: schedule.deadline, reportCycle: DEFAULT_REPORT_CYCLE, milestones: schedule.milestones };
  const scores = scoreDepartments(item, ctx.units, ctx.rules);
  const fallback = ctx.units.find((u) => u.code === FALLBACK_LEAD_CODE);
  const out: Suggestion[] = [];
  const words = (s: Score) => `命中关键词：${s.words.join('、')}`;

  const top = scores[0];
  let lead: SuggestUnit | undefined;
  if (top && top.score >= SUGGESTION_TUNING.leadMin) {
    lead = top.unit;
    out.push({
      ...base,
      orgUnitId: top.unit.id,
      orgUnitName: top.unit.name,
      role: 'lead',
      score: top.score,
      reasons: [words(top), `职责匹配得分 ${top.score}，最高，定为牵头单位`, ...schedule.reasons],
    });
  } else if (fallback) {
    lead = fallback;
    const own = scores.find((s) => s.unit.id === fallback.id);
    out.push({
      ...base,
      orgUnitId: fallback.id,
      orgUnitName: fallback.name,
      role: 'lead',
      score: own?.score ?? 0,
      reasons: [
        top
          ? `没有部门的职责匹配得分达到 ${SUGGESTION_TUNING.leadMin}（最高 ${top.unit.name} ${top.score}）`
          : '职责清单中没有命中的关键词',
        `默认由${fallback.name}牵头`,
        ...schedule.reasons,
      ],
    });
  }
  const supports = scores
    .filter((s) => s.unit.id !== lead?.id && s.score >= SUGGESTION_TUNING.supportMin)
    .slice(0, SUGGESTION_TUNING.maxSupports);
  for (const s of supports) {
    out.push({
      ...base,
      orgUnitId: s.unit.id,
      orgUnitName: s.unit.name,
      role: 'support',
      score: s.score,
      reasons: [words(s), `职责匹配得分 ${s.score}（≥ ${SUGGESTION_TUNING.supportMin}），定为配合单位`],
    });
  }
  const counties = countyScope(item, ctx.units, ctx.groups);
  for (const unit of ctx.units.filter((u) => counties.has(u.id))) {
    out.push({ ...base, orgUnitId: unit.id, orgUnitName: unit.name, role: 'county', score: null, reasons: counties.get(unit.id)! });
  }
  return out;
}

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
