import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SweepService } from '../../apps/api/src/modules/escalations/sweep.service';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * 签收 (receipt): a unit's leader or liaison acknowledges a new assignment; one not acknowledged within
 * settings.receipt.workingDays (3) working days of the day it was assigned is chased by the sweep.
 */
let t: TestApp;
let sweep: SweepService;
let planId: string;
let forestry: string;
let jingan: string;
const tokens: Record<string, string> = {};
const auth = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
// Monday 29 September 2025, the last working day before the National Day holiday (1–8 October).
const ASSIGNED = '2025-09-29';

/** A new, unacknowledged assignment made directly in the table, on an item no other assignment uses. */
async function assignment(f: { status?: string; unit?: string; assignedOn?: string } = {}): Promise<string> {
  const [{ id: itemId }] = await t.db.query(
    `SELECT id FROM plan_items i WHERE assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id) ORDER BY position LIMIT 1`,
  );
  const [row] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
     VALUES ($1, $2, $3, 'lead', '2025-12-31', '[]', 'annual', $4, $5) RETURNING id`,
    [planId, itemId, f.unit ?? forestry, f.status ?? 'not_started', f.assignedOn ?? ASSIGNED],
  );
  return row.id;
}
const acknowledge = (id: string, user: string, body: object = {}) =>
  t.http.post(`/api/assignments/${id}/acknowledge`).set(auth(user)).send(body);
const receiptNotices = async (id: string) =>
  (await t.db.query(
    `SELECT kind, threshold, resolved_at FROM escalations WHERE assignment_id = $1 AND target = 'receipt' ORDER BY created_at, level`,
    [id],
  )) as { kind: string; threshold: number; resolved_at: Date | null }[];
const stored = async (id: string) =>
  (await t.db.query(`SELECT acknowledged_at, acknowledged_by, version FROM assignments WHERE id = $1`, [id]))[0] as {
    acknowledged_at: Date | null;
    acknowledged_by: string | null;
    version: number;
  };
const userId = async (username: string) => (await t.db.query(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;

beforeAll(async () => {
  t = await createTestApp({ DUBAN_NOW: ASSIGNED });
  sweep = t.app.get(SweepService);
  for (const u of ['admin', 'office', 'inspector1', 'forestry-leader', 'forestry-liaison', 'jingan-leader', 'jingan-liaison'])
    tokens[u] = await t.login(u);
  [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  [{ id: forestry }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`);
  [{ id: jingan }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'jingan'`);
});
afterAll(() => t.close());

describe('POST /api/assignments/:id/acknowledge', () => {
  it('should let the unit’s liaison acknowledge, recording when and who, audited, and show acknowledgedAt', async () => {
    const id = await assignment();
    expect((await t.http.get(`/api/assignments/${id}`).set(auth('forestry-liaison'))).body.acknowledgedAt).toBeNull();
    const res = await acknowledge(id, 'forestry-liaison', { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.acknowledgedAt).not.toBeNull();
    expect(res.body.acknowledgedBy).toBe(await userId('forestry-liaison'));
    expect(res.body.version).toBe(2);
    const row = await stored(id);
    expect(row.acknowledged_at).not.toBeNull();
    const events = await t.db.query(`SELECT action, actor_id FROM audit_events WHERE entity = 'Assignment' AND entity_id = $1`, [id]);
    expect(events).toEqual([{ action: 'acknowledge', actor_id: await userId('forestry-liaison') }]);
    expect((await t.http.get('/api/audit-events/verify').set(auth('admin'))).body.ok).toBe(true);
  });

  it('should let the unit’s leader acknowledge', async () => {
    const id = await assignment({ unit: jingan });
    const res = await acknowledge(id, 'jingan-leader');
    expect(res.status).toBe(200);
    expect((await stored(id)).acknowledged_by).toBe(await userId('jingan-leader'));
  });

  it('should answer another unit’s leader or liaison 404 and the office, inspector and admin 403, writing nothing', async () => {
    const id = await assignment();
    for (const user of ['jingan-leader', 'jingan-liaison']) expect((await acknowledge(id, user)).status).toBe(404);
    for (const user of ['office', 'inspector1', 'admin']) expect((await acknowledge(id, user)).status).toBe(403);
    expect(await stored(id)).toMatchObject({ acknowledged_at: null, version: 1 });
  });

  it('should refuse a second acknowledgement with a 409 in Chinese (English when asked), changing nothing', async () => {
    const id = await assignment();
    expect((await acknowledge(id, 'forestry-liaison')).status).toBe(200);
    const before = await stored(id);
    const again = await acknowledge(id, 'forestry-leader');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已于');
    const en = await t.http.post(`/api/assignments/${id}/acknowledge`).set(auth('forestry-leader')).set('accept-language', 'en').send({});
    expect(en.status).toBe(409);
    expect(en.body.message).toContain('already acknowledged');
    expect(await stored(id)).toEqual(before);
  });

  it('should give exactly one 200 when two acknowledge at once', async () => {
    const id = await assignment();
    const results = await Promise.all([acknowledge(id, 'forestry-liaison'), acknowledge(id, 'forestry-leader')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await stored(id)).version).toBe(2);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'acknowledge' AND entity_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('should refuse a completed or cancelled assignment, and a stale version, with a 409', async () => {
    for (const status of ['completed', 'cancelled']) {
      const id = await assignment({ status });
      const res = await acknowledge(id, 'forestry-liaison');
      expect(res.status).toBe(409);
      expect(res.body.message).toContain(status === 'completed' ? '销号' : '取消');
      expect((await stored(id)).acknowledged_at).toBeNull();
    }
    const id = await assignment();
    expect((await acknowledge(id, 'forestry-liaison', { version: 7 })).status).toBe(409);
    expect((await acknowledge(id, 'forestry-liaison', { version: 'x' })).status).toBe(400);
    expect((await stored(id)).acknowledged_at).toBeNull();
  });
});

describe('the office sees who has not acknowledged', () => {
  it('should list unacknowledged assignments with filter {"acknowledged":false}, and acknowledged ones with true', async () => {
    const open = await assignment();
    const done = await assignment();
    expect((await acknowledge(done, 'forestry-liaison')).status).toBe(200);
    const list = async (acknowledged: unknown) =>
      (
        await t.http
          .get('/api/assignments')
          .query({ filter: JSON.stringify({ id: [open, done], acknowledged }) })
          .set(auth('office'))
      ).body.map((a: { id: string }) => a.id);
    expect(await list(false)).toEqual([open]);
    expect(await list(true)).toEqual([done]);
    // The dashboard's summary counts the unit's open work not yet acknowledged.
    const summary = async (user: string) => (await t.http.get('/api/dashboard/summary').set(auth(user))).body.unacknowledged as number;
    const [before, jinganBefore] = [await summary('forestry-liaison'), await summary('jingan-liaison')];
    expect(before).toBeGreaterThan(0);
    expect((await acknowledge(open, 'forestry-leader')).status).toBe(200);
    expect(await summary('forestry-liaison')).toBe(before - 1);
    expect(await summary('jingan-liaison')).toBe(jinganBefore);
    const bad = await t.http
      .get('/api/assignments')
      .query({ filter: JSON.stringify({ acknowledged: 'maybe' }) })
      .set(auth('office'));
    expect(bad.status).toBe(400);
  });
});

describe('settings.receipt.workingDays', () => {
  it('should default to 3, refuse a value below 1, and only the admin may change it', async () => {
    expect((await t.http.get('/api/settings').set(auth('office'))).body.receipt).toEqual({ workingDays: 3 });
    const { version } = (await t.http.get('/api/settings').set(auth('admin'))).body;
    const bad = await t.http
      .put('/api/settings')
      .set(auth('admin'))
      .send({ version, receipt: { workingDays: 0 } });
    expect(bad.status).toBe(400);
    const office = await t.http
      .put('/api/settings')
      .set(auth('office'))
      .send({ version, receipt: { workingDays: 5 } });
    expect(office.status).toBe(403);
    expect((await t.http.get('/api/settings').set(auth('admin'))).body).toMatchObject({ version, receipt: { workingDays: 3 } });
  });
});

describe('the sweep chases an unacknowledged assignment (target receipt)', () => {
  it('should urge on the 4th working day after it was assigned, across the National Day holiday, and not an acknowledged one', async () => {
    const late = await assignment();
    const acked = await assignment();
    expect((await acknowledge(acked, 'forestry-liaison')).status).toBe(200);
    // Working days after Mon 29 September: 30 September, 9 October, 10 October (1–8 October are holidays): due on 10 October.
    await sweep.run({ today: '2025-10-10' });
    expect((await receiptNotices(late)).map((n) => n.kind)).not.toContain('urge');
    expect((await receiptNotices(late)).map((n) => n.kind)).toContain('reminder');
    // Saturday 11 October is a make-up working day: 1 working day late.
    await sweep.run({ today: '2025-10-11' });
    expect((await receiptNotices(late)).filter((n) => n.kind === 'urge').map((n) => n.threshold)).toEqual([1]);
    expect(await receiptNotices(acked)).toEqual([]);
    const [urge] = await t.db.query(
      `SELECT n.title FROM notifications n JOIN escalations e ON n.link = '/assignments/' || e.assignment_id || '/show'
         JOIN users u ON u.id = n.user_id
        WHERE e.assignment_id = $1 AND e.target = 'receipt' AND e.kind = 'urge' AND u.username = 'forestry-leader' AND n.kind = 'escalation.urge'`,
      [late],
    );
    expect(urge.title).toContain('签收');

    // A second sweep the same day adds nothing.
    const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM escalations`))[0].n);
    const before = await count();
    const second = await sweep.run({ today: '2025-10-11' });
    expect(second.created).toEqual({ reminder: 0, urge: 0, supervision: 0, interview: 0 });
    expect(await count()).toBe(before);

    // Acknowledging stops the chase: the receipt's open notices close, and later sweeps raise no more.
    expect((await acknowledge(late, 'forestry-leader')).status).toBe(200);
    expect((await receiptNotices(late)).every((n) => n.resolved_at !== null)).toBe(true);
    await sweep.run({ today: '2025-10-20' });
    expect((await receiptNotices(late)).map((n) => n.kind).filter((k) => k === 'supervision')).toEqual([]);
  });

  it('should not chase work already begun (a report submitted)', async () => {
    const begun = await assignment({ status: 'in_progress' });
    await sweep.run({ today: '2025-10-14' });
    expect(await receiptNotices(begun)).toEqual([]);
  });
});
