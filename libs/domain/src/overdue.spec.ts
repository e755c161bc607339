import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar } from '../../../seeds/calendar';
import { toCalendarData, WorkingCalendar } from './calendar';
import { daysOverdue, escalationLevelFor } from './overdue';

const cal = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2024, 2025)));

describe('daysOverdue', () => {
  it('should follow the contract examples around the 2025 National Day', () => {
    expect(daysOverdue('2025-09-30', '2025-09-30', cal)).toBe(0);
    expect(daysOverdue('2025-09-30', '2025-10-08', cal)).toBe(0); // 1–8 October are holidays
    expect(daysOverdue('2025-09-30', '2025-10-09', cal)).toBe(1);
    expect(daysOverdue('2025-09-30', '2025-10-11', cal)).toBe(3); // the make-up Saturday counts
    expect(daysOverdue('2025-09-30', '2025-10-12', cal)).toBe(3);
    expect(daysOverdue('2025-09-30', '2025-10-13', cal)).toBe(4);
  });

  it('should count a deadline on the make-up Sunday', () => {
    expect(daysOverdue('2025-09-28', '2025-09-29', cal)).toBe(1);
    expect(daysOverdue('2025-09-26', '2025-09-28', cal)).toBe(1);
  });

  it('should be 0 before the deadline', () => {
    expect(daysOverdue('2025-09-30', '2025-09-01', cal)).toBe(0);
  });

  it('should count over Spring Festival 2024 and the year end', () => {
    expect(daysOverdue('2024-02-08', '2024-02-18', cal)).toBe(2); // Feb 9 and the make-up Sunday Feb 18
    expect(daysOverdue('2024-12-31', '2025-01-02', cal)).toBe(1);
  });
});

describe('escalationLevelFor', () => {
  it('should climb the ladder at 1, 5 and 15 working days by default', () => {
    expect([0, 1, 4, 5, 14, 15, 200].map((d) => escalationLevelFor(d))).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it('should use the thresholds from the settings', () => {
    const t = { urge: 2, supervision: 3, interview: 10 };
    expect([1, 2, 3, 9, 10].map((d) => escalationLevelFor(d, t))).toEqual([0, 1, 2, 2, 3]);
  });

  it('should reach the escalation levels on the working-day count, not the calendar-day count', () => {
    // 2025-09-30 deadline: 5 working days overdue only on 2025-10-14, two weeks later
    expect(escalationLevelFor(daysOverdue('2025-09-30', '2025-10-13', cal))).toBe(1);
    expect(escalationLevelFor(daysOverdue('2025-09-30', '2025-10-14', cal))).toBe(2);
  });
});
