import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@duban/domain';
import { nextDue, schedule } from './report-schedule';

const calendar = new WorkingCalendar({
  years: [2024, 2025],
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
  workdays: ['2024-09-29', '2024-10-12'],
});
const a = { assignedOn: '2024-06-03', deadline: '2025-03-31', reportCycle: 'quarterly' as const, status: 'in_progress' as const };

describe('nextDue', () => {
  it('should give the oldest unreported period, due on the Nth working day after it ends', () => {
    expect(nextDue(a, [], calendar, 5)).toEqual({ nextReportPeriod: '2024-Q2', nextReportDue: '2024-07-05' });
    expect(nextDue(a, ['2024-Q2'], calendar, 5)).toEqual({ nextReportPeriod: '2024-Q3', nextReportDue: '2024-10-12' });
    expect(nextDue(a, ['2024-Q2'], calendar, 1)).toEqual({ nextReportPeriod: '2024-Q3', nextReportDue: '2024-10-08' });
  });

  it('should ask nothing once every period is reported, or of finished, cancelled or closing work', () => {
    expect(nextDue(a, ['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1'], calendar, 5)).toEqual({ nextReportPeriod: null, nextReportDue: null });
    for (const status of ['completed', 'cancelled', 'closure_requested'] as const) {
      expect(nextDue({ ...a, status }, [], calendar, 5)).toEqual({ nextReportPeriod: null, nextReportDue: null });
    }
  });
});

describe('schedule', () => {
  it('should list every period with its due date, its report and whether it is late', () => {
    const rows = schedule(
      a,
      [
        {
          id: 'r1',
          period: '2024-Q2',
          status: 'approved',
          final: false,
          submittedAt: null,
          firstSubmittedAt: new Date('2024-07-04T18:00:00Z'),
        },
        {
          id: 'r2',
          period: '2024-Q3',
          status: 'returned',
          final: false,
          submittedAt: null,
          firstSubmittedAt: new Date('2024-10-10T01:00:00Z'),
        },
      ],
      calendar,
      5,
      '2024-10-20',
    );
    expect(rows.map((r) => [r.period, r.dueDate, r.reportStatus, r.reported, r.late])).toEqual([
      ['2024-Q2', '2024-07-05', 'approved', true, false],
      ['2024-Q3', '2024-10-12', 'returned', false, true],
      ['2024-Q4', '2025-01-07', null, false, false], // this test calendar has no New Year holiday
      ['2025-Q1', '2025-04-07', null, false, false],
    ]);
    expect(rows[0]).toMatchObject({ start: '2024-04-01', end: '2024-06-30', submittedOn: '2024-07-05', reportId: 'r1' });
  });
});
