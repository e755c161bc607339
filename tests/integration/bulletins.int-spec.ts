import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/** The clock stands at 2024-06-03 (test config): May 2024 is a whole month past, June the current one. */
let t: TestApp;
let office: string;
let admin: string;
let planId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const OTHERS = ['inspector1', 'forestry-leader', 'forestry-liaison'];

/** supertest: keep a binary body as a Buffer. */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
const download = (token: string, kind: 'docx' | 'xlsx', month: string) =>
  t.http
    .get(`/api/exports/bulletin.${kind}?month=${month}`)
    .set(auth(token))
    .buffer(true)
    .parse(binary as never);

/** Rows of the workbook's overdue sheet (header excluded). */
async function overdueRows(xlsx: Buffer): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Uint8Array.from(xlsx).buffer);
  return book.getWorksheet('逾期任务')!.rowCount - 1;
}

/** Work for 市林业局 due in the given month and still open: overdue in that month's bulletin. */
async function overdueWork(deadline: string): Promise<void> {
  const [{ id: item }] = await t.db.query(
    `SELECT id FROM plan_items i WHERE assignable AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.plan_item_id = i.id) ORDER BY position LIMIT 1`,
  );
  await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
     VALUES ($1, $2, (SELECT id FROM org_units WHERE code = 'forestry'), 'lead', $3, '[]', 'annual', 'in_progress', '2024-01-02')`,
    [planId, item, deadline],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  admin = await t.login('admin');
  [{ id: planId }] = await t.db.query(`SELECT id FROM plans WHERE status = 'published' LIMIT 1`);
});
afterAll(() => t.close());

describe('a bulletin before it is published', () => {
  it('should be a 404 to inspectors, leaders and liaisons, and a draft preview to the office and the admin', async () => {
    for (const who of OTHERS) {
      const token = await t.login(who);
      for (const kind of ['docx', 'xlsx'] as const) {
        const res = await download(token, kind, '2024-03');
        expect(res.status, `${who} ${kind}`).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('市林业局');
      }
    }
    for (const token of [office, admin]) {
      const res = await download(token, 'docx', '2024-03');
      expect(res.status).toBe(200);
      expect(res.headers['x-bulletin-status']).toBe('draft');
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('should list drafts of begun months to the office only, and nothing to a liaison', async () => {
    const liaison = await t.http.get('/api/bulletins').set(auth(await t.login('forestry-liaison')));
    expect(liaison.status).toBe(200);
    expect(liaison.body.filter((b: { status: string }) => b.status === 'draft')).toEqual([]);
    const drafts = await t.http.get(`/api/bulletins?filter=${encodeURIComponent('{"status":"draft"}')}&range=[0,0]`).set(auth(office));
    expect(drafts.status).toBe(200);
    // The plan runs from January 2021; June 2024 is the latest month begun.
    expect(drafts.body[0]).toMatchObject({ month: '2024-06', status: 'draft', sha256: null, publishedAt: null, planId });
    expect(Number(drafts.headers['content-range'].split('/')[1])).toBeGreaterThanOrEqual(41);
    const draftId = drafts.body[0].id as string;
    expect((await t.http.get(`/api/bulletins/${draftId}`).set(auth(await t.login('forestry-leader')))).status).toBe(404);
    expect((await t.http.get(`/api/bulletins/${draftId}`).set(auth(office))).status).toBe(200);
  });
});

describe('publishing a month', () => {
  it('should freeze the .docx and .xlsx, put the sha256 in the audit chain, and serve that copy to every role', async () => {
    await overdueWork('2024-05-10');
    const draft = await download(office, 'xlsx', '2024-05');
    const rowsBefore = await overdueRows(draft.body as Buffer);
    expect(rowsBefore).toBeGreaterThan(0);
    const [{ id: draftId }] = (await t.http.get(`/api/bulletins?filter=${encodeURIComponent('{"month":"2024-05"}')}`).set(auth(office)))
      .body;

    const res = await t.http.post('/api/bulletins/2024-05/publish').set(auth(office)).send({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: draftId,
      month: '2024-05',
      status: 'published',
      asOf: '2024-05-31',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.body.publishedAt).not.toBeNull();

    const events = await t.http
      .get(`/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ entity: 'Bulletin', entityId: draftId }))}`)
      .set(auth(admin));
    expect(events.body.map((e: { action: string; after: { sha256: string } }) => [e.action, e.after.sha256])).toEqual([
      ['publish', res.body.sha256],
    ]);
    expect((await t.http.get('/api/audit-events/verify').set(auth(admin))).body.ok).toBe(true);

    // Work that turns overdue afterwards changes the live bulletin of June, never the published May.
    await overdueWork('2024-05-20');
    for (const who of [...OTHERS, 'office']) {
      const token = who === 'office' ? office : await t.login(who);
      const docx = await download(token, 'docx', '2024-05');
      expect(docx.status, who).toBe(200);
      expect(docx.headers['x-bulletin-status']).toBe('published');
      expect(sha256(docx.body as Buffer)).toBe(res.body.sha256);
      expect(docx.headers.etag).toBe(`"${res.body.sha256}"`);
      const xlsx = await download(token, 'xlsx', '2024-05');
      expect(sha256(xlsx.body as Buffer)).toBe(res.body.xlsxSha256);
      expect(await overdueRows(xlsx.body as Buffer)).toBe(rowsBefore);
    }
    expect(await overdueRows((await download(office, 'xlsx', '2024-06')).body as Buffer)).toBe(rowsBefore + 1);
    const listed = await t.http.get('/api/bulletins').set(auth(await t.login('forestry-liaison')));
    expect(listed.body.map((b: { month: string; status: string }) => `${b.month} ${b.status}`)).toContain('2024-05 published');
    expect((await t.http.get(`/api/bulletins/${draftId}`).set(auth(await t.login('forestry-leader')))).body.sha256).toBe(res.body.sha256);
  });

  it('should publish a month once: two at the same moment give one 201 and one 409, and one audit event', async () => {
    const both = await Promise.all([1, 2].map(() => t.http.post('/api/bulletins/2024-04/publish').set(auth(office)).send({})));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.message).toContain('已经发布');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'Bulletin' AND entity_id = $1`, [
      both.find((r) => r.status === 201)!.body.id,
    ]);
    expect(n).toBe(1);
    expect((await t.http.post('/api/bulletins/2024-04/publish').set(auth(office)).send({})).status).toBe(409);
  });

  it('should let only the office publish', async () => {
    for (const who of ['admin', ...OTHERS]) {
      const res = await t.http
        .post('/api/bulletins/2024-02/publish')
        .set(auth(await t.login(who)))
        .send({});
      expect(res.status, who).toBe(403);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bulletins WHERE month = '2024-02'`);
    expect(n).toBe(0);
  });

  it('should answer 400 naming the problem for a malformed month, one not begun, or a bad planId, and store nothing', async () => {
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM bulletins`);
    const cases: [string, object, RegExp][] = [
      ['2024-13', {}, /month 必须是 YYYY-MM/],
      ['24-01', {}, /month 必须是 YYYY-MM/],
      ['2099-01', {}, /尚未开始/],
      ['2024-01', { planId: 'not-a-uuid' }, /规划必须是 UUID/],
    ];
    for (const [month, body, message] of cases) {
      const res = await t.http.post(`/api/bulletins/${month}/publish`).set(auth(office)).send(body);
      expect(res.status, month).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    expect((await t.http.get('/api/exports/bulletin.docx?month=2024-1').set(auth(await t.login('forestry-liaison')))).status).toBe(400);
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM bulletins`);
    expect(after).toBe(before);
  });
});
