import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The dashboards count stored facts: the work below is written straight into the tables (an empty plan, today
 * 2024-06-03), so every expected number is counted by hand from it.
 */
let t: TestApp;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const tokens = new Map<string, string>();
async function as(username: string) {
  if (!tokens.has(username)) tokens.set(username, await t.login(username));
  return auth(tokens.get(username)!);
}

let itemOffset = 0;
interface Made {
  id: string;
  planId: string;
  orgUnitId: string;
  chapter: string;
}
/** One assignment of `unit` on the next assignable item (items in document order, so chapters are known). */
async function work(
  unit: string,
  opts: { deadline?: string; status?: string; assignedOn?: string; progress?: number } = {},
): Promise<Made> {
  const [row] = (await t.db.query(
    `WITH item AS (SELECT i.id, i.plan_id FROM plan_items i WHERE i.assignable ORDER BY i.position LIMIT 1 OFFSET $1)
     INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on, status, progress)
     SELECT item.plan_id, item.id, (SELECT id FROM org_units WHERE code = $2), 'lead', $3, 'quarterly', $4, $5, $6 FROM item
     RETURNING id, plan_id AS "planId", org_unit_id AS "orgUnitId",
       (WITH RECURSIVE up(id, parent_id, kind, number) AS (
          SELECT p.id, p.parent_id, p.kind, p.number FROM plan_items p WHERE p.id = plan_item_id
          UNION ALL SELECT p.id, p.parent_id, p.kind, p.number FROM plan_items p JOIN up ON p.id = up.parent_id)
        SELECT number FROM up WHERE kind = 'chapter') AS chapter`,
    [itemOffset++, unit, opts.deadline ?? '2025-12-31', opts.assignedOn ?? '2024-05-20', opts.status ?? 'in_progress', opts.progress ?? 0],
  )) as Made[];
  return row;
}

async function report(a: Made, status: string, final = false) {
  await t.db.query(
    `INSERT INTO reports (plan_id, assignment_id, org_unit_id, period, summary, progress, status, final, created_by, waiting_since)
     VALUES ($1, $2, $3, '2024-Q2', '进展', 50, $4, $5, (SELECT id FROM users WHERE username = 'forestry-liaison'), now())`,
    [a.planId, a.id, a.orgUnitId, status, final],
  );
}

/** A notice; `answerDue` in the past and no answer makes it unanswered. */
async function notice(a: Made, kind: string, level: number, answerDue: string | null, answered = false) {
  await t.db.query(
    `INSERT INTO escalations (plan_id, assignment_id, org_unit_id, target, target_date, kind, level, threshold, due_at, responded_at, response)
     VALUES ($1, $2, $3, 'deadline', '2024-05-31', $4, $5, 1, $6, $7, $8)`,
    [a.planId, a.id, a.orgUnitId, kind, level, answerDue, answered ? new Date() : null, answered ? '已整改' : null],
  );
}

let chapters: Map<string, number>;
beforeAll(async () => {
  t = await createTestApp();
  // 市林业局: 4 pieces of work — one completed, one overdue at level 2 with an unanswered 督办单, one on time, one cancelled.
  const done = await work('forestry', { status: 'completed', progress: 100 });
  await report(done, 'accepted', true);
  const late = await work('forestry', { deadline: '2024-05-31', assignedOn: '2024-01-15' });
  await notice(late, 'urge', 1, null);
  await notice(late, 'supervision', 2, '2024-05-31');
  const onTime = await work('forestry');
  await report(onTime, 'submitted');
  await work('forestry', { status: 'cancelled' });
  // 市水利局: 2 — one with an approved final report (waiting for 销号), one with a confirmed report.
  const final = await work('water-resources', { status: 'closure_requested', progress: 100 });
  await report(final, 'approved', true);
  const confirmed = await work('water-resources');
  await report(confirmed, 'confirmed');
  await notice(confirmed, 'urge', 1, '2024-06-10');
  // 袁州区 (a county): 1 overdue, answered.
  const county = await work('yuanzhou', { deadline: '2024-04-30', assignedOn: '2024-01-15' });
  await notice(county, 'supervision', 2, '2024-05-10', true);
  // A draft report belongs to its unit: the office's queues never count it.
  const drafted = await work('yuanzhou');
  await report(drafted, 'draft');
  chapters = new Map();
  for (const a of [done, late, onTime, final, confirmed, county, drafted]) chapters.set(a.chapter, (chapters.get(a.chapter) ?? 0) + 1);
});
afterAll(() => t.close());

describe('GET /api/dashboard/*', () => {
  it('should sum the office’s whole picture: completion, lights, overdue, queues and unanswered notices', async () => {
    const res = await t.http.get('/api/dashboard/summary').set(await as('office'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 7, // the cancelled one is left out
      completed: 1,
      closureRequested: 1,
      open: 6,
      overdue: 2,
      red: 2,
      completionRate: 14.3,
      maxLevel: 2,
      levels: [3, 1, 2, 0],
      awaitingConfirmation: 1,
      awaitingReview: 1,
      awaitingAcceptance: 1,
      unansweredNotices: 1,
      today: '2024-06-03',
      calendarWarning: null,
    });
    expect(res.body.green + res.body.yellow + res.body.red).toBe(7);
  });

  it('should give one row per unit with its own counts, and only counties and zones by county', async () => {
    const units = (await t.http.get('/api/dashboard/by-unit').set(await as('office'))).body as {
      orgUnitName: string;
      total: number;
      completed: number;
      overdue: number;
      red: number;
      unansweredNotices: number;
      completionRate: number;
    }[];
    const forestry = units.find((u) => u.orgUnitName === '市林业局');
    expect(forestry).toMatchObject({ total: 3, completed: 1, overdue: 1, red: 1, unansweredNotices: 1, completionRate: 33.3 });
    expect(units.find((u) => u.orgUnitName === '市水利局')).toMatchObject({ total: 2, completed: 0, overdue: 0, unansweredNotices: 0 });
    expect(units.map((u) => u.orgUnitName).sort()).toEqual(['市林业局', '市水利局', '袁州区'].sort());

    const counties = (await t.http.get('/api/dashboard/by-county').set(await as('inspector1'))).body as {
      orgUnitName: string;
      orgUnitKind: string;
      total: number;
      overdue: number;
    }[];
    expect(counties).toEqual([expect.objectContaining({ orgUnitName: '袁州区', orgUnitKind: 'county', total: 2, overdue: 1 })]);
  });

  it('should count each assignment once under its chapter, in document order', async () => {
    const res = await t.http.get('/api/dashboard/by-chapter').set(await as('office'));
    expect(res.status).toBe(200);
    const rows = res.body as { chapterNumber: string; total: number }[];
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(7);
    const numbers = rows.map((r) => Number(r.chapterNumber));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    for (const [chapter, n] of chapters) {
      expect(rows.find((r) => r.chapterNumber === chapter)?.total, chapter).toBe(n);
    }
    expect(rows).toHaveLength(chapters.size);
  });

  it('should give open work per ladder level and notices per kind, with the answered and unanswered ones', async () => {
    const res = await t.http.get('/api/dashboard/by-level').set(await as('office'));
    expect(res.status).toBe(200);
    expect(res.body.levels).toEqual([
      { level: 0, open: 3 },
      { level: 1, open: 1 },
      { level: 2, open: 2 },
      { level: 3, open: 0 },
    ]);
    expect(res.body.notices).toEqual([
      { kind: 'reminder', total: 0, open: 0, answered: 0, unanswered: 0 },
      { kind: 'urge', total: 2, open: 2, answered: 0, unanswered: 0 },
      { kind: 'supervision', total: 2, open: 2, answered: 1, unanswered: 1 },
      { kind: 'interview', total: 0, open: 0, answered: 0, unanswered: 0 },
    ]);
  });

  it('should show a leader and a liaison their own unit’s dashboard only', async () => {
    const leader = await t.http.get('/api/dashboard/summary').set(await as('forestry-leader'));
    expect(leader.status).toBe(200);
    expect(leader.body).toMatchObject({
      total: 3,
      completed: 1,
      overdue: 1,
      awaitingConfirmation: 1,
      awaitingReview: 0,
      unansweredNotices: 1,
    });
    const units = await t.http.get('/api/dashboard/by-unit').set(await as('forestry-liaison'));
    expect(units.body.map((u: { orgUnitName: string }) => u.orgUnitName)).toEqual(['市林业局']);
    // The county's own liaison sees its draft counted in nothing but its own work, and no other unit.
    const county = await t.http.get('/api/dashboard/summary').set(await as('yuanzhou-liaison'));
    expect(county.body).toMatchObject({ total: 2, overdue: 1, awaitingConfirmation: 0 });
    const none = await t.http.get('/api/dashboard/by-county').set(await as('forestry-leader'));
    expect(none.body).toEqual([]);
  });

  it('should answer 401 without a log-in and 400 for a malformed plan or an unknown parameter', async () => {
    expect((await t.http.get('/api/dashboard/summary')).status).toBe(401);
    const bad = await t.http.get('/api/dashboard/by-unit?planId=nope').set(await as('office'));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('规划必须是 UUID');
    expect((await t.http.get('/api/dashboard/summary?unit=1').set(await as('office'))).status).toBe(400);
    const planId = (await t.db.query(`SELECT id FROM plans LIMIT 1`))[0].id as string;
    const one = await t.http.get(`/api/dashboard/summary?planId=${planId}`).set(await as('office'));
    expect(one.body.total).toBe(7);
    const other = await t.http.get('/api/dashboard/summary?planId=00000000-0000-4000-8000-000000000000').set(await as('office'));
    expect(other.body).toMatchObject({ total: 0, completionRate: 0, levels: [0, 0, 0, 0] });
  });
});
