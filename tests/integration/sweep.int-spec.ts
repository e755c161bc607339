import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SweepService } from '../../apps/api/src/modules/escalations/sweep.service';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let sweep: SweepService;
let planId: string;
let itemId: string;
let forestry: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** An assignment made directly in the table, so each case controls its facts exactly. */
async function assignment(f: {
  deadline: string;
  cycle?: string;
  assignedOn?: string;
  status?: string;
  milestones?: object[];
  unit?: string;
}): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
     VALUES ($1, $2, $3, 'lead', $4, $5, $6, $7, $8) RETURNING id`,
    [
      planId,
      itemId,
      f.unit ?? forestry,
      f.deadline,
      JSON.stringify(f.milestones ?? []),
      f.cycle ?? 'annual',
      f.status ?? 'in_progress',
      f.assignedOn ?? '2025-01-02',
    ],
  );
  return row.id;
}

const notices = async (assignmentId: string) =>
  (await t.db.query(
    `SELECT target, kind, level, threshold, days_overdue, number, to_char(due_at, 'YYYY-MM-DD') AS due_at, resolved_at
       FROM escalations WHERE assignment_id = $1 ORDER BY created_at, level, threshold DESC`,
    [assignmentId],
  )) as {
    target: string;
    kind: string;
    level: number;
    threshold: number;
    days_overdue: number;
    number: string | null;
    due_at: string | null;
    resolved_at: Date | null;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  sweep = t.app.get(SweepService);
  [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  [{ id: forestry }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`);
});
beforeEach(async () => {
  // Each case on an item no other case uses.
  [{ id: itemId }] = await t.db.query(
    `SELECT id FROM plan_items i WHERE assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id) ORDER BY position LIMIT 1`,
  );
});
afterAll(() => t.close());

describe('the ladder around the 2025 National Day holiday (deadline Tue 2025-09-30)', () => {
  it('should remind 5 and 1 working days ahead, urge on 10-09, issue a 督办单 on 10-14 and name a level-3 candidate on 10-28', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    const steps: [string, string[]][] = [
      ['2025-09-22', []], // 7 working days ahead: nothing yet
      ['2025-09-24', ['reminder/5']], // 09-25, 26, 28 (make-up Sunday), 29, 30: 5 working days ahead
      ['2025-09-26', []], // 3 ahead: the 5-day reminder stands
      ['2025-09-29', ['reminder/1']],
      ['2025-09-30', []], // due today
      ['2025-10-08', []], // 1–8 October are holidays: 0 working days overdue
      ['2025-10-09', ['urge/1']], // 1 working day overdue
      ['2025-10-11', []], // make-up Saturday: 3 overdue
      ['2025-10-14', ['supervision/5']],
      ['2025-10-27', []], // 14 overdue
      ['2025-10-28', ['interview/15']],
    ];
    for (const [today, expected] of steps) {
      const before = (await notices(id)).length;
      await sweep.run({ today });
      const now = await notices(id);
      expect(
        now.slice(before).map((n) => `${n.kind}/${n.threshold}`),
        today,
      ).toEqual(expected);
    }
    const all = await notices(id);
    const supervision = all.find((n) => n.kind === 'supervision')!;
    expect(supervision.days_overdue).toBe(5);
    expect(supervision.number).toMatch(/^宜环委办督〔2025〕\d+号$/);
    // 5 working days to answer: 10-15, 16, 17, 20, 21.
    expect(supervision.due_at).toBe('2025-10-21');
    expect(all.find((n) => n.kind === 'interview')!.days_overdue).toBe(15);
  });

  it('should raise every level already reached when first swept late, and nothing on a second run', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    const first = await sweep.run({ today: '2025-10-28' });
    expect((await notices(id)).map((n) => n.kind).sort()).toEqual(['interview', 'supervision', 'urge']);
    expect(first.created.interview).toBeGreaterThan(0);
    const count = Number((await t.db.query(`SELECT count(*) AS n FROM escalations`))[0].n);
    const notes = Number((await t.db.query(`SELECT count(*) AS n FROM notifications`))[0].n);
    const second = await sweep.run({ today: '2025-10-28' });
    expect(second.created).toEqual({ reminder: 0, urge: 0, supervision: 0, interview: 0 });
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM escalations`))[0].n)).toBe(count);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM notifications`))[0].n)).toBe(notes);
  });

  it('should add nothing when two sweeps run at once', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    const results = await Promise.all([sweep.run({ today: '2025-10-15' }), sweep.run({ today: '2025-10-15' })]);
    const total = (k: 'urge' | 'supervision') => results.reduce((s, r) => s + r.created[k], 0);
    expect((await notices(id)).map((n) => n.kind).sort()).toEqual(['supervision', 'urge']);
    expect(total('urge')).toBeGreaterThanOrEqual(1);
    expect(results.some((r) => r.created.supervision + r.created.urge === 0)).toBe(true);
  });
});

describe('who is told', () => {
  it('should tell the liaison of a reminder, the liaison and leader of an urge, the leader of a 督办单 and the office of a candidate', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    await sweep.run({ today: '2025-09-24' });
    await sweep.run({ today: '2025-10-28' });
    const rows = (await t.db.query(
      `SELECT n.kind, u.username FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.dedupe_key IN (SELECT 'escalation:' || e.id FROM escalations e WHERE e.assignment_id = $1)`,
      [id],
    )) as { kind: string; username: string }[];
    const to = (kind: string) =>
      rows
        .filter((r) => r.kind === `escalation.${kind}`)
        .map((r) => r.username)
        .sort();
    expect(to('reminder')).toEqual(['forestry-liaison']);
    expect(to('urge')).toEqual(['forestry-leader', 'forestry-liaison']);
    expect(to('supervision')).toEqual(['forestry-leader']);
    expect(to('interview')).toEqual(['office']);
  });
});

describe('what stops the chase', () => {
  it('should not chase completed work, and close the notices of work completed since', async () => {
    const done = await assignment({ deadline: '2025-09-30', status: 'completed' });
    await sweep.run({ today: '2025-10-15' });
    expect(await notices(done)).toEqual([]);
    const [{ id: water }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'water-resources'`);
    const late = await assignment({ deadline: '2025-09-30', unit: water });
    await sweep.run({ today: '2025-10-15' });
    expect((await notices(late)).length).toBe(2);
    await t.db.query(`UPDATE assignments SET status = 'completed' WHERE id = $1`, [late]);
    const r = await sweep.run({ today: '2025-10-16' });
    expect(r.resolved).toBeGreaterThanOrEqual(2);
    expect((await notices(late)).every((n) => n.resolved_at !== null)).toBe(true);
  });

  it('should stop the clock while a final report submitted in time is under review', async () => {
    const id = await assignment({ deadline: '2025-09-30', status: 'closure_requested' });
    await t.db.query(`UPDATE assignments SET closure_requested_on = '2025-09-29' WHERE id = $1`, [id]);
    await sweep.run({ today: '2025-10-20' });
    expect(await notices(id)).toEqual([]);
  });

  it('should chase a missed report period on its own, and close it once the report is submitted', async () => {
    const id = await assignment({ deadline: '2025-12-31', cycle: 'quarterly', assignedOn: '2025-07-01' });
    // 2025-Q3 ends 09-30; its report is due on the 5th working day after: 09-30 + (10-09, 10, 11, 13, 14) = 10-14.
    await sweep.run({ today: '2025-10-14' });
    expect((await notices(id)).filter((n) => n.target === 'report:2025-Q3').map((n) => n.kind)).toEqual(['reminder']);
    await sweep.run({ today: '2025-10-15' });
    expect((await notices(id)).filter((n) => n.target === 'report:2025-Q3').map((n) => n.kind)).toEqual(['reminder', 'urge']);
    await t.db.query(
      `INSERT INTO reports (assignment_id, plan_id, org_unit_id, period, summary, progress, final, status, submitted_at, waiting_since, created_by)
       VALUES ($1, $2, $3, '2025-Q3', '三季度进展', 60, false, 'submitted', now(), now(), (SELECT id FROM users WHERE username = 'forestry-liaison'))`,
      [id, planId, forestry],
    );
    await sweep.run({ today: '2025-10-16' });
    const q3 = (await notices(id)).filter((n) => n.target === 'report:2025-Q3' && n.kind === 'urge');
    expect(q3[0].resolved_at).not.toBeNull();
  });

  it('should chase each open milestone on its own', async () => {
    const id = await assignment({
      deadline: '2025-12-31',
      milestones: [
        { date: '2025-06-30', text: '完成调查', status: 'open' },
        { date: '2025-03-31', text: '启动', status: 'done' },
      ],
    });
    await sweep.run({ today: '2025-07-01' });
    expect((await notices(id)).map((n) => `${n.target}/${n.kind}`)).toEqual(['milestone:2025-06-30/urge']);
  });
});

describe('answers', () => {
  it('should let only the leader answer a 督办单, and chase again when the promised date passes', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    await sweep.run({ today: '2025-10-14' });
    const [notice] = await t.db.query(`SELECT id FROM escalations WHERE assignment_id = $1 AND kind = 'supervision'`, [id]);
    const liaison = await t.login('forestry-liaison');
    const leader = await t.login('forestry-leader');
    const other = await t.login('water-resources-leader');
    expect(
      (
        await t.http
          .post(`/api/escalations/${notice.id}/respond`)
          .set(auth(liaison))
          .send({ response: '正在办理', promisedDate: '2025-10-20' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`/api/escalations/${notice.id}/respond`)
          .set(auth(other))
          .send({ response: '正在办理', promisedDate: '2025-10-20' })
      ).status,
    ).toBe(404);
    expect((await t.http.post(`/api/escalations/${notice.id}/respond`).set(auth(leader)).send({ response: '正在办理' })).status).toBe(400);
    const answered = await t.http
      .post(`/api/escalations/${notice.id}/respond`)
      .set(auth(leader))
      .send({ response: '已安排专人办理', promisedDate: '2025-10-20' });
    expect(answered.status).toBe(200);
    expect(answered.body.promisedDate).toBe('2025-10-20');
    expect(
      (
        await t.http
          .post(`/api/escalations/${notice.id}/respond`)
          .set(auth(leader))
          .send({ response: '再答一次', promisedDate: '2025-10-20' })
      ).status,
    ).toBe(409);
    // Before the promised date the ladder waits: no level-3 candidate on 10-20 even though… it is 10 days overdue.
    await sweep.run({ today: '2025-10-20' });
    expect((await notices(id)).some((n) => n.target.startsWith('promise:'))).toBe(false);
    // The promise passes with the work still open: a new urge on the broken promise.
    await sweep.run({ today: '2025-10-21' });
    expect((await notices(id)).filter((n) => n.target === `promise:${notice.id}`).map((n) => n.kind)).toEqual(['urge']);
  });

  it('should list notices whose answer is overdue for the office', async () => {
    const id = await assignment({ deadline: '2025-09-30' });
    await sweep.run({ today: '2025-10-14' });
    await t.app.get(SweepService).run({ today: '2025-10-14' });
    const office = await t.login('office');
    const admin = await t.login('admin');
    await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: '2025-10-23' });
    const res = await t.http
      .get(`/api/escalations?filter=${encodeURIComponent(JSON.stringify({ unanswered: true, assignmentId: id }))}`)
      .set(auth(office));
    expect(res.status).toBe(200);
    expect(res.body.map((e: { kind: string }) => e.kind).sort()).toEqual(['supervision', 'urge']);
  });
});

describe('manual urge and level-3 confirmation', () => {
  it('should let the office urge all of a unit’s overdue work, and confirm a candidate once', async () => {
    const a = await assignment({ deadline: '2025-09-30' });
    const office = await t.login('office');
    const admin = await t.login('admin');
    await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: '2025-10-28' });
    const res = await t.http.post('/api/escalations').set(auth(office)).send({ orgUnitId: forestry, reason: '请本周内报送整改情况' });
    expect(res.status).toBe(201);
    expect(res.body.map((e: { assignmentId: string }) => e.assignmentId)).toContain(a);
    expect(res.body.every((e: { manual: boolean; kind: string }) => e.manual && e.kind === 'urge')).toBe(true);
    expect((await t.http.post('/api/escalations').set(auth(office)).send({ assignmentId: a, reason: '请本周内报送整改情况' })).status).toBe(
      409,
    );
    const liaison = await t.login('forestry-liaison');
    expect((await t.http.post('/api/escalations').set(auth(liaison)).send({ assignmentId: a, reason: '自己催自己' })).status).toBe(403);
    await sweep.run({ today: '2025-10-28' });
    const [candidate] = await t.db.query(`SELECT id FROM escalations WHERE assignment_id = $1 AND kind = 'interview'`, [a]);
    expect((await t.http.post(`/api/escalations/${candidate.id}/confirm`).set(auth(office)).send({ comment: '约谈分管领导' })).status).toBe(
      200,
    );
    expect((await t.http.post(`/api/escalations/${candidate.id}/confirm`).set(auth(office)).send({})).status).toBe(409);
    expect((await t.http.get(`/api/escalations/${candidate.id}`).set(auth(await t.login('jingan-liaison')))).status).toBe(404);
  });
});

describe('a returned report', () => {
  it('should be chased again from its own due date once it is returned', async () => {
    const admin = auth(await t.login('admin'));
    const clock = async (today: string) => expect((await t.http.put('/api/settings/clock').set(admin).send({ today })).status).toBe(200);
    const { today: before } = (await t.http.get('/api/settings/clock').set(admin)).body;
    try {
      const id = await assignment({ deadline: '2025-12-31', cycle: 'quarterly', assignedOn: '2025-07-01' });
      // Reported on time (the Q3 report is due 10-14), through the API as the liaison does it.
      await clock('2025-10-10');
      const liaison = auth(await t.login('forestry-liaison'));
      const draft = await t.http
        .post('/api/reports')
        .set(liaison)
        .send({ assignmentId: id, period: '2025-Q3', summary: '三季度进展', progress: 60 });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      expect((await t.http.post(`/api/reports/${draft.body.id}/submit`).set(liaison).send({ version: draft.body.version })).status).toBe(
        200,
      );
      await sweep.run({ today: '2025-10-20' });
      expect((await notices(id)).filter((n) => n.target === 'report:2025-Q3')).toEqual([]);
      // Returned by the unit's leader on 10-21, five working days after the due date: the urge and the 督办单 it has
      // earned come now, not when the next threshold (15 days) is reached.
      await clock('2025-10-21');
      const returned = await t.http
        .post(`/api/reports/${draft.body.id}/return`)
        .set(auth(await t.login('forestry-leader')))
        .send({ version: draft.body.version + 1, comment: '缺少现场照片' });
      expect(returned.status, JSON.stringify(returned.body)).toBe(200);
      expect(returned.body.status).toBe('returned');
      await sweep.run({ today: '2025-10-21' });
      expect(
        (await notices(id))
          .filter((n) => n.target === 'report:2025-Q3')
          .map((n) => n.kind)
          .sort(),
      ).toEqual(['supervision', 'urge']);
    } finally {
      await clock(before);
    }
  });
});

describe('bad input to the sweep and the ladder', () => {
  it('should answer 400, not 5xx, for dates that do not exist', async () => {
    const admin = await t.login('admin');
    const office = await t.login('office');
    expect((await t.http.post('/api/jobs/sweep').set(auth(office)).send({ now: '2025-02-30' })).status).toBe(400);
    expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: '2025-02-29' })).status).toBe(400);
    const id = await assignment({ deadline: '2025-09-30' });
    await sweep.run({ today: '2025-10-14' });
    const [notice] = await t.db.query(`SELECT id FROM escalations WHERE assignment_id = $1 AND kind = 'supervision'`, [id]);
    const leader = await t.login('forestry-leader');
    const res = await t.http
      .post(`/api/escalations/${notice.id}/respond`)
      .set(auth(leader))
      .send({ response: '已安排', promisedDate: '2025-04-31' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('承诺完成时间必须是真实存在的日期');
  });
});
