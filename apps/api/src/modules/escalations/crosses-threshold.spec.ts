import { describe, expect, it } from 'vitest';
import { toCalendarData, WorkingCalendar } from '@duban/domain';
import { chineseDaysCalendar } from '../../../../../seeds/calendar';
import { crossesThreshold } from './sweep.service';

const calendar = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2025, 2025)));
const ladder = { reminderDays: [5, 1], urge: 1, supervision: 5, interview: 15, responseDays: 5, promiseMaxDays: 20 };
// 2025-Q3's report is due 2025-10-14. Its threshold days: the 5-day reminder on 09-30 (10-09, 10, 11, 13, 14 follow),
// the 1-day reminder on 10-13, the urge on 10-15, the 督办单 on 10-21, the level-3 candidate on 11-04.
const due = '2025-10-14';

describe('crossesThreshold', () => {
  it('should look at a period only on the days a threshold is reached since the last run', () => {
    expect(crossesThreshold(due, '2025-10-14', '2025-10-15', calendar, ladder)).toBe(true);
    expect(crossesThreshold(due, '2025-10-15', '2025-10-16', calendar, ladder)).toBe(false);
    expect(crossesThreshold(due, '2025-10-20', '2025-10-21', calendar, ladder)).toBe(true);
    expect(crossesThreshold(due, '2025-10-12', '2025-10-13', calendar, ladder)).toBe(true);
  });

  it('should catch up on thresholds passed while the sweep did not run', () => {
    expect(crossesThreshold(due, '2025-10-16', '2025-10-24', calendar, ladder)).toBe(true);
    expect(crossesThreshold(due, '2025-10-22', '2025-11-03', calendar, ladder)).toBe(false);
  });

  it('should look at everything on a first run or after the demo clock moved back, and nothing on a same-day rerun', () => {
    expect(crossesThreshold(due, null, '2025-10-16', calendar, ladder)).toBe(true);
    expect(crossesThreshold(due, '2025-12-01', '2025-10-16', calendar, ladder)).toBe(true);
    expect(crossesThreshold(due, '2025-10-15', '2025-10-15', calendar, ladder)).toBe(false);
  });
});
