import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, periodsForAssignment, reportDueDate, type ReportCycle } from '@duban/domain';
import { CalendarService } from '../../apps/api/src/modules/calendar/calendar.service';
import { SweepService } from '../../apps/api/src/modules/escalations/sweep.service';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The Yichun plan decomposed at the start of 2023 and never reported on, with the clock walked week by week to the
 * end of 2025: the sweep must raise every notice the ladder's rules call for, and nothing else.
 */
let t: TestApp;
let admin: string;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const START = '2023-01-03';
const END = '2025-12-29';

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  expect((await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: START })).status).toBe(200);
  const [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  const res = await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({});
  expect(res.status).toBe(200);
  expect(res.body.assignments).toBeGreaterThan(900);
  const sweep = t.app.get(SweepService);
  for (let day = START; day <= END; day = addDays(day, 7)) await sweep.run({ today: day });
  await sweep.run({ today: END });
}, 300_000);
afterAll(() => t.close());

describe('the Yichun plan walked through 2023–2025', () => {
  it('should raise each notice only at or past its threshold', async () => {
    const wrong = await t.db.query(
      `SELECT kind, threshold, days_overdue FROM escalations
        WHERE NOT manual AND ((kind = 'reminder' AND (level <> 0 OR days_overdue <> 0 OR threshold NOT IN (1, 5)))
           OR (kind = 'urge' AND (level <> 1 OR threshold <> 1 OR days_overdue < 1))
           OR (kind = 'supervision' AND (level <> 2 OR threshold <> 5 OR days_overdue < 5 OR number IS NULL OR due_at IS NULL))
           OR (kind = 'interview' AND (level <> 3 OR threshold <> 15 OR days_overdue < 15)))`,
    );
    expect(wrong).toEqual([]);
    const counts = await t.db.query(`SELECT kind, count(*)::int AS n FROM escalations GROUP BY kind`);
    expect(counts.length).toBe(4);
  });

  it('should have chased every missed report period of 市林业局 up to a level-3 candidate, and each deadline passed', async () => {
    const calendar = await t.app.get(CalendarService).calendar();
    const rows = (await t.db.query(
      `SELECT a.id, to_char(a.assigned_on, 'YYYY-MM-DD') AS assigned_on, to_char(a.deadline, 'YYYY-MM-DD') AS deadline, a.report_cycle
         FROM assignments a JOIN org_units u ON u.id = a.org_unit_id WHERE u.code = 'forestry'`,
    )) as { id: string; assigned_on: string; deadline: string; report_cycle: ReportCycle }[];
    expect(rows.length).toBeGreaterThan(5);
    const lastChaseable = calendar.addWorkingDays(END, -15);
    for (const a of rows) {
      const expected = periodsForAssignment({ assignedOn: a.assigned_on, deadline: a.deadline, cycle: a.report_cycle })
        .filter((p) => reportDueDate(p, a.report_cycle, calendar, 5) <= lastChaseable)
        .map((p) => `report:${p}`);
      if (a.deadline <= lastChaseable) expected.push('deadline');
      const got = (await t.db.query(`SELECT target FROM escalations WHERE assignment_id = $1 AND kind = 'interview'`, [a.id])).map(
        (r: { target: string }) => r.target,
      );
      for (const target of expected) expect(got, `${a.id} ${target}`).toContain(target);
      for (const target of got) expect(expected, `${a.id} unexpected ${target}`).toContain(target);
    }
  });

  it('should add nothing when swept again, and show each assignment’s level', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM escalations`))[0].n;
    const again = await t.app.get(SweepService).run({ today: END });
    expect(again.created).toEqual({ reminder: 0, urge: 0, supervision: 0, interview: 0 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM escalations`))[0].n).toBe(before);
    await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: END });
    const list = await t.http.get(`/api/assignments?filter=${encodeURIComponent('{"escalationLevel":3}')}&range=[0,0]`).set(auth(office));
    expect(list.status).toBe(200);
    expect(Number(list.headers['content-range'].split('/')[1])).toBeGreaterThan(0);
    const liaison = await t.login('forestry-liaison');
    const mine = await t.http.get('/api/notifications?range=[0,0]').set(auth(liaison));
    expect(Number(mine.headers['content-range'].split('/')[1])).toBeGreaterThan(0);
  });

  it('should circulate the month’s bulletin as .docx and .xlsx with the overdue work the API lists', async () => {
    await t.http.put('/api/settings/clock').set(auth(admin)).send({ today: '2025-12-29' });
    const overdue = await t.http.get(`/api/assignments?filter=${encodeURIComponent('{"overdue":true}')}&range=[0,0]`).set(auth(office));
    const total = Number(overdue.headers['content-range'].split('/')[1]);
    expect(total).toBeGreaterThan(0);
    const liaison = await t.login('jingan-liaison');
    const xlsx = await t.http
      .get('/api/exports/bulletin.xlsx?month=2025-12')
      .set(auth(liaison))
      .buffer(true)
      .parse(binary as never);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    const sheet = book.getWorksheet('逾期任务')!;
    expect(sheet.rowCount - 1).toBe(total);
    expect(sheet.getRow(1).getCell(2).value).toBe('责任单位');
    const docx = await t.http
      .get('/api/exports/bulletin.docx?month=2025-12')
      .set(auth(office))
      .buffer(true)
      .parse(binary as never);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('任务落实情况的通报');
    expect(xml).toContain('市林业局');
    expect((await t.http.get('/api/exports/bulletin.docx?month=2026-13').set(auth(office))).status).toBe(400);
    expect((await t.http.get('/api/exports/bulletin.docx?month=2027-01').set(auth(office))).status).toBe(400);
  });
});

/** supertest: keep a binary body as a Buffer. */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
