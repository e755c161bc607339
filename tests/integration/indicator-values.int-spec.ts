import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

const chart = readFileSync(join(__dirname, '../fixtures/evidence/chart.png'));
let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const count = async () => Number((await t.db.query(`SELECT count(*) FROM indicator_values`))[0].count);

interface Row {
  id: string;
  number: number;
  scope: string;
  version: number;
  status: Record<string, string | null>;
  projection2025: number | null;
  missYear: number | null;
}
let pm25: Row; // 1 中心城区, 37 → 29, lower is better, 市生态环境局
let forest: Row; // 15 ≥ 57.12, 市林业局
let groundwater: Row; // 6 稳中向好, judged, 市生态环境局

const indicator = async (id: string) => (await t.http.get(`/api/indicators/${id}`).set(as('office'))).body as Row;

beforeAll(async () => {
  t = await createTestApp();
  for (const who of [
    'office',
    'inspector1',
    'ecology-environment-liaison',
    'ecology-environment-leader',
    'forestry-liaison',
    'forestry-leader',
  ])
    tokens[who] = await t.login(who);
  const rows = (await t.http.get(`/api/indicators?${q({ range: [0, 99] })}`).set(as('office'))).body as Row[];
  pm25 = rows.find((r) => r.number === 1 && r.scope === '中心城区')!;
  forest = rows.find((r) => r.number === 15)!;
  groundwater = rows.find((r) => r.number === 6)!;
});
afterAll(() => t.close());

/** Through the machine: submit (liaison) → confirm (leader) → approve (inspector) → accept (office). */
async function walk(id: string, unit: string, approve: Record<string, unknown> = {}) {
  let v = (await t.http.get(`/api/indicator-values/${id}`).set(as(`${unit}-liaison`))).body.version as number;
  for (const [who, action, extra] of [
    [`${unit}-liaison`, 'submit', {}],
    [`${unit}-leader`, 'confirm', {}],
    ['inspector1', 'approve', approve],
    ['office', 'accept', {}],
  ] as const) {
    const res = await t.http
      .post(`/api/indicator-values/${id}/${action}`)
      .set(as(who))
      .send({ version: v, ...extra });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    v = res.body.version;
  }
}

describe('indicator values', () => {
  it('should carry a value with evidence from the liaison to the office, and change the indicator’s status', async () => {
    expect(pm25.status).toMatchObject({ 2022: null });
    const created = await t.http
      .post('/api/indicator-values')
      .set(as('ecology-environment-liaison'))
      .send({ indicatorId: pm25.id, year: 2022, value: 35, text: '6 个国控点位年均值' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', year: 2022, value: 35, evidence: [] });
    const up = await t.http
      .post(`/api/indicator-values/${created.body.id}/evidence`)
      .set(as('ecology-environment-liaison'))
      .attach('file', chart, '2022年空气质量年报.png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ indicatorValueId: created.body.id, reportId: null, mimeType: 'image/png' });
    // a draft is its unit's own: the office does not see it, nor does the status count it
    expect((await t.http.get(`/api/indicator-values/${created.body.id}`).set(as('office'))).status).toBe(404);
    await walk(created.body.id, 'ecology-environment');
    const after = await t.http.get(`/api/indicator-values/${created.body.id}`).set(as('office'));
    expect(after.body).toMatchObject({ status: 'accepted', evidence: [{ filename: '2022年空气质量年报.png' }] });
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'confirm', 'approve', 'accept']);
    const judged = await indicator(pm25.id);
    expect(judged.status[2022]).toBe('at_risk'); // 35 is behind the path (33.8) but better than 37
    expect(judged.projection2025).toBeCloseTo(32); // (2020, 37) and (2022, 35): 1 a year
    expect(judged.missYear).toBe(2025);
  });

  it('should let only the inspector judge a target in words, with a reason', async () => {
    const created = await t.http
      .post('/api/indicator-values')
      .set(as('ecology-environment-liaison'))
      .send({ indicatorId: groundwater.id, year: 2023, text: '4 个国家级监测点位 V 类比例 50%，与 2020 年持平' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let v = created.body.version as number;
    v = (await t.http.post(`/api/indicator-values/${id}/submit`).set(as('ecology-environment-liaison')).send({ version: v })).body.version;
    v = (await t.http.post(`/api/indicator-values/${id}/confirm`).set(as('ecology-environment-leader')).send({ version: v })).body.version;
    const bare = await t.http.post(`/api/indicator-values/${id}/approve`).set(as('inspector1')).send({ version: v });
    expect(bare.status).toBe(400);
    expect(bare.body.message).toMatch(/核查人员评判/);
    const ok = await t.http
      .post(`/api/indicator-values/${id}/approve`)
      .set(as('inspector1'))
      .send({ version: v, assessment: 'on_track', comment: '监测点位水质稳定，未见恶化' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', assessment: 'on_track', assessmentReason: '监测点位水质稳定，未见恶化' });
    expect((await indicator(groundwater.id)).status[2023]).toBe('on_track');
  });

  it('should return with a reason, answer 409 to the wrong state or a stale version, and 403 to another role', async () => {
    const created = await t.http
      .post('/api/indicator-values')
      .set(as('forestry-liaison'))
      .send({ indicatorId: forest.id, year: 2021, value: 57.0 });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const early = await t.http.post(`/api/indicator-values/${id}/confirm`).set(as('forestry-leader')).send({ version: 1 });
    expect(early.status).toBe(409);
    const sub = await t.http.post(`/api/indicator-values/${id}/submit`).set(as('forestry-liaison')).send({ version: 1 });
    expect(sub.status).toBe(200);
    expect((await t.http.post(`/api/indicator-values/${id}/submit`).set(as('forestry-liaison')).send({ version: 2 })).status).toBe(409);
    expect((await t.http.post(`/api/indicator-values/${id}/confirm`).set(as('forestry-leader')).send({ version: 1 })).status).toBe(409);
    expect((await t.http.post(`/api/indicator-values/${id}/return`).set(as('forestry-leader')).send({ version: 2 })).status).toBe(400);
    const back = await t.http
      .post(`/api/indicator-values/${id}/return`)
      .set(as('forestry-leader'))
      .send({ version: 2, comment: '请核对林地变更调查数据' });
    expect(back.body).toMatchObject({ status: 'returned' });
    const edit = await t.http.put(`/api/indicator-values/${id}`).set(as('forestry-liaison')).send({ version: 3, value: 57.3 });
    expect(edit.status).toBe(200);
    expect(edit.body.value).toBe(57.3);
    // the leader of another unit cannot even see it
    expect((await t.http.get(`/api/indicator-values/${id}`).set(as('ecology-environment-leader'))).status).toBe(404);
  });

  it('should refuse bad input with a clear 4xx and write nothing', async () => {
    const before = await count();
    const post = (who: string, body: Record<string, unknown>) => t.http.post('/api/indicator-values').set(as(who)).send(body);
    const unknownRow = await post('forestry-liaison', { indicatorId: '00000000-0000-4000-8000-000000000000', year: 2022, value: 1 });
    expect(unknownRow.status).toBe(400);
    expect((await post('forestry-liaison', { indicatorId: forest.id, year: 2020, value: 57 })).status).toBe(400);
    expect((await post('forestry-liaison', { indicatorId: forest.id, year: 2026, value: 57 })).status).toBe(400);
    const future = await post('forestry-liaison', { indicatorId: forest.id, year: 2025, value: 57 });
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/还没有到/);
    const word = await post('forestry-liaison', { indicatorId: forest.id, year: 2022, value: '五十七' });
    expect(word.status).toBe(400);
    const none = await post('forestry-liaison', { indicatorId: forest.id, year: 2022 });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/数值必填/);
    const other = await post('forestry-liaison', { indicatorId: pm25.id, year: 2023, value: 30 });
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/不由本单位报送/);
    const english = await t.http
      .post('/api/indicator-values')
      .set(as('forestry-liaison'))
      .set('accept-language', 'en')
      .send({ indicatorId: pm25.id, year: 2023, value: 30 });
    expect(english.body.message).toMatch(/not responsible/);
    expect((await post('office', { indicatorId: forest.id, year: 2023, value: 57 })).status).toBe(403);
    const twice = await post('forestry-liaison', { indicatorId: forest.id, year: 2021, value: 57.5 });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/已存在/);
    expect(await count()).toBe(before);
  });

  it('should show leaders and liaisons only their own unit’s values', async () => {
    const forestry = (await t.http.get(`/api/indicator-values?${q({ range: [0, 99] })}`).set(as('forestry-liaison'))).body as {
      indicatorId: string;
    }[];
    expect(forestry.length).toBeGreaterThan(0);
    expect(forestry.every((v) => v.indicatorId === forest.id)).toBe(true);
    const office = (await t.http.get(`/api/indicator-values?${q({ range: [0, 99] })}`).set(as('office'))).body as { status: string }[];
    expect(office.some((v) => v.status === 'draft')).toBe(false);
  });

  it('should put the rows at risk on the dashboard, 约束性 first, each unit seeing the rows it reports', async () => {
    const office = await t.http.get('/api/dashboard/indicators').set(as('office'));
    expect(office.status).toBe(200);
    const ids = (office.body.indicators as { id: string; binding: boolean }[]).map((r) => r.id);
    expect(ids).toContain(pm25.id); // at risk in 2022, projected to miss in 2025
    expect(ids).not.toContain(groundwater.id); // judged on track
    const bindings = (office.body.indicators as { binding: boolean }[]).map((r) => r.binding);
    expect(bindings).toEqual([...bindings].sort((a, b) => Number(b) - Number(a)));
    expect(office.body.bindingAtRisk).toBeGreaterThanOrEqual(1);
    const own = await t.http.get('/api/dashboard/indicators').set(as('ecology-environment-leader'));
    expect((own.body.indicators as { id: string }[]).map((r) => r.id)).toContain(pm25.id);
    const other = await t.http.get('/api/dashboard/indicators').set(as('forestry-liaison'));
    expect((other.body.indicators as { id: string }[]).map((r) => r.id)).not.toContain(pm25.id);
    expect(other.body.rows).toBe(1); // forest cover only
  });
});
