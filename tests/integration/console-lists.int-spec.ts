import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCalendarData, WorkingCalendar } from '@duban/domain';
import { chineseDaysCalendar } from '../../seeds/calendar';
import { createTestApp, type TestApp } from '../support/test-app';
import { ADMIN_PASSWORD } from '../support/test-config';

/** What react-admin's ra-data-simple-rest sends, unchanged: default sort by id, getMany without a range. */
let t: TestApp;
let admin: string;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const TODAY = '2024-06-03'; // the test clock
const calendar = new WorkingCalendar(toCalendarData(chineseDaysCalendar(2004, 2026)));

let itemOffset = 0;
/** An assignment written straight into the table (its stored facts are what the read derives the light from). */
async function assignment(opts: { assignedOn: string; deadline: string; cycle?: string; status?: string; progress?: number }) {
  const [row] = (await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on, status, progress)
     SELECT i.plan_id, i.id, (SELECT id FROM org_units WHERE code = 'forestry'), 'lead', $2, $3, $4, $5, $6
       FROM plan_items i WHERE i.assignable ORDER BY i.position LIMIT 1 OFFSET $1
     RETURNING id, plan_id AS "planId", org_unit_id AS "orgUnitId"`,
    [itemOffset++, opts.deadline, opts.cycle ?? 'quarterly', opts.assignedOn, opts.status ?? 'in_progress', opts.progress ?? 0],
  )) as { id: string; planId: string; orgUnitId: string }[];
  return row;
}

/** A report counted as its period's (submitted), with the progress it states. */
async function report(a: { id: string; planId: string; orgUnitId: string }, period: string, progress: number) {
  await t.db.query(
    `INSERT INTO reports (plan_id, assignment_id, org_unit_id, period, summary, progress, status, created_by, submitted_at, first_submitted_at, waiting_since)
     VALUES ($1, $2, $3, $4, '按计划推进', $5, 'submitted', (SELECT id FROM users WHERE username = 'forestry-liaison'), now(), now(), now())`,
    [a.planId, a.id, a.orgUnitId, period, progress],
  );
}

interface Row {
  id: string;
  light: string;
  lightCause: string;
  lightReason: string;
  expectedProgress: number;
  reportedProgress: number;
  nextReportDue: string | null;
  nextReportPeriod: string | null;
  calendarWarning: string | null;
  deadline: string;
}

async function read(id: string): Promise<Row> {
  const res = await t.http.get(`/api/assignments/${id}`).set(auth(office));
  expect(res.status).toBe(200);
  return res.body as Row;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
});
afterAll(() => t.close());

describe('lists as react-admin asks for them', () => {
  const LISTS = [
    'users',
    'org-units',
    'plans',
    'plan-items',
    'glossary-terms',
    'indicators',
    'duty-rules',
    'assignments',
    'reports',
    'evidence',
    'escalations',
    'notifications',
    'audit-events',
  ];

  it('should sort every list by id, ascending and descending (react-admin’s default sort)', async () => {
    await assignment({ assignedOn: '2024-01-15', deadline: '2025-12-31' });
    for (const list of LISTS) {
      for (const dir of ['ASC', 'DESC'] as const) {
        const res = await t.http.get(`/api/${list}?${q({ sort: ['id', dir], range: [0, 19] })}`).set(auth(admin));
        expect(res.status, `${list} ${dir}`).toBe(200);
        const ids = (res.body as { id: string }[]).map((r) => String(r.id));
        const sorted = [...ids].sort();
        expect(ids, `${list} ${dir}`).toEqual(dir === 'ASC' ? sorted : sorted.reverse());
      }
    }
  });

  it('should return every id asked for in filter={"id":[…]} without a range, beyond the default page of 25', async () => {
    const units = (await t.db.query(`SELECT id FROM org_units ORDER BY code`)) as { id: string }[];
    expect(units.length).toBeGreaterThan(40);
    const res = await t.http.get(`/api/org-units?${q({ filter: { id: units.map((u) => u.id) } })}`).set(auth(office));
    expect(res.status).toBe(200);
    expect(new Set(res.body.map((u: { id: string }) => u.id))).toEqual(new Set(units.map((u) => u.id)));
    expect(res.headers['content-range']).toBe(`org-units 0-${units.length - 1}/${units.length}`);

    const items = (await t.db.query(`SELECT id FROM plan_items ORDER BY position LIMIT 60`)) as { id: string }[];
    const got = await t.http.get(`/api/plan-items?${q({ filter: { id: items.map((i) => i.id) } })}`).set(auth(office));
    expect(got.body).toHaveLength(60);

    for (let i = 0; i < 30; i++) await assignment({ assignedOn: '2024-01-15', deadline: '2025-12-31' });
    const ids = ((await t.db.query(`SELECT id FROM assignments LIMIT 31`)) as { id: string }[]).map((r) => r.id);
    const many = await t.http.get(`/api/assignments?${q({ filter: { id: ids } })}`).set(auth(office));
    expect(many.status).toBe(200);
    expect(new Set(many.body.map((a: { id: string }) => a.id))).toEqual(new Set(ids));
    // Without ids asked for, the default page stays 25 rows.
    expect((await t.http.get('/api/assignments').set(auth(office))).body).toHaveLength(25);
  });

  it('should sort assignments by every column the console shows, in the order each column means', async () => {
    const columns = [
      'deadline',
      'status',
      'progress',
      'orgUnitId',
      'planItemId',
      'role',
      'reportCycle',
      'nextReportDue',
      'escalationLevel',
      'light',
      'expectedProgress',
      'daysOverdue',
      'createdAt',
      'updatedAt',
    ];
    for (const column of columns) {
      const res = await t.http.get(`/api/assignments?${q({ sort: [column, 'ASC'], range: [0, 99] })}`).set(auth(office));
      expect(res.status, column).toBe(200);
      expect(res.body.length, column).toBeGreaterThan(10);
    }
    const byDue = (await t.http.get(`/api/assignments?${q({ sort: ['nextReportDue', 'ASC'], range: [0, 99] })}`).set(auth(office)))
      .body as Row[];
    const dues = byDue.map((r) => r.nextReportDue).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());
    const byProgress = (await t.http.get(`/api/assignments?${q({ sort: ['expectedProgress', 'DESC'], range: [0, 99] })}`).set(auth(office)))
      .body as Row[];
    const expected = byProgress.map((r) => r.expectedProgress);
    expect(expected).toEqual([...expected].sort((a, b) => b - a));
  });

  it('should sort reports by period, status, submittedAt and updatedAt', async () => {
    for (const column of ['period', 'status', 'submittedAt', 'updatedAt', 'progress', 'orgUnitId']) {
      const res = await t.http.get(`/api/reports?${q({ sort: [column, 'DESC'] })}`).set(auth(office));
      expect(res.status, column).toBe(200);
    }
    expect((await t.http.get(`/api/reports?${q({ sort: ['nonsense', 'DESC'] })}`).set(auth(office))).status).toBe(400);
  });
});

describe('红黄绿灯 on assignments', () => {
  it('should turn red when the deadline passed, with the working days overdue in words', async () => {
    const a = await assignment({ assignedOn: '2024-01-15', deadline: '2024-05-31' });
    const row = await read(a.id);
    expect(row).toMatchObject({ light: 'red', lightCause: 'overdue' });
    expect(row.lightReason).toBe(`已逾期 ${calendar.workingDaysBetween('2024-05-31', TODAY)} 个工作日`);
  });

  it('should give 序时进度 as the share of the working days from the assignment day to the deadline already past', async () => {
    const a = await assignment({ assignedOn: '2024-05-20', deadline: '2025-12-31' });
    const row = await read(a.id);
    const share = calendar.workingDaysBetween('2024-05-20', TODAY) / calendar.workingDaysBetween('2024-05-20', '2025-12-31');
    expect(row.expectedProgress).toBe(Math.round(100 * share));
    expect(row).toMatchObject({ light: 'green', lightCause: 'on_schedule', nextReportPeriod: '2024-Q2' });
  });

  it('should turn yellow when reported progress trails 序时进度 by more than the setting, and green again when the gap setting is raised', async () => {
    const a = await assignment({ assignedOn: '2023-06-01', deadline: '2025-12-31' });
    for (const [period, progress] of [
      ['2023-Q2', 2],
      ['2023-Q3', 4],
      ['2023-Q4', 6],
      ['2024-Q1', 10],
    ] as const)
      await report(a, period, progress);
    const row = await read(a.id);
    const expected = Math.round(
      (100 * calendar.workingDaysBetween('2023-06-01', TODAY)) / calendar.workingDaysBetween('2023-06-01', '2025-12-31'),
    );
    expect(expected - 10).toBeGreaterThan(20);
    expect(row).toMatchObject({ light: 'yellow', lightCause: 'behind', reportedProgress: 10, expectedProgress: expected });
    expect(row.lightReason).toContain(`序时进度 ${expected}%`);

    const settings = (await t.http.get('/api/settings').set(auth(admin))).body as { version: number; lightGap: number };
    expect(settings.lightGap).toBe(20);
    const put = await t.http
      .put('/api/settings')
      .set(auth(admin))
      .send({ version: settings.version, lightGap: expected - 10 + 1 });
    expect(put.status).toBe(200);
    try {
      expect(await read(a.id)).toMatchObject({ light: 'green', lightCause: 'on_schedule' });
    } finally {
      const now = (await t.http.get('/api/settings').set(auth(admin))).body as { version: number };
      expect((await t.http.put('/api/settings').set(auth(admin)).send({ version: now.version, lightGap: 20 })).status).toBe(200);
    }
  });

  it('should refuse a gap setting that is not a whole number from 1 to 100, and change nothing', async () => {
    const before = (await t.http.get('/api/settings').set(auth(admin))).body as { version: number; lightGap: number };
    for (const lightGap of [0, 101, 12.5, '20']) {
      const res = await t.http.put('/api/settings').set(auth(admin)).send({ version: before.version, lightGap });
      expect(res.status, String(lightGap)).toBe(400);
      expect(res.body.message).toContain('黄灯进度差');
    }
    expect((await t.http.get('/api/settings').set(auth(admin))).body).toMatchObject({ version: before.version, lightGap: before.lightGap });
  });

  it('should turn yellow for a deadline within the reminder window, a report due within it, and a late report', async () => {
    const soon = await assignment({ assignedOn: '2024-04-15', deadline: '2024-06-05', progress: 96 });
    const soonRow = await read(soon.id);
    expect(soonRow).toMatchObject({ light: 'yellow', lightCause: 'deadline_soon' });
    expect(soonRow.lightReason).toBe('截止日期 2024年6月5日 还有 2 个工作日');

    const monthly = await assignment({ assignedOn: '2024-04-10', deadline: '2025-12-31', cycle: 'monthly' });
    await report(monthly, '2024-04', 5);
    const dueRow = await read(monthly.id);
    // May's report is due on the 5th working day after 31 May: 3–7 June.
    expect(dueRow).toMatchObject({ light: 'yellow', lightCause: 'report_soon', nextReportPeriod: '2024-05', nextReportDue: '2024-06-07' });
    expect(dueRow.lightReason).toContain('还有 4 个工作日');

    const late = await assignment({ assignedOn: '2024-01-15', deadline: '2025-12-31' });
    const lateRow = await read(late.id);
    expect(lateRow).toMatchObject({ light: 'yellow', lightCause: 'report_late', nextReportPeriod: '2024-Q1' });
    expect(lateRow.lightReason).toContain('逾期未报');
  });

  it('should keep completed work green and filter and sort the list by light', async () => {
    const done = await assignment({ assignedOn: '2024-01-15', deadline: '2024-05-31', status: 'completed', progress: 100 });
    expect(await read(done.id)).toMatchObject({ light: 'green', lightCause: 'completed', lightReason: '已销号', expectedProgress: 100 });

    const red = await assignment({ assignedOn: '2024-01-15', deadline: '2024-04-30' });
    const green = await assignment({ assignedOn: '2024-05-20', deadline: '2025-12-31' });
    const late = await assignment({ assignedOn: '2024-01-15', deadline: '2025-12-31' });
    const ids = [done.id, red.id, green.id, late.id];
    const yellow = await t.http.get(`/api/assignments?${q({ filter: { id: ids, light: 'yellow' } })}`).set(auth(office));
    expect(yellow.status).toBe(200);
    expect(yellow.body.map((r: Row) => r.id)).toEqual([late.id]);
    expect(yellow.headers['content-range']).toBe('assignments 0-0/1');
    const sorted = await t.http.get(`/api/assignments?${q({ filter: { id: ids }, sort: ['light', 'DESC'] })}`).set(auth(office));
    expect(sorted.body.map((r: Row) => r.light)).toEqual(['red', 'yellow', 'green', 'green']);
    expect((await t.http.get(`/api/assignments?${q({ filter: { light: 'blue' } })}`).set(auth(office))).status).toBe(400);
  });
});

describe('a year missing from the calendar', () => {
  it('should still read assignments decomposed at the real date (2026-12), counting 2027 as weekends-only and saying so', async () => {
    const setToday = async (today: string) =>
      expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today })).status).toBe(200);
    await setToday('2026-12-15');
    try {
      const [item] = (await t.db.query(
        `SELECT i.id FROM plan_items i WHERE i.assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id)
          ORDER BY i.position LIMIT 1`,
      )) as { id: string }[];
      const forestry = (await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`))[0].id as string;
      const made = await t.http
        .post(`/api/plan-items/${item.id}/decompose`)
        .set(auth(office))
        .send({ assignments: [{ orgUnitId: forestry, role: 'lead', reportCycle: 'quarterly' }] });
      expect(made.status).toBe(200);
      const list = await t.http.get(`/api/assignments?${q({ filter: { planItemId: item.id } })}`).set(auth(office));
      expect(list.status).toBe(200);
      const row = list.body[0] as Row;
      // 2026-Q4 is due on the 5th working day after 31 December, 2027 counted by weekends alone (1, 4, 5, 6, 7 January).
      expect(row).toMatchObject({ nextReportPeriod: '2026-Q4', nextReportDue: '2027-01-07', light: 'red' });
      expect(row.calendarWarning).toContain('2027 年');
      const schedule = await t.http.get(`/api/assignments/${row.id}/schedule`).set(auth(office));
      expect(schedule.status).toBe(200);
      const liaison = await t.login('forestry-liaison');
      const mine = await t.http.get(`/api/assignments/mine?${q({ filter: { planItemId: item.id } })}`).set(auth(liaison));
      expect(mine.status).toBe(200);
      expect(mine.body.map((r: Row) => r.id)).toContain(row.id);
    } finally {
      await setToday(TODAY);
    }
  });

  it('should tell the admin at every log-in from 1 November to add next year, until it is added, and nobody else', async () => {
    const setToday = async (today: string) =>
      expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today })).status).toBe(200);
    const loginAlerts = async (username: string, password?: string) => {
      const res = await t.http.post('/api/auth/login').send({ username, password: password ?? 'Duban@2025' });
      expect(res.status).toBe(200);
      return res.body.alerts as { code: string; message: string }[];
    };
    try {
      await setToday('2026-10-30');
      expect(await loginAlerts('admin', ADMIN_PASSWORD)).toEqual([]);
      await setToday('2026-11-02');
      const alerts = await loginAlerts('admin', ADMIN_PASSWORD);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].code).toBe('calendar-year-missing');
      expect(alerts[0].message).toContain('2027 年');
      expect((await t.http.get('/api/auth/me').set(auth(admin))).body.alerts).toEqual(alerts);
      expect(await loginAlerts('office')).toEqual([]);
      expect((await t.http.put('/api/calendar/2027').set(auth(admin)).send({ source: 'weekends-only' })).status).toBe(200);
      expect(await loginAlerts('admin', ADMIN_PASSWORD)).toEqual([]);
    } finally {
      await setToday(TODAY);
    }
  });
});
