/**
 * Report periods (CONTRACT.md "Periods"): monthly `2024-07`, quarterly `2024-Q3`, semiannual `2024-H2`,
 * annual `2024`. An assignment's first period is the first that ends after the assignment was made;
 * its last contains its deadline. A period's report is due on the Nth working day after it ends.
 */
import type { WorkingCalendar } from './calendar';
import { daysInMonth, formatDate, isDateString } from './dates';
import type { ReportCycle } from './enums';

export interface PeriodRange {
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** Last day, 'YYYY-MM-DD'. */
  end: string;
}

/** The default N of the due rule (a setting per cycle). */
export const DEFAULT_REPORT_DUE_WORKING_DAYS = 5;

/** Months per period, and the pattern whose capture groups are the year and the period's number. */
const CYCLES: Record<ReportCycle, { months: number; pattern: RegExp; format: (year: number, n: number) => string }> = {
  monthly: { months: 1, pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, format: (y, n) => `${y}-${String(n).padStart(2, '0')}` },
  quarterly: { months: 3, pattern: /^(\d{4})-Q([1-4])$/, format: (y, n) => `${y}-Q${n}` },
  semiannual: { months: 6, pattern: /^(\d{4})-H([12])$/, format: (y, n) => `${y}-H${n}` },
  annual: { months: 12, pattern: /^(\d{4})()$/, format: (y) => String(y) },
};

function parts(period: string, cycle: ReportCycle): [year: number, n: number] | null {
  const def = CYCLES[cycle];
  const m = typeof period === 'string' ? def?.pattern.exec(period) : null;
  if (!m) return null;
  return [Number(m[1]), m[2] ? Number(m[2]) : 1];
}

function requireParts(period: string, cycle: ReportCycle): [number, number] {
  const p = parts(period, cycle);
  if (!p) throw new RangeError(`'${period}' is not a ${cycle} period`);
  return p;
}

/** The period's first and last day, or null when `s` is malformed or not a period of `cycle`. */
export function parsePeriod(s: string, cycle: ReportCycle): PeriodRange | null {
  const p = parts(s, cycle);
  if (!p) return null;
  const [year, n] = p;
  const months = CYCLES[cycle].months;
  const firstMonth = (n - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  return { start: formatDate(year, firstMonth, 1), end: formatDate(year, lastMonth, daysInMonth(year, lastMonth)) };
}

/** The period of `cycle` that contains `date`. */
export function periodContaining(date: string, cycle: ReportCycle): string {
  if (!isDateString(date)) throw new RangeError(`invalid date '${String(date)}', expected YYYY-MM-DD`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return CYCLES[cycle].format(year, Math.floor((month - 1) / CYCLES[cycle].months) + 1);
}

/** The period after `period`; throws RangeError when `period` is not a period of `cycle`. */
export function nextPeriod(period: string, cycle: ReportCycle): string {
  const [year, n] = requireParts(period, cycle);
  const perYear = 12 / CYCLES[cycle].months;
  return n < perYear ? CYCLES[cycle].format(year, n + 1) : CYCLES[cycle].format(year + 1, 1);
}

/**
 * The periods an assignment reports on, oldest first: from the first period that ends after `assignedOn`
 * (no retroactive misses) to the one containing `deadline`. Never empty: when the deadline's period ends
 * before that first period (a deadline on or just before the assignment day), the first period alone.
 */
export function periodsForAssignment(a: { assignedOn: string; deadline: string; cycle: ReportCycle }): string[] {
  let period = periodContaining(a.assignedOn, a.cycle);
  if (parsePeriod(period, a.cycle)!.end <= a.assignedOn) period = nextPeriod(period, a.cycle);
  const deadlineEnd = parsePeriod(periodContaining(a.deadline, a.cycle), a.cycle)!.end;
  const periods = [period];
  for (;;) {
    period = nextPeriod(period, a.cycle);
    if (parsePeriod(period, a.cycle)!.end > deadlineEnd) return periods;
    periods.push(period);
  }
}

/** The day a period's report is due: the nth working day after the period ends (the first is day 1). */
export function reportDueDate(
  period: string,
  cycle: ReportCycle,
  calendar: WorkingCalendar,
  n: number = DEFAULT_REPORT_DUE_WORKING_DAYS,
): string {
  const range = parsePeriod(period, cycle);
  if (!range) throw new RangeError(`'${period}' is not a ${cycle} period`);
  return calendar.addWorkingDays(range.end, n);
}

/**
 * The oldest of the assignment's periods without a report yet, and its due date; null when every
 * period is reported. `reported`: the periods that already have a report (as the caller counts them).
 */
export function nextReportDue(
  a: { assignedOn: string; deadline: string; cycle: ReportCycle },
  reported: Iterable<string>,
  calendar: WorkingCalendar,
  n: number = DEFAULT_REPORT_DUE_WORKING_DAYS,
): { period: string; dueDate: string } | null {
  const done = new Set(reported);
  const period = periodsForAssignment(a).find((p) => !done.has(p));
  return period === undefined ? null : { period, dueDate: reportDueDate(period, a.cycle, calendar, n) };
}
