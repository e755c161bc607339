import type { Language } from './labels';

/**
 * How the console labels each field, in Chinese and English. The API names fields with these words in its error
 * messages (CONTRACT.md "Messages"), and the console uses the same ones on its forms and lists.
 */
export type FieldLabel = Record<Language, string>;

export const FIELD_LABELS = {
  id: { zh: '编号', en: 'ID' },
  version: { zh: '版本号', en: 'Version' },
  createdAt: { zh: '创建时间', en: 'Created at' },
  updatedAt: { zh: '修改时间', en: 'Updated at' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  displayName: { zh: '姓名', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  orgUnitId: { zh: '单位', en: 'Unit' },
  active: { zh: '启用', en: 'Active' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  code: { zh: '代码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类别', en: 'Kind' },
  aliases: { zh: '别名', en: 'Aliases' },
  ladder: { zh: '催办阶梯', en: 'Escalation ladder' },
  locality: { zh: '本地设置', en: 'Locality' },
  supervisionNumber: { zh: '督办单文号模板', en: 'Supervision notice number template' },
  reminderDays: { zh: '提醒提前天数', en: 'Reminder days' },
  urge: { zh: '催办阈值', en: 'Urge threshold' },
  supervision: { zh: '督办阈值', en: 'Supervision threshold' },
  interview: { zh: '约谈/通报阈值', en: 'Interview threshold' },
  responseDays: { zh: '答复期限', en: 'Response days' },
  reportDue: { zh: '报送期限', en: 'Report due days' },
  receipt: { zh: '签收', en: 'Receipt' },
  workingDays: { zh: '签收时限（工作日）', en: 'Working days to acknowledge' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  acknowledgedAt: { zh: '签收时间', en: 'Acknowledged at' },
  monthly: { zh: '月报', en: 'Monthly' },
  quarterly: { zh: '季报', en: 'Quarterly' },
  semiannual: { zh: '半年报', en: 'Semiannual' },
  annual: { zh: '年报', en: 'Annual' },
  lightGap: { zh: '黄灯进度差', en: 'Yellow-light progress gap' },
  uploadMaxBytes: { zh: '上传上限', en: 'Upload limit' },
  evaluationWeights: { zh: '考核权重', en: 'Evaluation weights' },
  onTime: { zh: '按时率权重', en: 'On-time weight' },
  quality: { zh: '质量权重', en: 'Quality weight' },
  indicators: { zh: '指标权重', en: 'Indicator weight' },
  today: { zh: '当前日期', en: 'Today' },
  now: { zh: '运行日期', en: 'Run date' },
  comment: { zh: '意见', en: 'Comment' },
  reason: { zh: '原因', en: 'Reason' },
  year: { zh: '年份', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
  date: { zh: '日期', en: 'Date' },
  source: { zh: '日历来源', en: 'Calendar source' },
  days: { zh: '节假日与调休', en: 'Holidays and make-up days' },
  assignmentId: { zh: '任务', en: 'Assignment' },
  reportId: { zh: '报告', en: 'Report' },
  period: { zh: '报送期', en: 'Period' },
  summary: { zh: '进展情况', en: 'Summary' },
  progress: { zh: '完成进度', en: 'Progress' },
  final: { zh: '销号申请', en: 'Final report' },
  planId: { zh: '规划', en: 'Plan' },
  planItemId: { zh: '规划条目', en: 'Plan item' },
  status: { zh: '状态', en: 'Status' },
  keywords: { zh: '关键词', en: 'Keywords' },
  weight: { zh: '权重', en: 'Weight' },
  text: { zh: '文本', en: 'Text' },
  deadline: { zh: '截止日期', en: 'Deadline' },
  reportCycle: { zh: '报送周期', en: 'Report cycle' },
  milestones: { zh: '阶段节点', en: 'Milestones' },
  assignments: { zh: '分工', en: 'Assignments' },
  chapter: { zh: '章', en: 'Chapter' },
  response: { zh: '答复', en: 'Response' },
  promisedDate: { zh: '承诺完成时间', en: 'Promised date' },
  file: { zh: '文件', en: 'File' },
  filename: { zh: '文件名', en: 'File name' },
  ids: { zh: '所选记录', en: 'Selected records' },
  filter: { zh: '筛选条件', en: 'Filter' },
  sort: { zh: '排序', en: 'Sort' },
  range: { zh: '分页范围', en: 'Range' },
  q: { zh: '搜索', en: 'Search' },
  responsibleOrgUnitId: { zh: '责任单位', en: 'Responsible unit' },
  comparator: { zh: '目标要求', en: 'Target bound' },
  indicatorId: { zh: '指标', en: 'Indicator' },
  value: { zh: '数值', en: 'Value' },
  assessment: { zh: '核查评判', en: 'Assessment' },
  asOf: { zh: '考核截止日期', en: 'As of' },
  // A plan's rows, as a re-import names what it changed.
  title: { zh: '标题', en: 'Title' },
  number: { zh: '编号', en: 'Number' },
  body: { zh: '原文', en: 'Text' },
  parentId: { zh: '上级条目', en: 'Parent' },
  assignable: { zh: '可分解', en: 'Assignable' },
  position: { zh: '顺序', en: 'Position' },
  line: { zh: '行号', en: 'Line' },
  periods: { zh: '分期', en: 'Periods' },
  targets: { zh: '目标', en: 'Targets' },
  subItems: { zh: '子项', en: 'Sub-items' },
  mentionedOrgUnitIds: { zh: '提及单位', en: 'Units mentioned' },
  glossaryTermIds: { zh: '名词解释', en: 'Glossary terms' },
  term: { zh: '名词', en: 'Term' },
  explanation: { zh: '解释', en: 'Explanation' },
  scope: { zh: '范围', en: 'Scope' },
} as const satisfies Record<string, FieldLabel>;

/**
 * The label of a field path as the validator reports it (`deadline`, `assignments.0.milestones.1.date`):
 * 分工第 1 项的阶段节点第 2 项的日期 / Assignments #1: Milestones #2: Date. A field without a label keeps its name.
 */
export function fieldLabel(path: string, lang: Language): string {
  const parts: string[] = [];
  for (const segment of path.split('.').filter((s) => s !== '')) {
    if (/^\d+$/.test(segment) && parts.length > 0) {
      const n = Number(segment) + 1;
      parts[parts.length - 1] += lang === 'zh' ? `第 ${n} 项` : ` #${n}`;
    } else {
      parts.push(Object.hasOwn(FIELD_LABELS, segment) ? (FIELD_LABELS as Record<string, FieldLabel>)[segment][lang] : segment);
    }
  }
  return parts.join(lang === 'zh' ? '的' : ': ');
}
