import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from '../../../seeds/calendar';
import { toCalendarData, WorkingCalendar } from './calendar';
import { nextPeriod, nextReportDue, parsePeriod, periodContaining, periodsForAssignment, reportDueDate } from './periods';

const cal = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2023, 2026)));

describe('parsePeriod', () => {
  it('should give the first and last day of each kind of period', () => {
    expect(parsePeriod('2024-07', 'monthly')).toEqual({ start: '2024-07-01', end: '2024-07-31' });
    expect(parsePeriod('2024-02', 'monthly')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2023-02', 'monthly')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
    expect(parsePeriod('2024-Q3', 'quarterly')).toEqual({ start: '2024-07-01', end: '2024-09-30' });
    expect(parsePeriod('2024-Q1', 'quarterly')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024-H2', 'semiannual')).toEqual({ start: '2024-07-01', end: '2024-12-31' });
    expect(parsePeriod('2024-H1', 'semiannual')).toEqual({ start: '2024-01-01', end: '2024-06-30' });
    expect(parsePeriod('2024', 'annual')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
  });

  it('should reject malformed periods and periods of another cycle', () => {
    for (const [s, cycle] of [
      ['2024-Q5', 'quarterly'],
      ['2024-Q0', 'quarterly'],
      ['2024-q3', 'quarterly'],
      ['2024-13', 'monthly'],
      ['2024-00', 'monthly'],
      ['2024-7', 'monthly'],
      ['24-07', 'monthly'],
      ['2024-07-01', 'monthly'],
      ['2024-H3', 'semiannual'],
      ['2024-H0', 'semiannual'],
      ['2024-Q3', 'monthly'],
      ['2024-07', 'quarterly'],
      ['2024', 'semiannual'],
      ['2024-H1', 'annual'],
      [' 2024', 'annual'],
      ['2024\n', 'annual'],
      ['', 'annual'],
    ] as const) {
      expect(parsePeriod(s, cycle), `${JSON.stringify(s)} ${cycle}`).toBeNull();
    }
    expect(parsePeriod('2024-07', 'weekly' as never)).toBeNull();
  });
});

describe('periodContaining and nextPeriod', () => {
  it('should find the period that contains a date', () => {
    expect(periodContaining('2024-09-30', 'quarterly')).toBe('2024-Q3');
    expect(periodContaining('2024-10-01', 'quarterly')).toBe('2024-Q4');
    expect(periodContaining('2024-06-30', 'semiannual')).toBe('2024-H1');
    expect(periodContaining('2024-07-01', 'semiannual')).toBe('2024-H2');
    expect(periodContaining('2024-07-15', 'monthly')).toBe('2024-07');
    expect(periodContaining('2024-12-31', 'annual')).toBe('2024');
  });

  it('should step to the next period across year ends', () => {
    expect(nextPeriod('2024-12', 'monthly')).toBe('2025-01');
    expect(nextPeriod('2024-09', 'monthly')).toBe('2024-10');
    expect(nextPeriod('2024-Q4', 'quarterly')).toBe('2025-Q1');
    expect(nextPeriod('2024-H1', 'semiannual')).toBe('2024-H2');
    expect(nextPeriod('2024-H2', 'semiannual')).toBe('2025-H1');
    expect(nextPeriod('2024', 'annual')).toBe('2025');
    expect(() => nextPeriod('2024-Q5', 'quarterly')).toThrow(RangeError);
  });
});

describe('periodsForAssignment', () => {
  it('should start with the first period that ends after the assignment was made', () => {
    const base = { deadline: '2024-12-31', cycle: 'quarterly' as const };
    expect(periodsForAssignment({ ...base, assignedOn: '2024-03-30' })).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(periodsForAssignment({ ...base, assignedOn: '2024-03-31' })).toEqual(['2024-Q2', '2024-Q3', '2024-Q4']);
    expect(periodsForAssignment({ ...base, assignedOn: '2024-04-01' })).toEqual(['2024-Q2', '2024-Q3', '2024-Q4']);
  });

  it('should end with the period that contains the deadline', () => {
    expect(periodsForAssignment({ assignedOn: '2024-07-15', deadline: '2024-09-10', cycle: 'monthly' })).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
    ]);
    expect(periodsForAssignment({ assignedOn: '2024-11-20', deadline: '2025-01-01', cycle: 'quarterly' })).toEqual(['2024-Q4', '2025-Q1']);
    expect(periodsForAssignment({ assignedOn: '2021-09-01', deadline: '2025-12-31', cycle: 'annual' })).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    expect(periodsForAssignment({ assignedOn: '2021-09-01', deadline: '2022-06-30', cycle: 'semiannual' })).toEqual(['2021-H2', '2022-H1']);
  });

  it('should still give one period when the deadline comes before the first period ends', () => {
    expect(periodsForAssignment({ assignedOn: '2024-03-31', deadline: '2024-03-31', cycle: 'quarterly' })).toEqual(['2024-Q2']);
    expect(periodsForAssignment({ assignedOn: '2024-05-10', deadline: '2024-01-31', cycle: 'monthly' })).toEqual(['2024-05']);
  });
});

describe('reportDueDate', () => {
  it('should be the 5th working day after the period ends, counting over the 2025 National Day holidays', () => {
    // Q3 ends Tue 2025-09-30; Oct 1–8 off; 9 Thu (1), 10 Fri (2), 11 make-up Sat (3), 13 Mon (4), 14 Tue (5)
    expect(reportDueDate('2025-Q3', 'quarterly', cal, 5)).toBe('2025-10-14');
    expect(reportDueDate('2025-Q3', 'quarterly', cal, 1)).toBe('2025-10-09');
    expect(reportDueDate('2025-09', 'monthly', cal)).toBe('2025-10-14');
  });

  it('should count the Spring Festival 2024 make-up Sunday as a working day', () => {
    // Jan ends Wed 2024-01-31: Feb 1 (1), 2 (2), Sun 4 make-up (3), 5 (4), 6 (5)
    expect(reportDueDate('2024-01', 'monthly', cal, 5)).toBe('2024-02-06');
  });

  it('should skip New Year’s Day after an annual or second-half period', () => {
    // 2024 ends Tue 12-31; 2025-01-01 off: Jan 2 (1), 3 (2), 6 (3), 7 (4), 8 (5)
    expect(reportDueDate('2024', 'annual', cal)).toBe('2025-01-08');
    expect(reportDueDate('2024-H2', 'semiannual', cal)).toBe('2025-01-08');
  });

  it('should throw on a period of another cycle', () => {
    expect(() => reportDueDate('2024-Q3', 'monthly', cal)).toThrow(RangeError);
  });
});

describe('nextReportDue', () => {
  const a = { assignedOn: '2024-03-31', deadline: '2024-12-31', cycle: 'quarterly' as const };

  it('should give the oldest period without a report and its due date', () => {
    expect(nextReportDue(a, [], cal)).toEqual({ period: '2024-Q2', dueDate: '2024-07-05' });
    // Q3 ends Mon 2024-09-30; Oct 1–7 off: Oct 8 (1), 9 (2), 10 (3), 11 (4), Sat 12 make-up (5)
    expect(nextReportDue(a, ['2024-Q2'], cal)).toEqual({ period: '2024-Q3', dueDate: '2024-10-12' });
    expect(nextReportDue(a, new Set(['2024-Q2', '2024-Q3', '2023-Q4']), cal, 1)).toEqual({
      period: '2024-Q4',
      dueDate: '2025-01-02',
    });
  });

  it('should be null once every period has a report', () => {
    expect(nextReportDue(a, ['2024-Q2', '2024-Q3', '2024-Q4'], cal)).toBeNull();
  });
});
