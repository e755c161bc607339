import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
let planId: string;
let forestry: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const TODAY = '2025-10-20';

/** An overdue assignment made directly in the table, so each case controls its facts. */
async function assignment(f: { deadline?: string; status?: string; unit?: string } = {}): Promise<string> {
  // Each on an item no other assignment uses.
  const [{ id: itemId }] = await t.db.query(
    `SELECT id FROM plan_items i WHERE assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id) ORDER BY position LIMIT 1`,
  );
  const [row] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
     VALUES ($1, $2, $3, 'lead', $4, '[]', 'annual', $5, '2025-01-02') RETURNING id`,
    [planId, itemId, f.unit ?? forestry, f.deadline ?? '2025-09-30', f.status ?? 'in_progress'],
  );
  return row.id;
}
const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM escalations`))[0].n as number;
const issue = (body: object, token = office, lang?: string) => {
  const req = t.http.post('/api/escalations').set(auth(token));
  return (lang ? req.set('accept-language', lang) : req).send(body);
};

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
const docx = (id: string, token: string) =>
  t.http
    .get(`/api/exports/supervision-notice.docx?id=${id}`)
    .set(auth(token))
    .buffer(true)
    .parse(binary as never);

beforeAll(async () => {
  t = await createTestApp({ DUBAN_NOW: TODAY });
  office = await t.login('office');
  [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  [{ id: forestry }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`);
});
afterAll(() => t.close());

describe('manual 督办 and 约谈 (POST /api/escalations with kind)', () => {
  it('should issue a 督办单 with the next 文号 of the year, due for the leader’s answer, and tell the leader', async () => {
    const a = await assignment();
    const res = await issue({ assignmentId: a, kind: 'supervision', reason: '逾期未报送整改进展，请分管领导督促落实' });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(1);
    const [e] = res.body;
    expect(e).toMatchObject({ kind: 'supervision', level: 2, manual: true, assignmentId: a });
    expect(e.number).toMatch(/^宜环委办督〔2025〕\d+号$/);
    expect(e.dueAt).toBe('2025-10-27'); // five working days after Monday 20 October
    expect(e.daysOverdue).toBeGreaterThan(0);
    const [note] = await t.db.query(
      `SELECT n.title, n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'forestry-leader' AND n.link = $1`,
      [`/escalations/${e.id}/show`],
    );
    expect(note.title).toContain(e.number);
    const liaisonNotes = await t.db.query(
      `SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'forestry-liaison' AND n.link = $1`,
      [`/escalations/${e.id}/show`],
    );
    expect(liaisonNotes).toEqual([]);

    // A second 督办单 counts on.
    const b = await assignment({ unit: (await t.db.query(`SELECT id FROM org_units WHERE code = 'jingan'`))[0].id });
    const next = await issue({ assignmentId: b, kind: 'supervision', reason: '请县政府督促' });
    expect(next.status).toBe(201);
    const n = (s: string) => Number(/(\d+)号$/.exec(s)![1]);
    expect(n(next.body[0].number)).toBe(n(e.number) + 1);
    expect((await t.http.get('/api/audit-events/verify').set(auth(await t.login('admin')))).body.ok).toBe(true);
  });

  it('should make a level-3 candidate the office then confirms, as the sweep’s', async () => {
    const a = await assignment();
    const res = await issue({ assignmentId: a, kind: 'interview', reason: '连续两期未报送，拟约谈分管领导' });
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ kind: 'interview', level: 3, confirmedAt: null, number: null, dueAt: null });
    const leader = await t.login('forestry-leader');
    expect((await t.http.post(`/api/escalations/${res.body[0].id}/respond`).set(auth(leader)).send({ response: '已整改' })).status).toBe(
      409,
    );
    const confirmed = await t.http.post(`/api/escalations/${res.body[0].id}/confirm`).set(auth(office)).send({ comment: '约谈' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.confirmedAt).not.toBeNull();
  });

  it('should refuse a rung below one still open, the same rung twice a day, and closed work, writing nothing', async () => {
    const a = await assignment();
    expect((await issue({ assignmentId: a, kind: 'supervision', reason: '请分管领导督促' })).status).toBe(201);
    const before = await count();
    const lower = await issue({ assignmentId: a, kind: 'urge', reason: '请尽快报送' });
    expect(lower.status).toBe(409);
    expect(lower.body.message).toBe('该任务已有未办结的督办，不能再发低一级的催办');
    expect((await issue({ assignmentId: a, kind: 'urge', reason: '请尽快报送' }, office, 'en')).body.message).toBe(
      'the assignment already has an open Supervision notice; a lower rung (Urge) cannot be issued',
    );
    expect((await issue({ assignmentId: a, kind: 'supervision', reason: '再次督办' })).status).toBe(409);
    const done = await assignment({ status: 'completed' });
    const closed = await issue({ assignmentId: done, kind: 'interview', reason: '拟约谈' });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('已销号');
    expect(await count()).toBe(before);
  });

  it('should answer 400 in Chinese (English when asked) for an unknown kind, and 403 for a liaison, writing nothing', async () => {
    const a = await assignment();
    const before = await count();
    const zh = await issue({ assignmentId: a, kind: 'notice', reason: '请尽快报送' });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toMatch(/类别只能是 urge、supervision、interview/);
    const en = await issue({ assignmentId: a, kind: 'summon', reason: '请尽快报送' }, office, 'en');
    expect(en.status).toBe(400);
    expect(en.body.message).toMatch(/Kind must be one of urge, supervision, interview/);
    const both = await issue({ assignmentId: a, orgUnitId: forestry, kind: 'urge', reason: '请尽快报送' });
    expect(both.status).toBe(400);
    const liaison = await t.login('forestry-liaison');
    expect((await issue({ assignmentId: a, kind: 'supervision', reason: '自己督办自己' }, liaison)).status).toBe(403);
    const leader = await t.login('jingan-leader');
    expect((await issue({ orgUnitId: forestry, kind: 'supervision', reason: '督办别的单位' }, leader)).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('should issue 督办单 for all of a unit’s overdue work, numbered in order, skipping work already at a higher rung', async () => {
    const [{ id: unit }] = await t.db.query(`SELECT id FROM org_units WHERE code = 'fengcheng'`);
    const x = await assignment({ unit });
    const y = await assignment({ unit });
    expect((await issue({ assignmentId: y, kind: 'interview', reason: '拟约谈' })).status).toBe(201);
    const res = await issue({ orgUnitId: unit, kind: 'supervision', reason: '本单位多项任务逾期，请分管领导督促' });
    expect(res.status).toBe(201);
    expect(res.body.map((e: { assignmentId: string }) => e.assignmentId)).toEqual([x]);
    expect(res.body[0].number).toMatch(/^宜环委办督〔2025〕\d+号$/);
  });
});

describe('the 督办单 as .docx (GET /api/exports/supervision-notice.docx)', () => {
  it('should carry the 文号 and the unit on A4, for whoever may read the notice, and 404 to another unit', async () => {
    const a = await assignment();
    const [e] = (await issue({ assignmentId: a, kind: 'supervision', reason: '逾期未完成，请于期限内书面答复' })).body;
    for (const who of ['office', 'forestry-leader', 'forestry-liaison', 'inspector1']) {
      const res = await docx(e.id, who === 'office' ? office : await t.login(who));
      expect(res.status, who).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(res.body as Buffer);
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain(e.number);
      expect(xml).toContain('市林业局：');
      expect(xml).toContain('督办单');
      expect(xml).toContain('逾期未完成，请于期限内书面答复');
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    }
    for (const who of ['jingan-liaison', 'jingan-leader']) {
      const res = await docx(e.id, await t.login(who));
      expect(res.status, who).toBe(404);
      expect(String(res.body)).not.toContain('市林业局');
    }
    const bad = await t.http.get('/api/exports/supervision-notice.docx?id=42').set(auth(office));
    expect(bad.status).toBe(400);
  });
});
