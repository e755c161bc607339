import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../apps/api/src/app.demo';
import { DEFAULT_DEMO_DATE, loadConfig } from '../../apps/api/src/core/config/app-config';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
beforeAll(async () => {
  t = await createTestApp({ DUBAN_NOW: DEFAULT_DEMO_DATE });
});
afterAll(() => t.close());

describe('the demo clock', () => {
  it('should stand at the demo date with DUBAN_DEMO on, at DUBAN_NOW when given, and be real with DUBAN_DEMO=0', () => {
    const base = { DUBAN_DATA_DIR: '/tmp/duban-config-test', JWT_SECRET: 'x' };
    expect(loadConfig(base).fixedToday).toBe('2024-05-15');
    expect(loadConfig({ ...base, DUBAN_DEMO_DATE: '2024-09-02' }).fixedToday).toBe('2024-09-02');
    expect(loadConfig({ ...base, DUBAN_NOW: '2025-01-06', DUBAN_DEMO_DATE: '2024-09-02' }).fixedToday).toBe('2025-01-06');
    expect(loadConfig({ ...base, DUBAN_DEMO: '0' }).fixedToday).toBeNull();
    expect(() => loadConfig({ ...base, DUBAN_DEMO_DATE: '2024-5-1' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('seedDemo (npm start’s first run with DUBAN_DEMO on)', () => {
  let result: Awaited<ReturnType<typeof seedDemo>>;
  const lines: string[] = [];
  beforeAll(async () => {
    result = await seedDemo(t.app, (line) => lines.push(line));
    console.log(`demo seed: ${result?.seconds} s\n${lines.join('\n')}`);
  }, 240_000);

  it('should decompose the plan on 1 March 2023 through the services, walk the clock through the story and end at the demo date', async () => {
    expect(result).not.toBeNull();
    expect(result!.decomposedOn).toBe('2023-03-01');
    expect(result!.assignments).toBeGreaterThan(900);
    const [{ days }] = await t.db.query(`SELECT array_agg(DISTINCT assigned_on::text) AS days FROM assignments`);
    expect(days).toEqual(['2023-03-01']);
    const admin = await t.login('admin');
    expect((await t.http.get('/api/settings/clock').set(auth(admin))).body).toEqual({ today: '2024-05-15', fixed: true });
    const moves = (
      await t.db.query(`SELECT after FROM audit_events WHERE entity = 'Setting' AND entity_id = 'clock.today' ORDER BY seq`)
    ).map((e: { after: { today: string } }) => e.after.today);
    expect(moves[0]).toBe('2023-03-01');
    expect(moves.at(-1)).toBe('2024-05-15');
    expect(moves.length).toBeGreaterThan(10);
    // Progress lines on the console, the last one saying it is ready.
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.at(-1)).toContain('演示数据就绪');
  });

  it('should leave reports in every state, returned ones with their reasons, evidence with EXIF, across departments and counties', async () => {
    const statuses = (await t.db.query(`SELECT DISTINCT status FROM reports`)).map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'approved', 'confirmed', 'draft', 'returned', 'submitted']);
    const reasons = await t.db.query(
      `SELECT h.comment FROM report_history h JOIN reports r ON r.id = h.report_id WHERE h.action = 'return' AND r.status = 'returned'`,
    );
    expect(reasons.length).toBeGreaterThanOrEqual(3);
    for (const { comment } of reasons) expect(comment).toMatch(/[\u4e00-\u9fff]{4,}/);
    // A report returned, edited and submitted again carries both steps in its history.
    const [{ n: resubmitted }] = await t.db.query(
      `SELECT count(DISTINCT report_id)::int AS n FROM report_history h WHERE action = 'submit'
        AND EXISTS (SELECT 1 FROM report_history x WHERE x.report_id = h.report_id AND x.action = 'return' AND x.at < h.at)`,
    );
    expect(resubmitted).toBeGreaterThan(0);
    const assignmentStates = (await t.db.query(`SELECT DISTINCT a.status FROM assignments a JOIN reports r ON r.assignment_id = a.id`)).map(
      (r: { status: string }) => r.status,
    );
    expect(assignmentStates).toEqual(expect.arrayContaining(['completed', 'closure_requested', 'in_progress']));
    const [files] = await t.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE captured_at IS NOT NULL AND gps IS NOT NULL)::int AS photos,
              count(*) FILTER (WHERE mime_type = 'application/pdf')::int AS pdfs FROM evidence`,
    );
    expect(files.total).toBe(result!.evidence);
    expect(files.photos).toBeGreaterThan(0);
    expect(files.pdfs).toBeGreaterThan(0);
    const kinds = (await t.db.query(`SELECT DISTINCT u.kind FROM reports r JOIN org_units u ON u.id = r.org_unit_id`)).map(
      (r: { kind: string }) => r.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['department', 'county']));
  });

  it('should have open notices at every ladder level, answered (with and without a promised date) and unanswered, and a 督办单 by hand', async () => {
    const open = (await t.db.query(`SELECT kind, count(*)::int AS n FROM escalations WHERE resolved_at IS NULL GROUP BY kind`)).reduce(
      (acc: Record<string, number>, r: { kind: string; n: number }) => ({ ...acc, [r.kind]: r.n }),
      {},
    );
    for (const kind of ['reminder', 'urge', 'supervision', 'interview']) expect(open[kind], kind).toBeGreaterThan(0);
    const [answers] = await t.db.query(
      `SELECT count(*) FILTER (WHERE responded_at IS NOT NULL AND promised_date IS NOT NULL)::int AS promised,
              count(*) FILTER (WHERE responded_at IS NOT NULL AND promised_date IS NULL)::int AS plain,
              count(*) FILTER (WHERE responded_at IS NULL AND due_at < '2024-05-15')::int AS late,
              count(*) FILTER (WHERE manual AND kind = 'supervision' AND number IS NOT NULL)::int AS manual
         FROM escalations`,
    );
    expect(answers.promised).toBeGreaterThan(0);
    expect(answers.plain).toBeGreaterThan(0);
    expect(answers.late).toBeGreaterThan(0);
    expect(answers.manual).toBeGreaterThan(0);
    const admin = await t.login('admin');
    expect((await t.http.get('/api/audit-events/verify').set(auth(admin))).body.ok).toBe(true);
  });

  it('should give every demo user work on log-in', async () => {
    const list = async (user: string, resource: string, filter: object) => {
      const res = await t.http.get(`/api/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`).set(auth(await t.login(user)));
      expect(res.status).toBe(200);
      return res.body as Record<string, unknown>[];
    };
    // Liaison: a draft to finish, a returned report, notices to answer.
    expect(await list('forestry-liaison', 'reports', { status: 'draft' })).not.toEqual([]);
    expect(await list('forestry-liaison', 'reports', { status: 'returned' })).not.toEqual([]);
    expect(await list('forestry-liaison', 'escalations', { kind: ['reminder', 'urge'], open: true, answered: false })).not.toEqual([]);
    // Leader: reports to confirm, a 督办单 to answer.
    expect(await list('forestry-leader', 'reports', { status: 'submitted' })).not.toEqual([]);
    expect(await list('forestry-leader', 'escalations', { kind: 'supervision', open: true, answered: false })).not.toEqual([]);
    // Inspector: a review queue, waiting since different days.
    const queue = await list('inspector1', 'reports', { status: 'confirmed' });
    expect(new Set(queue.map((r) => String(r.waitingSince).slice(0, 10))).size).toBeGreaterThan(1);
    // Office: the acceptance queue, the overdue board at every level, the dashboard's numbers.
    const office = await t.login('office');
    const summary = (await t.http.get('/api/dashboard/summary').set(auth(office))).body;
    expect(summary.awaitingAcceptance).toBeGreaterThan(0);
    expect(summary.awaitingConfirmation).toBeGreaterThan(0);
    expect(summary.awaitingReview).toBeGreaterThan(0);
    expect(summary.unansweredNotices).toBeGreaterThan(0);
    expect(summary.completed).toBeGreaterThan(0);
    expect(summary.levels.slice(1).every((n: number) => n > 0)).toBe(true);
    const mine = await t.http.get('/api/assignments/mine').set(auth(await t.login('forestry-liaison')));
    expect(mine.body.length).toBeGreaterThan(0);
  });

  it('should write the same history on every start (another database, the same story)', async () => {
    // A broken promise's target names the notice it answered by id: compared without it.
    const fingerprint = async (db: TestApp['db']) =>
      (
        await db.query(
          `SELECT 'r|' || u.code || '|' || it.number || '|' || r.period || '|' || r.status || '|' || r.summary || '|' ||
                (SELECT coalesce(string_agg(ev.filename, ',' ORDER BY ev.filename), '') FROM evidence ev WHERE ev.report_id = r.id) AS x
           FROM reports r JOIN assignments a ON a.id = r.assignment_id JOIN org_units u ON u.id = a.org_unit_id
           JOIN plan_items it ON it.id = a.plan_item_id
         UNION ALL
         SELECT 'e|' || u.code || '|' || it.number || '|' || regexp_replace(e.target, '^promise:.*', 'promise') || '|' || e.kind || '|' || coalesce(e.number, '') || '|' ||
                (e.responded_at IS NOT NULL) || '|' || coalesce(e.promised_date::text, '') || '|' || (e.resolved_at IS NOT NULL)
           FROM escalations e JOIN assignments a ON a.id = e.assignment_id JOIN org_units u ON u.id = a.org_unit_id
           JOIN plan_items it ON it.id = a.plan_item_id
         ORDER BY 1`,
        )
      ).map((r: { x: string }) => r.x) as string[];
    const other = await createTestApp({ DUBAN_NOW: DEFAULT_DEMO_DATE });
    try {
      await seedDemo(other.app);
      const [a, b] = [await fingerprint(t.db), await fingerprint(other.db)];
      expect(a.length).toBeGreaterThan(1000);
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  }, 240_000);

  it('should add nothing on a second start', async () => {
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM reports`);
    expect(await seedDemo(t.app)).toBeNull();
    const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM reports`);
    expect(after).toBe(before);
  });
});
