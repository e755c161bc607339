/**
 * 红黄绿灯 (CONTRACT.md "Assignments"): red when overdue; yellow when the last reported progress trails 序时进度
 * (the share of the assignment's working days already past) by more than a setting, a report is late, or a
 * deadline, milestone or report is due within the reminder window; green otherwise. The API decides the cause in
 * SQL (assignment-read.ts) from stored facts; this file names the causes, their colours and their words.
 */

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** Why an assignment has its light, in the order the SQL tests them (the first that holds wins). */
export const LIGHT_CAUSES = [
  'completed',
  'cancelled',
  'overdue',
  'closure_review',
  'report_late',
  'behind',
  'deadline_soon',
  'report_soon',
  'on_schedule',
] as const;
export type LightCause = (typeof LIGHT_CAUSES)[number];

export const LIGHT_OF_CAUSE: Readonly<Record<LightCause, Light>> = {
  completed: 'green',
  cancelled: 'green',
  overdue: 'red',
  closure_review: 'green',
  report_late: 'yellow',
  behind: 'yellow',
  deadline_soon: 'yellow',
  report_soon: 'yellow',
  on_schedule: 'green',
};

/** The default gap (percentage points) between 序时进度 and reported progress that turns a light yellow. */
export const DEFAULT_LIGHT_GAP = 20;

/** The facts a reason quotes (all derived by the same SQL statement). */
export interface LightFacts {
  cause: LightCause;
  daysOverdue: number;
  expectedProgress: number;
  reportedProgress: number;
  /** The deadline or the first open milestone, whichever comes first, and the working days until it. */
  nextDate: string | null;
  nextDateIsDeadline: boolean;
  workingDaysToNextDate: number | null;
  nextReportPeriod: string | null;
  nextReportDue: string | null;
  workingDaysToReport: number | null;
}

/** 2025-09-28 → 2025年9月28日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function daysLeft(n: number | null): string {
  return n === null || n <= 0 ? '今天到期' : `还有 ${n} 个工作日`;
}

/** The light's reason in words, for the badge. */
export function lightReason(f: LightFacts): string {
  switch (f.cause) {
    case 'completed':
      return '已销号';
    case 'cancelled':
      return '已取消，不再督办';
    case 'overdue':
      return `已逾期 ${f.daysOverdue} 个工作日`;
    case 'closure_review':
      return '已申请销号，正在审核';
    case 'report_late':
      return `${f.nextReportPeriod ?? ''} 期报告逾期未报（应于 ${f.nextReportDue ? chineseDate(f.nextReportDue) : ''} 前报送）`;
    case 'behind':
      return `报送进度 ${f.reportedProgress}% 落后序时进度 ${f.expectedProgress}%（相差 ${f.expectedProgress - f.reportedProgress} 个百分点）`;
    case 'deadline_soon':
      return `${f.nextDateIsDeadline ? '截止日期' : '节点'} ${f.nextDate ? chineseDate(f.nextDate) : ''} ${daysLeft(f.workingDaysToNextDate)}`;
    case 'report_soon':
      return `${f.nextReportPeriod ?? ''} 期报告 ${f.nextReportDue ? chineseDate(f.nextReportDue) : ''} 到期，${daysLeft(f.workingDaysToReport)}`;
    case 'on_schedule':
      return `按序时推进（报送进度 ${f.reportedProgress}%，序时进度 ${f.expectedProgress}%）`;
  }
}
