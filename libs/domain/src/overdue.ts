/** Days overdue and the escalation ladder (CONTRACT.md "Assignment status"; issue 6). */
import type { WorkingCalendar } from './calendar';

/** 0 none, 1 urge (催办), 2 supervision (督办), 3 interview/bulletin candidate (约谈/通报). */
export type EscalationLevel = 0 | 1 | 2 | 3;

/** Working days overdue at which each level is reached (settings). */
export interface EscalationThresholds {
  urge: number;
  supervision: number;
  interview: number;
}

export const DEFAULT_ESCALATION_THRESHOLDS: Readonly<EscalationThresholds> = { urge: 1, supervision: 5, interview: 15 };

/**
 * The working days after `deadline` up to and including `today` (0 when not past it):
 * deadline 2025-09-30, today 2025-10-09 → 1, because 1–8 October are holidays.
 */
export function daysOverdue(deadline: string, today: string, calendar: WorkingCalendar): number {
  return calendar.workingDaysBetween(deadline, today);
}

/** The highest level whose threshold `days` has reached. */
export function escalationLevelFor(days: number, thresholds: EscalationThresholds = DEFAULT_ESCALATION_THRESHOLDS): EscalationLevel {
  if (days >= thresholds.interview) return 3;
  if (days >= thresholds.supervision) return 2;
  if (days >= thresholds.urge) return 1;
  return 0;
}
