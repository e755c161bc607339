import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, fromDayNumber, isDateString, toDayNumber, todayInShanghai } from './dates';

describe('dates', () => {
  it('should accept only real dates written YYYY-MM-DD', () => {
    expect(isDateString('2024-02-29')).toBe(true);
    expect(isDateString('2023-02-29')).toBe(false);
    expect(isDateString('2024-13-01')).toBe(false);
    expect(isDateString('2024-04-31')).toBe(false);
    expect(isDateString('2024-4-01')).toBe(false);
    expect(isDateString('2024-04-01T00:00:00Z')).toBe(false);
    expect(isDateString(20240401)).toBe(false);
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
  });

  it('should agree with UTC Date arithmetic from 1900 to 2100', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const n = toDayNumber(date);
      if (n !== t / 86_400_000 || fromDayNumber(n) !== date || dayOfWeek(date) !== new Date(t).getUTCDay()) {
        mismatches.push(date);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('should add days across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-10-11')).toBe(6);
  });

  it('should count the business day in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(todayInShanghai(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(todayInShanghai(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });
});
