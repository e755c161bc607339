import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const unitCode = async (id: string | null) =>
  id === null ? null : ((await t.db.query(`SELECT code FROM org_units WHERE id = $1`, [id]))[0].code as string);
const unitId = async (code: string) => (await t.db.query(`SELECT id FROM org_units WHERE code = $1`, [code]))[0].id as string;

interface Row {
  id: string;
  version: number;
  number: number;
  scope: string;
  baseline: number | null;
  baselineText: string;
  comparator: string;
  direction: string;
  responsibleOrgUnitId: string | null;
}

let rows: Row[];
beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  rows = (await t.http.get(`/api/indicators?${q({ range: [0, 99] })}`).set(auth(office))).body as Row[];
});
afterAll(() => t.close());

describe('the plan’s indicators (表2)', () => {
  it('should give all 27 scope rows a responsible unit by the default duty map', async () => {
    expect(rows).toHaveLength(27);
    const byRow: string[] = [];
    for (const r of rows) byRow.push(`${r.number}:${await unitCode(r.responsibleOrgUnitId)}`);
    const of = (n: number) => byRow.filter((x) => x.startsWith(`${n}:`)).map((x) => x.split(':')[1]);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 17]) expect(of(n).every((c) => c === 'ecology-environment')).toBe(true);
    for (const n of [8, 9, 10]) expect(of(n)).toEqual(['development-reform']);
    expect(of(15)).toEqual(['forestry']);
    expect(of(16)).toEqual(['natural-resources']);
    expect(of(18)).toEqual(['housing-construction', 'ecology-environment']);
    expect(of(19)).toEqual(['urban-management']);
    expect(of(20)).toEqual(['housing-construction']);
  });

  it('should keep the bound each target writes and a bracketed 2020 figure as a five-year sum', () => {
    const one = (n: number) => rows.find((r) => r.number === n)!;
    expect([4, 11, 13, 15, 14].map((n) => one(n).comparator)).toEqual(['>=', '≈', '<', '>=', 'judged']);
    expect(one(8)).toMatchObject({ baseline: null, baselineText: '[19.5]', direction: 'judged' });
  });

  it('should let the office change the responsible unit, audited, and refuse a stale version', async () => {
    const forest = rows.find((r) => r.number === 15)!;
    const water = await unitId('water-resources');
    const put = await t.http
      .put(`/api/indicators/${forest.id}`)
      .set(auth(office))
      .send({ version: forest.version, responsibleOrgUnitId: water });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ responsibleOrgUnitId: water, version: forest.version + 1 });
    const [event] = await t.db.query(
      `SELECT action, before, after FROM audit_events WHERE entity = 'Indicator' AND entity_id = $1 AND action = 'update'`,
      [forest.id],
    );
    expect(event).toMatchObject({ action: 'update', after: { responsibleOrgUnitId: water } });
    const stale = await t.http
      .put(`/api/indicators/${forest.id}`)
      .set(auth(office))
      .send({ version: forest.version, responsibleOrgUnitId: water });
    expect(stale.status).toBe(409);
  });

  it('should refuse the office unit, an unknown unit and a liaison, changing nothing', async () => {
    const row = rows.find((r) => r.number === 19)!;
    const officeUnit = await unitId('commission-office');
    const bad = await t.http
      .put(`/api/indicators/${row.id}`)
      .set(auth(office))
      .send({ version: row.version, responsibleOrgUnitId: officeUnit });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/责任单位/);
    const unknown = await t.http
      .put(`/api/indicators/${row.id}`)
      .set(auth(office))
      .send({ version: row.version, responsibleOrgUnitId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    const liaison = await t.login('forestry-liaison');
    const denied = await t.http
      .put(`/api/indicators/${row.id}`)
      .set(auth(liaison))
      .send({ version: row.version, responsibleOrgUnitId: await unitId('forestry') });
    expect(denied.status).toBe(403);
    const [after] = await t.db.query(`SELECT version, responsible_org_unit_id AS u FROM indicators WHERE id = $1`, [row.id]);
    expect(after).toEqual({ version: row.version, u: row.responsibleOrgUnitId });
  });
});
