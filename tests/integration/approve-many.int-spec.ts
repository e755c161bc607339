import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

let itemOffset = 0;
/** A report in `status` on a fresh 市林业局 assignment (written straight into the tables: the approval is under test). */
async function reportIn(status: string): Promise<string> {
  const [a] = (await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on, status)
     SELECT i.plan_id, i.id, (SELECT id FROM org_units WHERE code = 'forestry'), 'lead', '2025-12-31', 'quarterly', '2024-01-15', 'in_progress'
       FROM plan_items i WHERE i.assignable ORDER BY i.position LIMIT 1 OFFSET $1
     RETURNING id, plan_id, org_unit_id`,
    [itemOffset++],
  )) as { id: string; plan_id: string; org_unit_id: string }[];
  const [r] = (await t.db.query(
    `INSERT INTO reports (plan_id, assignment_id, org_unit_id, period, summary, progress, status, created_by, waiting_since, submitted_at)
     VALUES ($1, $2, $3, '2024-Q1', '完成造林 1.2 万亩', 30, $4, (SELECT id FROM users WHERE username = 'forestry-liaison'), now(), now())
     RETURNING id`,
    [a.plan_id, a.id, a.org_unit_id, status],
  )) as { id: string }[];
  return r.id;
}

const statusOf = async (id: string) =>
  ((await t.db.query(`SELECT status FROM reports WHERE id = $1`, [id]))[0] as { status: string }).status;

let inspector: string;
beforeAll(async () => {
  t = await createTestApp();
  inspector = await t.login('inspector1');
});
afterAll(() => t.close());

describe('POST /api/reports/approve-many', () => {
  it('should approve each confirmed report through the single approve, and say per id why the others were not', async () => {
    const confirmed = [await reportIn('confirmed'), await reportIn('confirmed'), await reportIn('confirmed')];
    const submitted = await reportIn('submitted');
    const draft = await reportIn('draft');
    const missing = randomUUID();
    const ids = [...confirmed, submitted, draft, missing];
    const res = await t.http.post('/api/reports/approve-many').set(auth(inspector)).send({ ids, comment: '材料齐全' });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual(ids);
    for (const [i, id] of confirmed.entries()) {
      expect(res.body[i]).toEqual({ id, status: 'approved' });
      expect(await statusOf(id)).toBe('approved');
    }
    expect(res.body[3]).toMatchObject({ id: submitted, status: 'submitted' });
    expect(res.body[3].error).toContain('不能核查通过');
    // A draft is its unit's alone: to the inspector it does not exist, like a wrong id.
    expect(res.body[4]).toEqual({ id: draft, status: null, error: '报告不存在' });
    expect(res.body[5]).toEqual({ id: missing, status: null, error: '报告不存在' });
    expect(await statusOf(submitted)).toBe('submitted');
    expect(await statusOf(draft)).toBe('draft');

    const history = (await t.db.query(
      `SELECT report_id, comment FROM report_history WHERE action = 'approve' AND report_id = ANY($1::uuid[])`,
      [ids.slice(0, 5)],
    )) as { report_id: string; comment: string }[];
    expect(history.map((h) => h.report_id).sort()).toEqual([...confirmed].sort());
    expect(new Set(history.map((h) => h.comment))).toEqual(new Set(['材料齐全']));
    const audits = await t.db.query(
      `SELECT entity_id FROM audit_events WHERE action = 'approve' AND entity = 'Report' AND entity_id = ANY($1::text[])`,
      [ids.slice(0, 5)],
    );
    expect(audits).toHaveLength(3);
  });

  it('should leave an already approved report as it is on a second run, with the reason, and record no second approval', async () => {
    const id = await reportIn('confirmed');
    expect(
      (
        await t.http
          .post('/api/reports/approve-many')
          .set(auth(inspector))
          .send({ ids: [id] })
      ).body,
    ).toEqual([{ id, status: 'approved' }]);
    const again = await t.http
      .post('/api/reports/approve-many')
      .set(auth(inspector))
      .send({ ids: [id] });
    expect(again.status).toBe(200);
    expect(again.body[0]).toMatchObject({ id, status: 'approved' });
    expect(again.body[0].error).toBeTruthy();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM report_history WHERE report_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('should answer 403 to a leader, a liaison and the office, and 400 to a malformed list, changing nothing', async () => {
    const id = await reportIn('confirmed');
    for (const user of ['forestry-leader', 'forestry-liaison', 'office']) {
      const res = await t.http
        .post('/api/reports/approve-many')
        .set(auth(await t.login(user)))
        .send({ ids: [id] });
      expect(res.status, user).toBe(403);
    }
    for (const body of [
      {},
      { ids: [] },
      { ids: ['nope'] },
      { ids: [id, id] },
      { ids: id },
      { ids: [id], comment: 5 },
      { ids: [id], extra: 1 },
    ]) {
      const res = await t.http.post('/api/reports/approve-many').set(auth(inspector)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(/所选记录|意见|不认识的字段 extra/);
    }
    expect(await statusOf(id)).toBe('confirmed');
  });
});
