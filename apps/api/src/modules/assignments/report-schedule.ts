/**
 * An assignment's report periods and their due dates (CONTRACT.md "Periods"), from libs/domain and the due-day
 * setting: the first period is the first that ends after the assignment was made, the last contains its deadline,
 * and a period's report is due on the Nth working day after it ends.
 */
import {
  ASSIGNMENT_IN_WORK_STATUSES,
  nextReportDue,
  parsePeriod,
  periodsForAssignment,
  REPORT_COUNTED_STATUSES,
  reportDueDate,
  todayInShanghai,
  type AssignmentStatus,
  type ReportCycle,
  type ReportStatus,
  type WorkingCalendar,
} from '@duban/domain';

export interface ScheduleInput {
  assignedOn: string;
  deadline: string;
  reportCycle: ReportCycle;
  status: AssignmentStatus;
}

/** The oldest period without a counted report and its due date; nulls when nothing is asked for. */
export function nextDue(
  a: ScheduleInput,
  reportedPeriods: Iterable<string>,
  calendar: WorkingCalendar,
  dueDays: number,
): { nextReportDue: string | null; nextReportPeriod: string | null } {
  if (!ASSIGNMENT_IN_WORK_STATUSES.includes(a.status)) return { nextReportDue: null, nextReportPeriod: null };
  const next = nextReportDue({ assignedOn: a.assignedOn, deadline: a.deadline, cycle: a.reportCycle }, reportedPeriods, calendar, dueDays);
  return { nextReportDue: next?.dueDate ?? null, nextReportPeriod: next?.period ?? null };
}

export interface ScheduledReport {
  id: string;
  period: string;
  status: ReportStatus;
  final: boolean;
  submittedAt: Date | null;
  firstSubmittedAt: Date | null;
}

export interface SchedulePeriod {
  period: string;
  start: string;
  end: string;
  dueDate: string;
  reportId: string | null;
  reportStatus: ReportStatus | null;
  final: boolean | null;
  /** When it was first submitted (Asia/Shanghai date), if it was. */
  submittedOn: string | null;
  /** The period is counted as reported (a submitted report on its way; drafts and returned ones are not). */
  reported: boolean;
  /** Its due date has passed without a counted report. */
  late: boolean;
}

/** Every period of the assignment with its due date and its report, if any. */
export function schedule(
  a: Pick<ScheduleInput, 'assignedOn' | 'deadline' | 'reportCycle'>,
  reports: ScheduledReport[],
  calendar: WorkingCalendar,
  dueDays: number,
  today: string,
): SchedulePeriod[] {
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  return periodsForAssignment({ assignedOn: a.assignedOn, deadline: a.deadline, cycle: a.reportCycle }).map((period) => {
    const range = parsePeriod(period, a.reportCycle)!;
    const dueDate = reportDueDate(period, a.reportCycle, calendar, dueDays);
    const report = byPeriod.get(period);
    const reported = report !== undefined && REPORT_COUNTED_STATUSES.includes(report.status);
    return {
      period,
      start: range.start,
      end: range.end,
      dueDate,
      reportId: report?.id ?? null,
      reportStatus: report?.status ?? null,
      final: report?.final ?? null,
      submittedOn: report?.firstSubmittedAt ? todayInShanghai(report.firstSubmittedAt) : null,
      reported,
      late: !reported && dueDate < today,
    };
  });
}
