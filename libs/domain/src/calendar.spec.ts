import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar, CHINESE_DAYS_YEARS, weekendsOnlyYear } from '../../../seeds/calendar';
import { calendarWarningFor, CalendarYearMissingError, toCalendarData, WorkingCalendar } from './calendar';
import { addDays } from './dates';

const seed = chineseDaysCalendar(2023, 2026);
const cal = new WorkingCalendar(toCalendarData(seed));

describe('WorkingCalendar on the statutory calendar (chinese-days)', () => {
  it('should treat the 2025 National Day holidays as days off and the make-up Sunday and Saturday as working days', () => {
    expect(cal.isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('should treat Spring Festival 2024 (Feb 10–17) as days off and Sundays Feb 4 and Feb 18 as working days', () => {
    expect(cal.isWorkingDay('2024-02-03')).toBe(false);
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-09')).toBe(true); // 除夕, a Friday, worked in 2024
    for (let d = 10; d <= 17; d++) expect(cal.isWorkingDay(`2024-02-${d}`)).toBe(false);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.isWorkingDay('2024-02-19')).toBe(true);
    // Feb 2–29: 20 weekdays, 5 of them (12–16) holidays, plus the 2 make-up Sundays
    expect(cal.workingDaysBetween('2024-02-01', '2024-02-29')).toBe(17);
  });

  it('should step forward and backward over holidays by working days', () => {
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-09-30', 4)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-09-29', -1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-29', -2)).toBe('2025-09-26');
    expect(cal.addWorkingDays('2025-10-05', 0)).toBe('2025-10-05');
    expect(cal.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(cal.addWorkingDays('2024-02-18', -1)).toBe('2024-02-09');
    expect(() => cal.addWorkingDays('2025-10-05', 1.5)).toThrow(RangeError);
  });

  it('should move a date to the nearest working day on or before / on or after it', () => {
    expect(cal.previousWorkingDayOnOrBefore('2025-10-05')).toBe('2025-09-30');
    expect(cal.previousWorkingDayOnOrBefore('2025-09-28')).toBe('2025-09-28');
    expect(cal.previousWorkingDayOnOrBefore('2025-10-12')).toBe('2025-10-11');
    expect(cal.nextWorkingDayOnOrAfter('2025-10-01')).toBe('2025-10-09');
    expect(cal.nextWorkingDayOnOrAfter('2025-10-09')).toBe('2025-10-09');
    expect(cal.nextWorkingDayOnOrAfter('2025-09-27')).toBe('2025-09-28');
  });

  it('should count working days in (from, to]', () => {
    expect(cal.workingDaysBetween('2025-09-30', '2025-09-30')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-11')).toBe(6); // 9-28, 9-29, 9-30, 10-9, 10-10, 10-11
  });

  it('should count across year boundaries', () => {
    expect(cal.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02'); // 1 January is a holiday
    expect(cal.addWorkingDays('2025-01-02', -1)).toBe('2024-12-31');
    expect(cal.workingDaysBetween('2024-12-30', '2025-01-02')).toBe(2);
    // hand count: 2024 has 262 weekdays − 19 weekday holidays + 8 make-up days; 2025: 261 − 18 + 5
    expect(cal.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(cal.workingDaysBetween('2023-12-31', '2025-12-31')).toBe(499);
    expect(cal.workingDaysBetween('2024-06-30', '2025-06-30')).toBe(
      cal.workingDaysBetween('2024-06-30', '2024-12-31') + cal.workingDaysBetween('2024-12-31', '2025-06-30'),
    );
  });

  it('should agree with a day-by-day count over the whole seeded range', () => {
    let count = 0;
    for (let d = '2023-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d)) count++;
      if (d.endsWith('-15')) expect(cal.workingDaysBetween('2022-12-31', d)).toBe(count);
    }
    expect(cal.workingDaysBetween('2022-12-31', '2026-12-31')).toBe(count);
  });
});

describe('WorkingCalendar and missing years', () => {
  const only2025 = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2025, 2025)));

  it('should throw CalendarYearMissingError with the year and a Chinese message rather than guess', () => {
    const err = (() => {
      try {
        only2025.isWorkingDay('2026-01-05');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect((err as CalendarYearMissingError).year).toBe(2026);
    expect((err as Error).message).toContain('2026 年');
    expect((err as Error).message).toContain('管理员');
  });

  it('should throw when a calculation steps into a missing year', () => {
    expect(() => only2025.addWorkingDays('2025-12-31', 1)).toThrow(CalendarYearMissingError);
    expect(() => only2025.addWorkingDays('2025-01-02', -1)).toThrow(CalendarYearMissingError);
    expect(() => only2025.workingDaysBetween('2025-12-30', '2026-01-02')).toThrow(CalendarYearMissingError);
    expect(() => only2025.nextWorkingDayOnOrAfter('2027-01-01')).toThrow(CalendarYearMissingError);
    expect(() => only2025.previousWorkingDayOnOrBefore('2025-01-01')).toThrow(CalendarYearMissingError);
  });

  it('should not need the year of `from` when only later days are counted', () => {
    expect(only2025.workingDaysBetween('2024-12-31', '2025-01-03')).toBe(2);
  });

  it('should throw on a malformed date', () => {
    expect(() => only2025.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => only2025.workingDaysBetween('2025-1-1', '2025-02-01')).toThrow(RangeError);
  });

  it('should use plain weekends for a year the admin declares weekends-only', () => {
    const c = new WorkingCalendar(weekendsOnlyYear(2030));
    expect(c.isWorkingDay('2030-01-01')).toBe(true); // a Tuesday: no holiday data, by the admin's choice
    expect(c.isWorkingDay('2030-01-05')).toBe(false);
    expect(c.workingDaysBetween('2029-12-31', '2030-12-31')).toBe(261);
    expect(c.hasYear(2030)).toBe(true);
    expect(c.hasYear(2031)).toBe(false);
  });
});

describe('a reading calendar (missing years as weekends-only)', () => {
  const reading = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2025, 2026)), { missingYears: 'weekends-only' });

  it('should count a missing year by weekends alone instead of throwing', () => {
    expect(reading.isWorkingDay('2027-01-01')).toBe(true); // a Friday; New Year is not known without the data
    expect(reading.isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(reading.addWorkingDays('2026-12-31', 5)).toBe('2027-01-07');
    expect(reading.workingDaysBetween('2026-12-31', '2027-12-31')).toBe(261);
  });

  it('should keep the statutory days of the years it has', () => {
    expect(reading.isWorkingDay('2025-10-01')).toBe(false);
    expect(reading.isWorkingDay('2025-09-28')).toBe(true);
  });

  it('should name the missing years among those asked about, and warn in Chinese with each year', () => {
    expect(reading.missingAmong([2027, 2025, 2027, 2024])).toEqual([2024, 2027]);
    expect(reading.missingAmong([2025, 2026])).toEqual([]);
    expect(calendarWarningFor([])).toBeNull();
    const text = calendarWarningFor([2028, 2027])!;
    expect(text).toContain('2027、2028 年');
    expect(text).toContain('仅双休日');
    expect(text).toContain('管理员');
  });
});

describe('chinese-days seed', () => {
  it('should include only the years chinese-days has data for', () => {
    expect(CHINESE_DAYS_YEARS[0]).toBe(2004);
    expect(CHINESE_DAYS_YEARS.at(-1)).toBe(2026);
    expect(chineseDaysCalendar(2024, 2030).years).toEqual([2024, 2025, 2026]);
    expect(chineseDaysCalendar(1990, 2003)).toEqual({ years: [], days: [] });
  });

  it('should give each holiday and make-up day its Chinese name, sorted by date and within the years asked for', () => {
    expect(seed.days).toContainEqual({ date: '2025-10-06', kind: 'holiday', name: '中秋' });
    expect(seed.days).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    expect(seed.days).toContainEqual({ date: '2025-09-28', kind: 'workday', name: '国庆节' });
    expect(seed.days).toContainEqual({ date: '2024-02-04', kind: 'workday', name: '春节' });
    expect(seed.days.every((d) => d.date >= '2023-01-01' && d.date <= '2026-12-31')).toBe(true);
    expect(seed.days.map((d) => d.date)).toEqual(seed.days.map((d) => d.date).sort());
    expect(new Set(seed.days.map((d) => d.date)).size).toBe(seed.days.length);
  });
});
