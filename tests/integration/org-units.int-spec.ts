import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
let liaison: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  liaison = await t.login('forestry-liaison');
});
afterAll(() => t.close());

describe('org units: lists', () => {
  it('should hold the seeded office, 52 departments, 10 counties and 3 zones', async () => {
    const res = await t.http.get(`/api/org-units?${q({ range: [0, 99] })}`).set(auth(liaison));
    expect(res.status).toBe(200);
    const byKind = (k: string) => res.body.filter((u: { kind: string }) => u.kind === k).length;
    expect([byKind('office'), byKind('department'), byKind('county'), byKind('zone')]).toEqual([1, 52, 10, 3]);
    expect(res.headers['content-range']).toBe('org-units 0-65/66');
    expect(res.headers['access-control-expose-headers']).toContain('Content-Range');
    const yuanzhou = res.body.find((u: { code: string }) => u.code === 'yuanzhou');
    expect(yuanzhou.aliases).toContain('袁州');
  });

  it('should filter, sort and page like ra-data-simple-rest', async () => {
    const res = await t.http
      .get(`/api/org-units?${q({ filter: { kind: 'county' }, sort: ['name', 'DESC'], range: [0, 4] })}`)
      .set(auth(admin));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.headers['content-range']).toBe('org-units 0-4/10');
    const names = res.body.map((u: { name: string }) => u.name);
    expect([...names].sort().reverse()).toEqual(names);
    const many = await t.http.get(`/api/org-units?${q({ filter: { id: [res.body[0].id, res.body[1].id] } })}`).set(auth(admin));
    expect(many.body.map((u: { id: string }) => u.id).sort()).toEqual([res.body[0].id, res.body[1].id].sort());
    const text = await t.http.get(`/api/org-units?${q({ filter: { q: '林业' } })}`).set(auth(admin));
    expect(text.body.map((u: { code: string }) => u.code)).toContain('forestry');
  });

  it('should answer a range past the end with [] and the true total', async () => {
    const res = await t.http.get(`/api/org-units?${q({ range: [500, 524] })}`).set(auth(admin));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.headers['content-range']).toMatch(/\/66$/);
  });

  it('should answer 400 saying what is wrong for bad list parameters', async () => {
    const bad: [string, RegExp][] = [
      [`range=${encodeURIComponent('[-1,5]')}`, /range/],
      [`range=${encodeURIComponent('[5,2]')}`, /range/],
      [`range=${encodeURIComponent('[0,"a"]')}`, /range/],
      [`sort=${encodeURIComponent('["password","ASC"]')}`, /password/],
      [`sort=${encodeURIComponent('["name","SIDEWAYS"]')}`, /ASC/],
      [`filter=${encodeURIComponent('{"nope":1}')}`, /nope/],
      [`filter=${encodeURIComponent('{"kind":')}`, /filter/],
      [`filter=${encodeURIComponent('{"kind":"planet"}')}`, /kind/],
      [`filter=${encodeURIComponent('{"id":"x"}')}`, /id/],
      ['page=2', /page/],
    ];
    for (const [query, why] of bad) {
      const res = await t.http.get(`/api/org-units?${query}`).set(auth(admin));
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.message), query).toMatch(why);
    }
  });
});

describe('org units: changes', () => {
  it('should let the admin create, rename and delete a unit, each audited', async () => {
    const created = await t.http
      .post('/api/org-units')
      .set(auth(admin))
      .send({ code: 'test-bureau', name: '市测试局', kind: 'department', aliases: ['测试局'] });
    expect(created.status).toBe(201);
    const renamed = await t.http
      .put(`/api/org-units/${created.body.id}`)
      .set(auth(admin))
      .send({ ...created.body, name: '市测试管理局' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '市测试管理局', version: 2 });
    const deleted = await t.http.delete(`/api/org-units/${created.body.id}`).set(auth(admin));
    expect(deleted.status).toBe(200);
    expect((await t.http.get(`/api/org-units/${created.body.id}`).set(auth(admin))).status).toBe(404);
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [created.body.id])).map(
      (r: { action: string }) => r.action,
    );
    expect(actions).toEqual(['create', 'update', 'delete']);
  });

  it('should refuse to delete a unit that has users (409) and keep it', async () => {
    const forestry = (await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`))[0].id;
    const res = await t.http.delete(`/api/org-units/${forestry}`).set(auth(admin));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/用户/);
    expect((await t.http.get(`/api/org-units/${forestry}`).set(auth(admin))).status).toBe(200);
  });

  it('should refuse a duplicate code or name (409), a bad kind (400), and a liaison (403)', async () => {
    expect(
      (await t.http.post('/api/org-units').set(auth(admin)).send({ code: 'forestry', name: '别的名字', kind: 'department' })).status,
    ).toBe(409);
    expect(
      (await t.http.post('/api/org-units').set(auth(admin)).send({ code: 'other-x', name: '市林业局', kind: 'department' })).status,
    ).toBe(409);
    expect((await t.http.post('/api/org-units').set(auth(admin)).send({ code: 'other-x', name: '某局', kind: 'planet' })).status).toBe(400);
    expect(
      (await t.http.post('/api/org-units').set(auth(liaison)).send({ code: 'other-x', name: '某局', kind: 'department' })).status,
    ).toBe(403);
  });

  it('should refuse to turn a unit with liaisons into the office kind (409)', async () => {
    const forestry = (await t.http.get(`/api/org-units?${q({ filter: { code: 'forestry' } })}`).set(auth(admin))).body[0];
    const res = await t.http.put(`/api/org-units/${forestry.id}`).set(auth(admin)).send({ version: forestry.version, kind: 'office' });
    expect(res.status).toBe(409);
  });
});
