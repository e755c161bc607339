import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgumentsHost } from '@nestjs/common';
import { CalendarYearMissingError, dayOfWeek, fromDayNumber, toDayNumber } from '@duban/domain';
import { AllExceptionsFilter } from '../../apps/api/src/core/http/all-exceptions.filter';
import { CalendarSeedService } from '../../apps/api/src/modules/calendar/calendar-seed.service';
import { CalendarService } from '../../apps/api/src/modules/calendar/calendar.service';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
let office: string;
let liaison: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Working days after `from` up to and including `to`, as the sweep's SQL computes them. */
async function sqlDaysBetween(from: string, to: string): Promise<number> {
  const [row] = await t.db.query(
    `SELECT t.work_seq - f.work_seq AS n FROM calendar_dates f, calendar_dates t WHERE f.date = $1 AND t.date = $2`,
    [from, to],
  );
  return row.n;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  liaison = await t.login('forestry-liaison');
});
afterAll(() => t.close());

describe('calendar: the seeded statutory years', () => {
  it('should hold 2004–2026 from chinese-days, readable by any logged-in user', async () => {
    const years = await t.http.get('/api/calendar/years').set(auth(liaison));
    expect(years.status).toBe(200);
    const list = years.body as { year: number; source: string }[];
    expect(list.filter((y) => y.source === 'chinese-days').map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    // Any other year is one the admin added after them (a test below adds 2027).
    expect(list.filter((y) => y.source !== 'chinese-days').every((y) => y.year > 2026)).toBe(true);
    expect((await t.http.get('/api/calendar/years')).status).toBe(401);
  });

  it('should show 2025 with National Day, its make-up days and 248 working days', async () => {
    const res = await t.http.get('/api/calendar?year=2025').set(auth(liaison));
    expect(res.status).toBe(200);
    // 261 weekdays − 18 weekday holidays (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆中秋 6) + 5 make-up days = 248.
    expect(res.body).toMatchObject({ year: 2025, source: 'chinese-days', workingDays: 248 });
    expect(res.body.days).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    expect(res.body.days).toContainEqual({ date: '2025-09-28', kind: 'workday', name: '国庆节' });
    expect(res.body.days).toContainEqual({ date: '2025-10-11', kind: 'workday', name: '国庆节' });
    expect(res.body.days.every((d: { date: string }) => d.date.startsWith('2025-'))).toBe(true);
  });

  it('should answer 404 for a year not in the table and 400 for a malformed year', async () => {
    expect((await t.http.get('/api/calendar?year=2031').set(auth(liaison))).status).toBe(404);
    for (const query of ['year=abc', 'year=20255', '', 'year=2025&extra=1']) {
      const res = await t.http.get(`/api/calendar?${query}`).set(auth(liaison));
      expect(res.status, query).toBe(400);
    }
  });

  it('should count working days in SQL as the domain does, around the 2025 National Day holiday', async () => {
    expect(await sqlDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(await sqlDaysBetween('2025-09-30', '2025-10-11')).toBe(3); // a make-up Saturday
    expect(await sqlDaysBetween('2025-09-26', '2025-09-28')).toBe(1); // the make-up Sunday
    expect(await sqlDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    const calendar = await t.app.get(CalendarService).calendar();
    const rows: { date: string; working: boolean }[] = await t.db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_dates WHERE date BETWEEN '2023-01-01' AND '2026-12-31' ORDER BY date`,
    );
    expect(rows).toHaveLength(toDayNumber('2027-01-01') - toDayNumber('2023-01-01'));
    expect(rows.filter((r) => r.working !== calendar.isWorkingDay(r.date))).toEqual([]);
    expect(calendar.workingDaysBetween('2023-03-15', '2026-02-10')).toBe(await sqlDaysBetween('2023-03-15', '2026-02-10'));
  });

  it('should seed nothing a second time', async () => {
    expect(await t.app.get(CalendarSeedService).seed()).toBeNull();
  });
});

describe('calendar: the admin adds and changes years', () => {
  const stateCouncil2027 = {
    source: 'state-council',
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-04', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-05', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节' },
    ],
  };

  it('should refuse a year beyond the data until the admin adds it, then count working days across it', async () => {
    const calendar = t.app.get(CalendarService);
    await expect(calendar.calendar().then((c) => c.isWorkingDay('2027-03-01'))).rejects.toBeInstanceOf(CalendarYearMissingError);

    const res = await t.http.put('/api/calendar/2027').set(auth(admin)).send(stateCouncil2027);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('state-council');
    expect(res.body.days).toHaveLength(5);
    // 2027: 261 weekdays, minus 4 weekday holidays, plus 1 make-up Saturday.
    expect(res.body.workingDays).toBe(258);

    const c = await calendar.calendar();
    expect(c.isWorkingDay('2027-10-09')).toBe(true);
    expect(c.isWorkingDay('2027-10-04')).toBe(false);
    expect(await sqlDaysBetween('2026-12-31', '2027-12-31')).toBe(258);
    expect(await sqlDaysBetween('2026-12-30', '2027-01-04')).toBe(c.workingDaysBetween('2026-12-30', '2027-01-04'));

    const events = await t.db.query(`SELECT action, after FROM audit_events WHERE entity = 'Calendar' AND entity_id = '2027'`);
    expect(events).toHaveLength(1);
    expect(events[0].action).toBe('create');
    expect(events[0].after.days).toHaveLength(5);
  });

  it('should replace a year as weekends-only and rebuild the derived dates', async () => {
    // A database of its own: the test above needs 2027 still missing from this file's.
    const own = await createTestApp();
    try {
      const token = auth(await own.login('admin'));
      expect((await own.http.put('/api/calendar/2027').set(token).send(stateCouncil2027)).status).toBe(200);
      const [{ n: listed }] = await own.db.query(`SELECT count(*)::int AS n FROM calendar_days WHERE date >= '2027-01-01'`);
      expect(listed).toBe(5);
      const res = await own.http.put('/api/calendar/2027').set(token).send({ source: 'weekends-only' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'weekends-only', days: [], workingDays: 261 });
      const weekdays = Array.from({ length: 365 }, (_, i) => fromDayNumber(toDayNumber('2027-01-01') + i)).filter(
        (d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6,
      ).length;
      expect(weekdays).toBe(261);
      const [{ n: days }] = await own.db.query(
        `SELECT t.work_seq - f.work_seq AS n FROM calendar_dates f, calendar_dates t WHERE f.date = '2026-12-31' AND t.date = '2027-12-31'`,
      );
      expect(days).toBe(261);
      expect((await own.app.get(CalendarService).calendar()).isWorkingDay('2027-10-04')).toBe(true);
      const [{ n }] = await own.db.query(`SELECT count(*)::int AS n FROM calendar_days WHERE date >= '2027-01-01'`);
      expect(n).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('should answer 409 to a year that leaves a gap in the calendar, naming the year that may be added', async () => {
    const years = (await t.http.get('/api/calendar/years').set(auth(admin))).body.map((y: { year: number }) => y.year) as number[];
    const last = Math.max(...years);
    const res = await t.http
      .put(`/api/calendar/${last + 3}`)
      .set(auth(admin))
      .send({ source: 'weekends-only' });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain(`只能添加 ${Math.min(...years) - 1} 年或 ${last + 1} 年`);
    expect((await t.http.get(`/api/calendar?year=${last + 3}`).set(auth(admin))).status).toBe(404);
  });

  it('should answer 400 saying what is wrong, and change nothing', async () => {
    const before = await t.http.get('/api/calendar?year=2026').set(auth(admin));
    const bad: [unknown, RegExp][] = [
      [{ source: 'state-council', days: [{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }] }, /不在 2026 年/],
      [{ source: 'state-council', days: [{ date: '2026-02-30', kind: 'holiday' }] }, /真实存在的日期/],
      [
        {
          source: 'state-council',
          days: [
            { date: '2026-10-01', kind: 'holiday' },
            { date: '2026-10-01', kind: 'holiday' },
          ],
        },
        /重复/,
      ],
      [{ source: 'state-council', days: [{ date: '2026-10-01', kind: 'vacation' }] }, /节假日与调休第 1 项的类别只能是/],
      [{ source: 'state-council', days: [{ date: '2026-10-01', kind: 'workday' }] }, /周六或周日/],
      [{ source: 'state-council', days: [{ date: '1 Oct', kind: 'holiday' }] }, /节假日与调休第 1 项的日期/],
      [{ source: 'state-council', days: [] }, /weekends-only/],
      [{ source: 'weekends-only', days: [{ date: '2026-10-01', kind: 'holiday' }] }, /weekends-only/],
      [{ source: 'chinese-days' }, /日历来源只能是/],
      [{ source: 'weekends-only', extra: 1 }, /extra/],
      [{ source: 'state-council', days: 'all of October' }, /节假日与调休必须是数组/],
    ];
    for (const [body, why] of bad) {
      const res = await t.http
        .put('/api/calendar/2026')
        .set(auth(admin))
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.message), JSON.stringify(body)).toMatch(why);
    }
    expect((await t.http.put('/api/calendar/abcd').set(auth(admin)).send({ source: 'weekends-only' })).status).toBe(400);
    expect((await t.http.put('/api/calendar/1800').set(auth(admin)).send({ source: 'weekends-only' })).status).toBe(400);
    expect((await t.http.get('/api/calendar?year=2026').set(auth(admin))).body).toEqual(before.body);
  });

  it('should answer 403 when the office or a liaison changes the calendar', async () => {
    for (const token of [office, liaison]) {
      const res = await t.http.put('/api/calendar/2028').set(auth(token)).send({ source: 'weekends-only' });
      expect(res.status).toBe(403);
    }
    expect((await t.http.get('/api/calendar?year=2028').set(auth(admin))).status).toBe(404);
  });

  it('should turn a missing calendar year into a 409 with its Chinese message', () => {
    const sent: { status?: number; body?: { statusCode: number; message: string } } = {};
    const res = {
      headersSent: false,
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: { statusCode: number; message: string }) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
    new AllExceptionsFilter().catch(new CalendarYearMissingError(2031), host);
    expect(sent.status).toBe(409);
    expect(sent.body?.message).toContain('2031');
    expect(sent.body?.message).toContain('工作日历');
  });
});
