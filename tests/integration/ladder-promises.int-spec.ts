import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SweepService } from '../../apps/api/src/modules/escalations/sweep.service';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let sweep: SweepService;
let planId: string;
let itemId: string;
let forestry: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Open work on its own plan item, due Tue 2025-09-30: urged 10-09, 督办单 10-14, level-3 candidate 10-28. */
async function assignment(): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
     VALUES ($1, $2, $3, 'lead', '2025-09-30', '[]', 'annual', 'in_progress', '2025-01-02') RETURNING id`,
    [planId, itemId, forestry],
  );
  return row.id;
}

const notice = async (assignmentId: string, kind: string, target = 'deadline') =>
  (
    (await t.db.query(`SELECT id, responded_at, promised_date FROM escalations WHERE assignment_id = $1 AND kind = $2 AND target = $3`, [
      assignmentId,
      kind,
      target,
    ])) as { id: string; responded_at: Date | null; promised_date: string | null }[]
  )[0];

const respond = async (who: string, id: string, promisedDate: string) =>
  t.http
    .post(`/api/escalations/${id}/respond`)
    .set(auth(await t.login(who)))
    .send({ response: '已安排专人办理', promisedDate });

beforeAll(async () => {
  t = await createTestApp();
  sweep = t.app.get(SweepService);
  [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  [{ id: forestry }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`);
});
beforeEach(async () => {
  [{ id: itemId }] = await t.db.query(
    `SELECT id FROM plan_items i WHERE assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id) ORDER BY position LIMIT 1`,
  );
});
afterAll(() => t.close());

describe('a promised date', () => {
  it('should be refused with a 400 naming the latest allowed day when it lies over 20 working days past the target, and change nothing', async () => {
    const id = await assignment();
    await sweep.run({ today: '2025-10-09' });
    const urge = await notice(id, 'urge');
    // 20 working days after Tue 09-30, across the National Day holiday and the 10-11 make-up Saturday, is Tue 11-04.
    for (const late of ['2099-12-31', '2025-11-05']) {
      const res = await respond('forestry-liaison', urge.id, late);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('promisedDate 最晚为 2025-11-04');
    }
    expect((await notice(id, 'urge')).responded_at).toBeNull();
    const onTheDay = await respond('forestry-liaison', urge.id, '2025-11-04');
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.body.promisedDate).toBe('2025-11-04');
  });

  it('should follow the ladder.promiseMaxDays setting', async () => {
    const admin = await t.login('admin');
    const { version } = (await t.http.get('/api/settings').set(auth(admin))).body as { version: number };
    const set = await t.http
      .put('/api/settings')
      .set(auth(admin))
      .send({ version, ladder: { promiseMaxDays: 3 } });
    expect(set.status).toBe(200);
    try {
      const id = await assignment();
      await sweep.run({ today: '2025-10-09' });
      const urge = await notice(id, 'urge');
      const refused = await respond('forestry-leader', urge.id, '2025-10-13');
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('最晚为 2025-10-11');
      expect((await respond('forestry-leader', urge.id, '2025-10-11')).status).toBe(200);
    } finally {
      const now = (await t.http.get('/api/settings').set(auth(admin))).body as { version: number };
      await t.http
        .put('/api/settings')
        .set(auth(admin))
        .send({ version: now.version, ladder: { promiseMaxDays: 20 } });
    }
  });

  it('should not hold back the 督办单 when a liaison made it', async () => {
    const id = await assignment();
    await sweep.run({ today: '2025-10-09' });
    expect((await respond('forestry-liaison', (await notice(id, 'urge')).id, '2025-11-04')).status).toBe(200);
    await sweep.run({ today: '2025-10-14' });
    expect(await notice(id, 'supervision')).toBeDefined();
  });

  it('should hold back the 督办单 while a leader’s promise stands, and let it through once the promise has passed', async () => {
    const id = await assignment();
    await sweep.run({ today: '2025-10-09' });
    const urge = await notice(id, 'urge');
    expect((await respond('forestry-leader', urge.id, '2025-10-20')).status).toBe(200);
    await sweep.run({ today: '2025-10-14' });
    expect(await notice(id, 'supervision')).toBeUndefined();
    await sweep.run({ today: '2025-10-21' });
    expect(await notice(id, 'supervision')).toBeDefined();
    expect(await notice(id, 'urge', `promise:${urge.id}`)).toBeDefined();
  });
});

describe('an answer to a resolved notice', () => {
  it('should be a 409 and leave the notice unanswered', async () => {
    const id = await assignment();
    await sweep.run({ today: '2025-10-09' });
    const urge = await notice(id, 'urge');
    await t.db.query(`UPDATE assignments SET status = 'completed' WHERE id = $1`, [id]);
    await sweep.run({ today: '2025-10-10' });
    const [{ resolved_at }] = await t.db.query(`SELECT resolved_at FROM escalations WHERE id = $1`, [urge.id]);
    expect(resolved_at).not.toBeNull();
    const res = await respond('forestry-liaison', urge.id, '2025-10-20');
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('已办结');
    expect((await notice(id, 'urge')).responded_at).toBeNull();
  });
});
