/**
 * The one working-day implementation (DESIGN.md "One calendar"): weekends and statutory holidays are
 * off, 调休 make-up working days are on. The data comes from the calendar tables (seeded from
 * chinese-days, extended by the admin); a year that is not in the data is an error, never a guess.
 */
import { dayOfWeek, formatDate, fromDayNumber, toDayNumber } from './dates';

export interface CalendarData {
  /** Years the data covers completely (a year with no holidays listed is a weekends-only year). */
  years: number[];
  /** Days off besides weekends ('YYYY-MM-DD'); a holiday on a weekend is harmless. */
  holidays: string[];
  /** 调休 make-up working days: weekend days that are worked. */
  workdays: string[];
}

export type CalendarDayKind = 'holiday' | 'workday';
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const satisfies readonly CalendarDayKind[];

/** One row of the `calendar_days` table. */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** The calendar tables' content: `calendar_years` and `calendar_days`. */
export interface CalendarSeed {
  years: number[];
  days: CalendarDay[];
}

export function toCalendarData(seed: CalendarSeed): CalendarData {
  return {
    years: [...seed.years],
    holidays: seed.days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: seed.days.filter((d) => d.kind === 'workday').map((d) => d.date),
  };
}

export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(
      `工作日历缺少 ${year} 年的数据，无法计算工作日。请管理员在“工作日历”中添加 ${year} 年` +
        `（按国务院办公厅节假日安排通知录入节假日和调休上班日，或明确设为仅双休日）。`,
    );
    this.name = 'CalendarYearMissingError';
  }
}

/** The warning a reading answer carries when it counted days of years the calendar lacks as weekends-only. */
export function calendarWarningFor(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const list = [...years].sort((a, b) => a - b).join('、');
  return `工作日历缺少 ${list} 年，这些年份暂按仅双休日计算（未计节假日和调休）。请管理员在“工作日历”中添加 ${list} 年。`;
}

export interface WorkingCalendarOptions {
  /**
   * What a date in a year the data lacks means: an error (the default: writes and the sweep never guess), or a
   * weekends-only day (reading: lists and schedules still answer, with `calendarWarningFor`).
   */
  missingYears?: 'error' | 'weekends-only';
}

export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly cumulative = new Map<number, Uint16Array>();
  private readonly lenient: boolean;

  constructor(data: CalendarData, options: WorkingCalendarOptions = {}) {
    this.years = new Set(data.years);
    this.holidays = new Set(data.holidays);
    this.workdays = new Set(data.workdays);
    this.lenient = options.missingYears === 'weekends-only';
  }

  /** The years among `years` that the data lacks (counted as weekends-only by a reading calendar). */
  missingAmong(years: Iterable<number>): number[] {
    return [...new Set(years)].filter((y) => !this.years.has(y)).sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    const dow = dayOfWeek(date); // validates the date
    this.requireYear(Number(date.slice(0, 4)));
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return dow !== 0 && dow !== 6;
  }

  /**
   * n > 0: the nth working day after `date` (the first working day after it is day 1);
   * n < 0: the |n|th working day before it; n = 0: `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
    let day = toDayNumber(date);
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (this.isWorkingDay(fromDayNumber(day))) left--;
    }
    return fromDayNumber(day);
  }

  /** The number of working days d with from < d <= to; 0 when to <= from. */
  workingDaysBetween(from: string, to: string): number {
    const first = toDayNumber(from) + 1;
    const last = toDayNumber(to);
    if (last < first) return 0;
    const [firstYear, firstIndex] = this.yearAndIndex(first);
    const [lastYear, lastIndex] = this.yearAndIndex(last);
    // Tables are cumulative: t[i + 1] - t[j] = working days among the year's days j..i.
    if (firstYear === lastYear) {
      const t = this.yearTable(firstYear);
      return t[lastIndex + 1]! - t[firstIndex]!;
    }
    const head = this.yearTable(firstYear);
    let total = head[head.length - 1]! - head[firstIndex]!;
    for (let y = firstYear + 1; y < lastYear; y++) {
      const t = this.yearTable(y);
      total += t[t.length - 1]!;
    }
    return total + this.yearTable(lastYear)[lastIndex + 1]!;
  }

  previousWorkingDayOnOrBefore(date: string): string {
    let day = toDayNumber(date);
    while (!this.isWorkingDay(fromDayNumber(day))) day--;
    return fromDayNumber(day);
  }

  nextWorkingDayOnOrAfter(date: string): string {
    let day = toDayNumber(date);
    while (!this.isWorkingDay(fromDayNumber(day))) day++;
    return fromDayNumber(day);
  }

  private requireYear(year: number): void {
    if (!this.lenient && !this.years.has(year)) throw new CalendarYearMissingError(year);
  }

  /** [year, index of the day within its year (Jan 1 = 0)]. */
  private yearAndIndex(day: number): [number, number] {
    const year = Number(fromDayNumber(day).slice(0, 4));
    return [year, day - toDayNumber(formatDate(year, 1, 1))];
  }

  /** cumulative[i] = working days among the year's first i days (built once per year). */
  private yearTable(year: number): Uint16Array {
    this.requireYear(year);
    let table = this.cumulative.get(year);
    if (!table) {
      const start = toDayNumber(formatDate(year, 1, 1));
      const length = toDayNumber(formatDate(year + 1, 1, 1)) - start;
      table = new Uint16Array(length + 1);
      for (let i = 0; i < length; i++) {
        table[i + 1] = table[i]! + (this.isWorkingDay(fromDayNumber(start + i)) ? 1 : 0);
      }
      this.cumulative.set(year, table);
    }
    return table;
  }
}
