import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Row {
  orgUnitId: string;
  code: string;
  group: string;
  assignmentsDue: number;
  completedOnTime: number;
  completedLate: number;
  overdueNow: number;
  reportsSubmitted: number;
  reportsApproved: number;
  firstPassApprovalRate: number | null;
  notices: Record<string, number>;
  score: number;
  rank: number;
}
const evaluate = async (asOf: string, token = office) => t.http.get(`/api/evaluations?asOf=${asOf}`).set(auth(token));
const rowOf = (rows: Row[], code: string) => rows.find((r) => r.code === code)!;

/** An assignment of the unit on the plan's n-th item, with its deadline and (maybe) when it was completed. */
async function assignment(code: string, n: number, deadline: string, completedAt: string | null): Promise<string> {
  const [a] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on, status, completed_at)
     SELECT i.plan_id, i.id, u.id, 'lead', $2, 'annual', '2021-03-01', $3, $4
       FROM plan_items i, org_units u WHERE i.assignable AND u.code = $1 ORDER BY i.position OFFSET $5 LIMIT 1 RETURNING id`,
    [code, deadline, completedAt ? 'completed' : 'in_progress', completedAt, n],
  );
  return a.id;
}

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
});
afterAll(() => t.close());

describe('evaluations', () => {
  it('should count what a unit delivered by the date, and rank departments and counties apart, the same way twice', async () => {
    const before = (await evaluate('2023-06-30')).body.rows as Row[];
    const s0 = rowOf(before, 'statistics');
    const g0 = rowOf(before, 'tonggu');
    // 市统计局: one done on time, one done late, one overdue, one due after the date, one completed after the date
    await assignment('statistics', 100, '2022-12-31', '2022-12-20T10:00:00+08:00');
    await assignment('statistics', 101, '2022-06-30', '2022-09-01T10:00:00+08:00');
    await assignment('statistics', 102, '2023-03-31', null);
    await assignment('statistics', 103, '2024-12-31', null);
    await assignment('statistics', 104, '2023-05-31', '2023-07-15T10:00:00+08:00');
    // 铜鼓县: one overdue
    await assignment('tonggu', 105, '2023-01-31', null);
    const first = await evaluate('2023-06-30');
    expect(first.status).toBe(200);
    const rows = first.body.rows as Row[];
    const s = rowOf(rows, 'statistics');
    expect(s.group).toBe('department');
    expect(s.assignmentsDue - s0.assignmentsDue).toBe(4);
    expect(s.completedOnTime - s0.completedOnTime).toBe(1);
    expect(s.completedLate - s0.completedLate).toBe(1);
    expect(s.overdueNow - s0.overdueNow).toBe(2); // 2023-03-31 open, and 2023-05-31 not done by 2023-06-30
    expect(rowOf(rows, 'tonggu')).toMatchObject({ group: 'county' });
    expect(rowOf(rows, 'tonggu').overdueNow - g0.overdueNow).toBe(1);
    expect(rowOf(rows, 'ecdz').group).toBe('county');
    expect(rows.some((r) => r.code === 'commission-office')).toBe(false);
    // ranks 1..n within each group, by score then code
    for (const group of ['department', 'county']) {
      const g = rows.filter((r) => r.group === group);
      expect(g.map((r) => r.rank)).toEqual(g.map((_, i) => i + 1));
      for (let i = 1; i < g.length; i++) {
        const [a, b] = [g[i - 1]!, g[i]!];
        expect(a.score > b.score || (a.score === b.score && a.code < b.code)).toBe(true);
      }
    }
    const again = await evaluate('2023-06-30');
    expect(again.body).toEqual(first.body);
    // the drill-down names the items that cost 市统计局 points
    const drill = await t.http.get(`/api/evaluations/drill-down?asOf=2023-06-30&orgUnitId=${s.orgUnitId}`).set(auth(office));
    expect(drill.status).toBe(200);
    expect(drill.body.row).toEqual(s);
    expect(drill.body.completedLate.map((a: { deadline: string }) => a.deadline)).toContain('2022-06-30');
    expect(drill.body.overdue.map((a: { deadline: string }) => a.deadline)).toEqual(expect.arrayContaining(['2023-03-31', '2023-05-31']));
    expect(drill.body.overdue).toHaveLength(s.overdueNow);
    expect(drill.body.completedLate).toHaveLength(s.completedLate);
    expect(first.body.weights).toEqual({ onTime: 0.4, quality: 0.3, indicators: 0.3 });
  });

  it('should refuse a date outside the plan period or not a date, and hide an unpublished evaluation from units', async () => {
    const early = await evaluate('2020-12-31');
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/不在规划期内/);
    const english = await t.http.get('/api/evaluations?asOf=2026-01-01').set(auth(office)).set('accept-language', 'en');
    expect(english.status).toBe(400);
    expect(english.body.message).toMatch(/outside the plan period/);
    expect((await evaluate('2023-02-30')).status).toBe(400);
    expect((await t.http.get('/api/evaluations').set(auth(office))).status).toBe(400);
    const leader = await t.login('forestry-leader');
    expect((await evaluate('2025-12-31', leader)).status).toBe(404);
    expect((await evaluate('2025-12-31', await t.login('inspector1'))).status).toBe(200);
  });

  it('should let the office publish once, frozen, and then show it to every unit', async () => {
    const leader = await t.login('forestry-leader');
    expect((await t.http.post('/api/evaluations/publish').set(auth(leader)).send({ asOf: '2025-12-31' })).status).toBe(403);
    const live = await evaluate('2025-12-31');
    const published = await t.http.post('/api/evaluations/publish').set(auth(office)).send({ asOf: '2025-12-31' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ status: 'published', asOf: '2025-12-31' });
    expect(published.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(published.body.rows).toEqual(live.body.rows);
    expect((await t.http.post('/api/evaluations/publish').set(auth(office)).send({ asOf: '2025-12-31' })).status).toBe(409);
    // later facts do not change what was published
    await assignment('statistics', 110, '2025-06-30', null);
    const seen = await evaluate('2025-12-31', leader);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'published', sha256: published.body.sha256 });
    expect(seen.body.rows).toEqual(live.body.rows);
    const [event] = await t.db.query(`SELECT after FROM audit_events WHERE entity = 'Evaluation' AND action = 'publish'`);
    expect(event.after).toMatchObject({ asOf: '2025-12-31', sha256: published.body.sha256 });
  });

  it('should export the same numbers as the API, one sheet per ranking and the weights', async () => {
    const api = (await evaluate('2024-12-31')).body as { rows: Row[]; weights: Record<string, number> };
    const res = await t.http
      .get('/api/exports/evaluation.xlsx?asOf=2024-12-31')
      .set(auth(office))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['x-evaluation-status']).toBe('draft');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['市直部门排名', '县（市、区）排名', '权重']);
    for (const [sheet, group] of [
      ['市直部门排名', 'department'],
      ['县（市、区）排名', 'county'],
    ] as const) {
      const ws = book.getWorksheet(sheet)!;
      const fromSheet: [unknown, unknown, unknown, unknown][] = [];
      ws.eachRow((row, n) => {
        if (n > 1) fromSheet.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(7).value]);
      });
      const fromApi = api.rows
        .filter((r) => r.group === group)
        .map((r) => [r.rank, (r as unknown as { name: string }).name, r.score, r.overdueNow]);
      expect(fromSheet).toEqual(fromApi);
    }
    const w = book.getWorksheet('权重')!;
    expect([w.getCell('B2').value, w.getCell('B3').value, w.getCell('B4').value]).toEqual([
      api.weights.onTime,
      api.weights.quality,
      api.weights.indicators,
    ]);
    const leader = await t.login('forestry-leader');
    expect((await t.http.get('/api/exports/evaluation.xlsx?asOf=2024-12-31').set(auth(leader))).status).toBe(404);
  });
});
