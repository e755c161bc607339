/**
 * The status sets that decide what is open, what counts and who sees what. Every query and check uses these
 * names (SQL binds them as arrays, `= ANY($n)`), never a copy of their members.
 */
import { ASSIGNMENT_STATUSES, REPORT_STATUSES, type AssignmentStatus, type ReportStatus } from './enums';

/** An assignment still open: not yet 销号 (completed) nor cancelled; counted as outstanding work. */
export const ASSIGNMENT_OPEN_STATUSES: readonly AssignmentStatus[] = ['not_started', 'in_progress', 'closure_requested'];

/** The complement of ASSIGNMENT_OPEN_STATUSES: nothing more happens to the assignment. */
export const ASSIGNMENT_CLOSED_STATUSES: readonly AssignmentStatus[] = ASSIGNMENT_STATUSES.filter(
  (s) => !ASSIGNMENT_OPEN_STATUSES.includes(s),
);

/**
 * Open and being worked on: reports fall due and milestones are chased. Not while a final report awaits 销号
 * (closure_requested), when the unit has nothing more to hand in.
 */
export const ASSIGNMENT_IN_WORK_STATUSES: readonly AssignmentStatus[] = ['not_started', 'in_progress'];

/** A report that counts as the period's report: submitted and on its way (a draft or a returned one does not). */
export const REPORT_COUNTED_STATUSES: readonly ReportStatus[] = ['submitted', 'confirmed', 'approved', 'accepted'];

/** A report on its way through review (submitted, confirmed, approved), not yet accepted or returned. */
export const REPORT_UNDER_REVIEW_STATUSES: readonly ReportStatus[] = ['submitted', 'confirmed', 'approved'];

/** A report that roles outside its unit may see: every status but a draft (a draft is the unit's own work). */
export const REPORT_VISIBLE_OUTSIDE_UNIT: readonly ReportStatus[] = ['submitted', 'confirmed', 'approved', 'accepted', 'returned'];

/** The complement of REPORT_VISIBLE_OUTSIDE_UNIT: statuses in which only the report's own unit sees it. */
export const REPORT_UNIT_ONLY_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((s) => !REPORT_VISIBLE_OUTSIDE_UNIT.includes(s));

export function isAssignmentOpen(status: AssignmentStatus): boolean {
  return ASSIGNMENT_OPEN_STATUSES.includes(status);
}

/** An indicator value that counts in the indicator's status: verified by the inspector (approved) or adopted by the office. */
export const INDICATOR_VALUE_COUNTED_STATUSES: readonly ReportStatus[] = ['approved', 'accepted'];
