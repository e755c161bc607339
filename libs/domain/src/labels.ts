import type { IndicatorStatus } from './indicator-status';
import type { AssignmentRole, AssignmentStatus, EscalationKind, OrgUnitKind, PlanStatus, ReportCycle, ReportStatus, Role } from './enums';

/**
 * The words for every enum value, in Chinese and English: the one source for the API's exports, notices and
 * messages and for the console's i18n catalogue (apps/console/src/i18n). Field names live elsewhere.
 */
export interface Labels {
  role: Record<Role, string>;
  orgUnitKind: Record<OrgUnitKind, string>;
  assignmentRole: Record<AssignmentRole, string>;
  assignmentStatus: Record<AssignmentStatus, string>;
  reportStatus: Record<ReportStatus, string>;
  planStatus: Record<PlanStatus, string>;
  escalationKind: Record<EscalationKind, string>;
  reportCycle: Record<ReportCycle, string>;
  /** an indicator row's status in a year (indicator-status.ts) */
  indicatorStatus: Record<IndicatorStatus, string>;
}

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const zh: Labels = {
  role: { admin: '管理员', office: '委办公室', inspector: '核查人员', leader: '分管领导', liaison: '联络员' },
  orgUnitKind: { office: '委办公室', department: '部门', county: '县（市、区）', zone: '功能区' },
  assignmentRole: { lead: '牵头单位', support: '配合单位', county: '落实县（市、区）' },
  assignmentStatus: {
    not_started: '未开始',
    in_progress: '进行中',
    closure_requested: '申请销号',
    completed: '已销号',
    cancelled: '已取消',
  },
  reportStatus: {
    draft: '草稿',
    submitted: '已报送',
    confirmed: '已确认',
    approved: '已核查通过',
    accepted: '已销号',
    returned: '已退回',
  },
  planStatus: { draft: '草稿', published: '已发布' },
  escalationKind: { reminder: '提醒', urge: '催办', supervision: '督办', interview: '约谈/通报' },
  reportCycle: { monthly: '月度', quarterly: '季度', semiannual: '半年', annual: '年度' },
  indicatorStatus: { met: '已达标', on_track: '符合进度', at_risk: '有风险', off_track: '偏离目标', judged: '待核查评判' },
};

const en: Labels = {
  role: { admin: 'Administrator', office: 'Commission office', inspector: 'Inspector', leader: 'Leader in charge', liaison: 'Liaison' },
  orgUnitKind: { office: 'Commission office', department: 'Department', county: 'County', zone: 'Functional zone' },
  assignmentRole: { lead: 'Lead unit', support: 'Supporting unit', county: 'Implementing county' },
  assignmentStatus: {
    not_started: 'Not started',
    in_progress: 'In progress',
    closure_requested: 'Closure requested',
    completed: 'Closed',
    cancelled: 'Cancelled',
  },
  reportStatus: {
    draft: 'Draft',
    submitted: 'Submitted',
    confirmed: 'Confirmed',
    approved: 'Approved',
    accepted: 'Accepted',
    returned: 'Returned',
  },
  planStatus: { draft: 'Draft', published: 'Published' },
  escalationKind: { reminder: 'Reminder', urge: 'Urge', supervision: 'Supervision notice', interview: 'Interview / bulletin' },
  reportCycle: { monthly: 'Monthly', quarterly: 'Quarterly', semiannual: 'Half-yearly', annual: 'Yearly' },
  indicatorStatus: { met: 'Met', on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', judged: 'To be judged' },
};

/** `LABELS.zh` is what the API's documents and notices say; the console picks by the user's locale. */
export const LABELS: Readonly<Record<Language, Readonly<Labels>>> = { zh, en };

/**
 * What a notice chases, in words: its `target` (`deadline`, `milestone:YYYY-MM-DD`, `report:<period>`,
 * `promise:<id>`, `manual:<date>`) as 截止日期 / 里程碑 / 报告期 2024-Q2 …; the date itself is the notice's `targetDate`.
 */
const TARGET_WORDS: Record<Language, Record<'deadline' | 'milestone' | 'report' | 'promise' | 'manual' | 'receipt', string>> = {
  zh: { deadline: '截止日期', milestone: '里程碑', report: '报告期', promise: '承诺完成时间', manual: '督促事项', receipt: '签收' },
  en: {
    deadline: 'Deadline',
    milestone: 'Milestone',
    report: 'Report period',
    promise: 'Promised date',
    manual: 'Supervision matter',
    receipt: 'Receipt',
  },
};

export function targetLabel(target: string, language: Language = 'zh'): string {
  const words = TARGET_WORDS[language] ?? TARGET_WORDS.zh;
  const [kind, rest] = [target.split(':')[0], target.slice(target.indexOf(':') + 1)];
  if (kind === 'report' && target.includes(':')) return `${words.report} ${rest}`;
  if (kind in words) return words[kind as keyof typeof words];
  return target;
}
