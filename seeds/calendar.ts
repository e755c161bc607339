/**
 * The statutory calendar's seed data from `chinese-days` (holidays and 调休 make-up working days,
 * 2004–2026 in version 1.5.7), for the `calendar_years` and `calendar_days` tables.
 * Only years the package really has data for are included; later years are added by the admin.
 *
 * Reads the package's data file rather than its functions: the file says exactly which dates it lists,
 * while the functions answer "weekday = working day" for years they know nothing about.
 * A JSON import is a plain require() in our CommonJS build and works in vitest too.
 */
import type { CalendarData, CalendarDay, CalendarSeed } from '@duban/domain';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';

/** date → "English name,中文名,天数", e.g. "2025-10-06": "Mid-autumn Festival,中秋,1". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data: ChineseDaysData = chineseDaysData;

/** The years chinese-days lists holidays for (every real year has some), ascending. */
export const CHINESE_DAYS_YEARS: readonly number[] = [...new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))].sort(
  (a, b) => a - b,
);

/** "Mid-autumn Festival,中秋,1" → "中秋". */
function chineseName(value: string): string {
  return value.split(',')[1] ?? value;
}

/**
 * The years fromYear..toYear that chinese-days covers, with their holidays and make-up working days.
 * Years outside its data are left out (not guessed): `years` says which were included.
 */
export function chineseDaysCalendar(fromYear: number, toYear: number): CalendarSeed {
  const years = CHINESE_DAYS_YEARS.filter((y) => y >= fromYear && y <= toYear);
  const wanted = new Set(years);
  const days: CalendarDay[] = [];
  for (const kind of ['holiday', 'workday'] as const) {
    const map = kind === 'holiday' ? data.holidays : data.workdays;
    for (const [date, value] of Object.entries(map)) {
      if (wanted.has(Number(date.slice(0, 4)))) days.push({ date, kind, name: chineseName(value) });
    }
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years, days };
}

/** A year the admin explicitly declares to have no holidays or make-up days: weekends only. */
export function weekendsOnlyYear(year: number): CalendarData {
  return { years: [year], holidays: [], workdays: [] };
}
