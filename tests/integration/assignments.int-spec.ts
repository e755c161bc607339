import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
let admin: string;
let planId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);
const unit = async (code: string) => (await t.db.query(`SELECT id FROM org_units WHERE code = $1`, [code]))[0].id as string;
const item = async (number: string) =>
  (await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND number = $2 AND assignable`, [planId, number]))[0].id as string;
const total = (res: { headers: Record<string, string> }) => Number(/\/(\d+)$/.exec(res.headers['content-range'])![1]);
const setToday = async (today: string) =>
  expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today })).status).toBe(200);

interface Row {
  id: string;
  planId: string;
  planItemId: string;
  orgUnitId: string;
  role: string;
  deadline: string;
  status: string;
  version: number;
  reportCycle: string;
  milestones: { date: string; text: string; status: string }[];
  planItemNumber: string;
  planItemTitle: string;
  orgUnitName: string;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: number;
  nextReportDue: string | null;
  nextReportPeriod: string | null;
}

/** Counts the SQL statements the app runs while `fn` runs. */
async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  const original = PostgresQueryRunner.prototype.query;
  let n = 0;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    n++;
    return original.apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return n;
}

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  admin = await t.login('admin');
  planId = (await t.http.get('/api/plans').set(auth(office))).body[0].id;
  const res = await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({});
  expect(res.status).toBe(200);
});
afterAll(() => t.close());

describe('the assignments list', () => {
  it('should page through about a thousand assignments with the item and unit on each row', async () => {
    const res = await t.http.get(`/api/assignments?${q({ sort: ['position', 'ASC'], range: [0, 49] })}`).set(auth(office));
    expect(res.status).toBe(200);
    expect(total(res)).toBe(await count(`SELECT count(*) AS n FROM assignments`));
    expect(total(res)).toBeGreaterThan(900);
    expect(res.headers['content-range']).toMatch(/^assignments 0-49\/\d+$/);
    const first = res.body[0] as Row;
    expect(first).toMatchObject({
      planItemNumber: '3.1.1',
      planItemTitle: '优化国土空间总体战略格局',
      role: 'lead',
      orgUnitName: '市自然资源局',
    });
    expect(first).toMatchObject({
      status: 'not_started',
      progress: 0,
      overdue: false,
      daysOverdue: 0,
      escalationLevel: 0,
      reportCycle: 'quarterly',
    });
    const past = await t.http.get(`/api/assignments?${q({ range: [5000, 5009] })}`).set(auth(office));
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(total(past)).toBe(total(res));
  });

  it('should filter by every declared filter, counting what it filters', async () => {
    const forestry = await unit('forestry');
    const check = async (filter: Record<string, unknown>, sql: string, params: unknown[], pred: (r: Row) => boolean) => {
      const res = await t.http.get(`/api/assignments?${q({ filter, range: [0, 999] })}`).set(auth(office));
      expect(res.status, JSON.stringify(filter)).toBe(200);
      expect(total(res), JSON.stringify(filter)).toBe(await count(sql, params));
      expect((res.body as Row[]).every(pred), JSON.stringify(filter)).toBe(true);
      return res.body as Row[];
    };
    await check(
      { orgUnitId: forestry },
      `SELECT count(*) AS n FROM assignments WHERE org_unit_id = $1`,
      [forestry],
      (r) => r.orgUnitName === '市林业局',
    );
    await check({ planId }, `SELECT count(*) AS n FROM assignments WHERE plan_id = $1`, [planId], (r) => r.planId === planId);
    const c21 = await item('C2.1');
    await check(
      { planItemId: c21 },
      `SELECT count(*) AS n FROM assignments WHERE plan_item_id = $1`,
      [c21],
      (r) => r.planItemNumber === 'C2.1',
    );
    await check(
      { chapter: '6' },
      `SELECT count(*) AS n FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id WHERE i.number LIKE '6.%' OR i.number LIKE 'C4.%'`,
      [],
      (r) => /^(6\.|C4\.)/.test(r.planItemNumber),
    );
    await check({ role: 'lead' }, `SELECT count(*) AS n FROM assignments WHERE role = 'lead'`, [], (r) => r.role === 'lead');
    await check(
      { role: ['support', 'county'] },
      `SELECT count(*) AS n FROM assignments WHERE role <> 'lead'`,
      [],
      (r) => r.role !== 'lead',
    );
    await check({ status: 'not_started' }, `SELECT count(*) AS n FROM assignments`, [], (r) => r.status === 'not_started');
    // Today is 2024-06-03: the items due at the end of 2023, and those with a milestone then, are overdue.
    const missed = `(deadline < '2024-06-03' OR EXISTS (SELECT 1 FROM jsonb_array_elements(milestones) m WHERE m->>'date' < '2024-06-03'))`;
    const overdue = await check(
      { overdue: true },
      `SELECT count(*) AS n FROM assignments WHERE ${missed}`,
      [],
      (r) => r.overdue && r.daysOverdue > 0,
    );
    expect(overdue.length).toBeGreaterThan(0);
    await check(
      { overdue: false },
      `SELECT count(*) AS n FROM assignments WHERE NOT ${missed}`,
      [],
      (r) => !r.overdue && r.daysOverdue === 0,
    );
    await check({ escalationLevel: 0 }, `SELECT count(*) AS n FROM assignments`, [], (r) => r.escalationLevel === 0);
    await check({ escalationLevel: [2, 3] }, `SELECT 0 AS n`, [], () => false);
    await check(
      { dueBefore: '2024-12-31' },
      `SELECT count(*) AS n FROM assignments WHERE deadline <= '2024-12-31'`,
      [],
      (r) => r.deadline <= '2024-12-31',
    );
    await check(
      { dueAfter: '2025-12-31' },
      `SELECT count(*) AS n FROM assignments WHERE deadline >= '2025-12-31'`,
      [],
      (r) => r.deadline >= '2025-12-31',
    );
    await check(
      { q: '碳汇' },
      `SELECT count(*) AS n FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id WHERE i.title LIKE '%碳汇%'`,
      [],
      (r) => r.planItemTitle.includes('碳汇'),
    );
    await check({ q: 'C2.1' }, `SELECT count(*) AS n FROM assignments WHERE plan_item_id = $1`, [c21], (r) => r.planItemNumber === 'C2.1');
    const some = (await t.db.query(`SELECT id FROM assignments ORDER BY id LIMIT 3`)).map((r: { id: string }) => r.id);
    await check({ id: some }, `SELECT 3 AS n`, [], (r) => some.includes(r.id));
  });

  it('should sort by deadline, days overdue and unit name', async () => {
    const get = async (sort: [string, string]) =>
      (await t.http.get(`/api/assignments?${q({ sort, range: [0, 999] })}`).set(auth(office))).body as Row[];
    const byDeadline = await get(['deadline', 'ASC']);
    expect(byDeadline.map((r) => r.deadline)).toEqual([...byDeadline.map((r) => r.deadline)].sort());
    const byDays = await get(['daysOverdue', 'DESC']);
    expect(byDays[0].daysOverdue).toBeGreaterThan(0);
    expect(byDays.map((r) => r.daysOverdue)).toEqual([...byDays.map((r) => r.daysOverdue)].sort((a, b) => b - a));
    const byUnit = await get(['orgUnitId', 'ASC']);
    const names = byUnit.map((r) => r.orgUnitName);
    expect(names).toEqual([...names].sort());
    for (const sort of [
      ['status', 'DESC'],
      ['createdAt', 'ASC'],
      ['position', 'DESC'],
    ] as [string, string][]) {
      expect((await t.http.get(`/api/assignments?${q({ sort })}`).set(auth(office))).status).toBe(200);
    }
    // Without a sort: by deadline.
    const plain = ((await t.http.get(`/api/assignments?${q({ range: [0, 999] })}`).set(auth(office))).body as Row[]).map((r) => r.deadline);
    expect(plain).toEqual([...plain].sort());
  });

  it('should answer 400 for an undeclared filter or sort and a bad range or value', async () => {
    for (const query of [
      q({ filter: { colour: 'red' } }),
      q({ filter: { constructor: 1 } }),
      q({ sort: ['toString', 'ASC'] }),
      q({ sort: ['deadline', 'UP'] }),
      q({ range: [-1, 5] }),
      q({ range: [9, 3] }),
      q({ filter: { overdue: 'yes' } }),
      q({ filter: { dueBefore: '2025-13-01' } }),
      q({ filter: { orgUnitId: 'forestry' } }),
      q({ filter: { escalationLevel: 7 } }),
      q({ filter: { chapter: 'six' } }),
      'filter=%7Bnot-json',
    ]) {
      const res = await t.http.get(`/api/assignments?${query}`).set(auth(office));
      expect(res.status, query).toBe(400);
      expect(typeof res.body.message === 'string' || Array.isArray(res.body.message)).toBe(true);
    }
  });

  it('should run the same number of queries whatever the page size or filter: the token check, the plans’ years, the count, the page', async () => {
    await t.http.get(`/api/assignments?${q({ range: [0, 9] })}`).set(auth(office)); // warms the calendar and settings caches
    const small = await countQueries(() => t.http.get(`/api/assignments?${q({ range: [0, 9] })}`).set(auth(office)));
    const large = await countQueries(() => t.http.get(`/api/assignments?${q({ range: [0, 999] })}`).set(auth(office)));
    const filtered = await countQueries(() =>
      t.http
        .get(`/api/assignments?${q({ filter: { overdue: true, chapter: '3' }, sort: ['daysOverdue', 'DESC'], range: [0, 499] })}`)
        .set(auth(office)),
    );
    expect(small).toBe(large);
    expect(filtered).toBe(small);
    expect(small).toBeLessThanOrEqual(4); // the caller's token check, the plans' years (for the report periods), the count, the page
  });
});

describe('derived fields', () => {
  it('should count working days overdue over the National Day holiday and stop the clock during review', async () => {
    const id = (await t.db.query(`SELECT id FROM assignments WHERE plan_item_id = $1 AND role = 'lead'`, [await item('5.1.1')]))[0].id;
    const row = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
    const put = await t.http
      .put(`/api/assignments/${id}`)
      .set(auth(office))
      .send({ ...row, deadline: '2025-09-30' });
    expect(put.status).toBe(200);
    try {
      await setToday('2025-10-09');
      let now = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
      expect(now).toMatchObject({ overdue: true, daysOverdue: 1 });
      await setToday('2025-10-11'); // a make-up Saturday
      now = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
      expect(now).toMatchObject({ overdue: true, daysOverdue: 3 });
      const overdueList = await t.http.get(`/api/assignments?${q({ filter: { overdue: true, id: [id] } })}`).set(auth(office));
      expect(overdueList.body).toHaveLength(1);
      // A final report submitted by the deadline stops the clock while it is under review.
      await t.db.query(`UPDATE assignments SET status = 'closure_requested', closure_requested_on = '2025-09-29' WHERE id = $1`, [id]);
      now = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
      expect(now).toMatchObject({ overdue: false, daysOverdue: 0, nextReportDue: null });
      // One submitted after the deadline does not.
      await t.db.query(`UPDATE assignments SET closure_requested_on = '2025-10-09' WHERE id = $1`, [id]);
      now = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
      expect(now).toMatchObject({ overdue: true, daysOverdue: 3 });
    } finally {
      await t.db.query(`UPDATE assignments SET status = 'not_started', closure_requested_on = NULL WHERE id = $1`, [id]);
      await setToday('2024-06-03');
    }
  });

  it('should make an open milestone that passed overdue even before the deadline', async () => {
    const id = (await t.db.query(`SELECT id FROM assignments WHERE plan_item_id = $1 AND role = 'lead'`, [await item('6.2.1')]))[0].id;
    const row = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
    expect(row.deadline).toBe('2025-12-31');
    expect(row.milestones).toEqual([expect.objectContaining({ date: '2023-12-29', status: 'open' })]);
    expect(row.overdue).toBe(true);
    expect(row.daysOverdue).toBeGreaterThan(100);
    const done = await t.http
      .put(`/api/assignments/${id}`)
      .set(auth(office))
      .send({ ...row, milestones: [{ ...row.milestones[0], status: 'done' }] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ overdue: false, daysOverdue: 0, version: row.version + 1 });
  });

  it('should give the next report period and its due date, on the statutory calendar, and the whole schedule', async () => {
    const id = (await t.db.query(`SELECT id FROM assignments WHERE plan_item_id = $1 AND role = 'lead'`, [await item('C2.1')]))[0].id;
    const row = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
    // Made 2024-06-03, quarterly: the first period is 2024-Q2, due on the 5th working day of July.
    expect(row).toMatchObject({ nextReportPeriod: '2024-Q2', nextReportDue: '2024-07-05' });
    const liaison = (await t.db.query(`SELECT id FROM users WHERE username = 'forestry-liaison'`))[0].id;
    await t.db.query(
      `INSERT INTO reports (plan_id, assignment_id, org_unit_id, period, summary, progress, status, created_by, waiting_since, first_submitted_at, submitted_at)
       VALUES ($1, $2, $3, '2024-Q2', '完成森林碳汇项目审核 3 个', 15, 'submitted', $4, now(), '2024-07-04T02:00:00Z', '2024-07-04T02:00:00Z')`,
      [planId, id, await unit('forestry'), liaison],
    );
    const next = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
    // 2024-Q3 ends 30 September; 1–7 October are the holiday and Saturday 12 October is a make-up working day.
    expect(next).toMatchObject({ nextReportPeriod: '2024-Q3', nextReportDue: '2024-10-12' });
    const schedule = await t.http.get(`/api/assignments/${id}/schedule`).set(auth(office));
    expect(schedule.status).toBe(200);
    expect(schedule.body.map((p: { period: string }) => p.period)).toEqual([
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
    ]);
    expect(schedule.body[0]).toMatchObject({
      start: '2024-04-01',
      end: '2024-06-30',
      dueDate: '2024-07-05',
      reportStatus: 'submitted',
      submittedOn: '2024-07-04',
      reported: true,
      late: false,
    });
    expect(schedule.body[1]).toMatchObject({ dueDate: '2024-10-12', reportId: null, reported: false, late: false });
  });
});

describe('what leaders and liaisons see', () => {
  it('should show the 市林业局 liaison forestry work in “mine”, soonest first, and nothing of other units', async () => {
    const liaison = await t.login('forestry-liaison');
    const res = await t.http.get(`/api/assignments/mine?${q({ range: [0, 999] })}`).set(auth(liaison));
    expect(res.status).toBe(200);
    const rows = res.body as Row[];
    const forestry = await unit('forestry');
    expect(rows.length).toBe(
      await count(`SELECT count(*) AS n FROM assignments WHERE org_unit_id = $1 AND status NOT IN ('completed','cancelled')`, [forestry]),
    );
    expect(rows.every((r) => r.orgUnitId === forestry)).toBe(true);
    const titles = rows.map((r) => r.planItemTitle);
    expect(titles).toContain('森林碳汇工程项目');
    expect(rows.map((r) => r.planItemNumber)).toEqual(expect.arrayContaining(['9.1.4', '9.1.2', 'C2.1'])); // 松材线虫, 造林, 森林碳汇
    const bodies = (await t.db.query(`SELECT body FROM plan_items WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.planItemId)]))
      .map((r: { body: string }) => r.body)
      .join();
    for (const word of ['松材线虫', '造林', '森林碳汇']) expect(bodies).toContain(word);
    const soonest = rows.map(
      (r) => [r.deadline, ...r.milestones.filter((m) => m.status === 'open').map((m) => m.date), r.nextReportDue ?? '9999'].sort()[0],
    );
    expect(soonest).toEqual([...soonest].sort());
    expect((await t.http.get('/api/assignments/mine').set(auth(office))).status).toBe(403);
  });

  it('should not show a liaison or leader an assignment of another unit, in lists, counts, reads or schedules', async () => {
    const liaison = await t.login('forestry-liaison');
    const leader = await t.login('forestry-leader');
    const eco = await unit('ecology-environment');
    const other = (await t.db.query(`SELECT id FROM assignments WHERE org_unit_id = $1 LIMIT 1`, [eco]))[0].id;
    for (const token of [liaison, leader]) {
      expect((await t.http.get(`/api/assignments/${other}`).set(auth(token))).status).toBe(404);
      expect((await t.http.get(`/api/assignments/${other}/schedule`).set(auth(token))).status).toBe(404);
      const list = await t.http.get(`/api/assignments?${q({ filter: { orgUnitId: eco } })}`).set(auth(token));
      expect(list.body).toEqual([]);
      expect(total(list)).toBe(0);
      const all = await t.http.get(`/api/assignments?${q({ range: [0, 999] })}`).set(auth(token));
      expect(total(all)).toBe(await count(`SELECT count(*) AS n FROM assignments WHERE org_unit_id = $1`, [await unit('forestry')]));
      expect((await t.http.put(`/api/assignments/${other}`).set(auth(token)).send({ version: 1 })).status).toBe(403);
      expect((await t.http.delete(`/api/assignments/${other}`).set(auth(token))).status).toBe(403);
    }
    expect((await t.http.get(`/api/assignments/${other}`).set(auth(await t.login('inspector1')))).status).toBe(200);
  });
});

describe('changing and removing assignments', () => {
  it('should refuse a stale version, a deadline outside the plan, a milestone after the deadline and a new unit or role', async () => {
    const id = (await t.db.query(`SELECT id FROM assignments WHERE plan_item_id = $1 AND role = 'lead'`, [await item('8.2.1')]))[0].id;
    const row = (await t.http.get(`/api/assignments/${id}`).set(auth(office))).body as Row;
    const put = (body: object) => t.http.put(`/api/assignments/${id}`).set(auth(office)).send(body);
    expect((await put({ ...row, version: row.version + 5 })).status).toBe(409);
    const outside = await put({ ...row, deadline: '2026-01-15' });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('不在规划期');
    const late = await put({ ...row, deadline: '2025-06-30', milestones: [{ date: '2025-09-01', text: '完成' }] });
    expect(late.status).toBe(400);
    expect((await put({ ...row, role: 'support' })).status).toBe(400);
    expect((await put({ ...row, orgUnitId: await unit('forestry') })).status).toBe(400);
    expect((await put({ ...row, deadline: '2025-10-04' })).body).toMatchObject({ deadline: '2025-09-30', version: row.version + 1 });
    expect((await put({ ...row, deadline: '2025-06-30' })).status).toBe(409); // the version moved on
  });

  it('should delete a unit without reports, cancel one that reported, and keep the lead while others remain', async () => {
    const c62 = await item('C6.2');
    const rows = (await t.db.query(`SELECT id, role, org_unit_id FROM assignments WHERE plan_item_id = $1 ORDER BY role`, [c62])) as {
      id: string;
      role: string;
      org_unit_id: string;
    }[];
    const lead = rows.find((r) => r.role === 'lead')!;
    const [first, second] = rows.filter((r) => r.role === 'county');
    const lockedLead = await t.http.delete(`/api/assignments/${lead.id}`).set(auth(office));
    expect(lockedLead.status).toBe(409);
    expect((await t.http.delete(`/api/assignments/${first.id}`).set(auth(office))).status).toBe(200);
    expect((await t.http.get(`/api/assignments/${first.id}`).set(auth(office))).status).toBe(404);
    const liaison = (await t.db.query(`SELECT id FROM users WHERE username = 'office'`))[0].id;
    await t.db.query(
      `INSERT INTO reports (plan_id, assignment_id, org_unit_id, period, summary, progress, status, created_by, waiting_since)
       VALUES ($1, $2, $3, '2024-Q2', '草稿', 5, 'draft', $4, now())`,
      [planId, second.id, second.org_unit_id, liaison],
    );
    const cancelled = await t.http.delete(`/api/assignments/${second.id}`).set(auth(office));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', overdue: false, nextReportDue: null });
    expect((await t.http.delete(`/api/assignments/${second.id}`).set(auth(office))).status).toBe(409);
    const events = await t.db.query(
      `SELECT action FROM audit_events WHERE entity = 'Assignment' AND entity_id = ANY($1::text[]) ORDER BY seq`,
      [[first.id, second.id]],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'create', 'delete', 'cancel']);
  });
});
