import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../apps/api/src/modules/exports/sheet-width';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const HEADERS = ['条目编号', '条目名称', '责任单位', '角色', '截止日期', '报送周期', '状态', '进度', '逾期工作日', '下次报送'];
const ROLE: Record<string, string> = { lead: '牵头单位', support: '配合单位', county: '落实县（市、区）' };
const CYCLE: Record<string, string> = { monthly: '月度', quarterly: '季度', semiannual: '半年', annual: '年度' };
const STATUS: Record<string, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  closure_requested: '申请销号',
  completed: '已销号',
  cancelled: '已取消',
};

interface Row {
  planItemNumber: string;
  planItemTitle: string;
  orgUnitName: string;
  role: string;
  deadline: string;
  reportCycle: string;
  status: string;
  progress: number;
  daysOverdue: number;
  nextReportDue: string | null;
}

/** Downloads the ledger and opens it with exceljs. */
async function download(token: string, query = '') {
  const res = await t.http
    .get(`/api/exports/assignments.xlsx${query ? `?${query}` : ''}`)
    .set(auth(token))
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return res;
}

async function open(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

/** A sheet's data rows as plain values (dates as YYYY-MM-DD). */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(HEADERS.map((_, i) => day(row.getCell(i + 1).value) ?? null));
  });
  return rows;
}

/** What the ledger should show for the API's rows. */
const expected = (rows: Row[]) =>
  rows.map((r) => [
    r.planItemNumber,
    r.planItemTitle,
    r.orgUnitName,
    ROLE[r.role],
    r.deadline,
    CYCLE[r.reportCycle],
    STATUS[r.status],
    r.progress,
    r.daysOverdue,
    r.nextReportDue,
  ]);

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  const planId = (await t.http.get('/api/plans').set(auth(office))).body[0].id;
  expect((await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({})).status).toBe(200);
});
afterAll(() => t.close());

describe('the ledger export', () => {
  it('should open with the same rows the API returns, Chinese headers, a frozen header row and fitting widths', async () => {
    const res = await download(office);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="assignments-2024-06-03\.xlsx"; filename\*=UTF-8''/);
    const workbook = await open(res.body as Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('台账');
    const sheet = workbook.getWorksheet('台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The ledger's default order is the document's (item, then lead, supports, counties).
    const page = (range: number[]) => t.http.get(`/api/assignments?${q({ sort: ['position', 'ASC'], range })}`).set(auth(office));
    const all = [...(await page([0, 999])).body, ...(await page([1000, 1999])).body] as Row[];
    expect(all.length).toBeGreaterThan(900);
    expect(sheetRows(sheet)).toEqual(expected(all));
    // Widths fit the widest text, counting CJK characters double.
    const titles = all.map((r) => r.planItemTitle);
    const widest = Math.max(...titles.map(displayWidth));
    expect(widest).toBeGreaterThan(Math.max(...titles.map((x) => x.length)));
    expect(sheet.getColumn(2).width).toBe(Math.min(60, widest + 2));
    expect(sheet.getColumn(3).width).toBe(Math.max(...all.map((r) => displayWidth(r.orgUnitName))) + 2);
    expect(sheet.getColumn(5).width).toBe(12);
  });

  it('should apply the list’s filters and sort', async () => {
    const filter = { chapter: '9', role: ['lead', 'support'] };
    const sort = ['deadline', 'DESC'];
    const res = await download(office, q({ filter, sort }));
    expect(res.status).toBe(200);
    const api = await t.http.get(`/api/assignments?${q({ filter, sort, range: [0, 999] })}`).set(auth(office));
    expect(api.body.length).toBeGreaterThan(10);
    expect(sheetRows((await open(res.body as Buffer)).getWorksheet('台账')!)).toEqual(expected(api.body));
    expect((await download(office, q({ filter: { colour: 'red' } }))).status).toBe(400);
  });

  it('should not export another unit’s assignments to a liaison', async () => {
    const liaison = await t.login('forestry-liaison');
    const res = await download(liaison);
    expect(res.status).toBe(200);
    const rows = sheetRows((await open(res.body as Buffer)).getWorksheet('台账')!);
    const api = await t.http.get(`/api/assignments?${q({ sort: ['position', 'ASC'], range: [0, 999] })}`).set(auth(liaison));
    expect(rows).toEqual(expected(api.body));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[2] === '市林业局')).toBe(true);
    const eco = (await t.db.query(`SELECT id FROM org_units WHERE code = 'ecology-environment'`))[0].id;
    const other = await download(liaison, q({ filter: { orgUnitId: eco } }));
    expect(sheetRows((await open(other.body as Buffer)).getWorksheet('台账')!)).toEqual([]);
    expect((await t.http.get('/api/exports/assignments.xlsx')).status).toBe(401);
  });
});
