import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const counts = async () =>
  (await t.db.query(`SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_events) AS events`))[0];
const unitId = async (code: string) => (await t.db.query(`SELECT id FROM org_units WHERE code = $1`, [code]))[0].id as string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('users', () => {
  it('should let the admin create a liaison for 市林业局 who can then log in', async () => {
    const res = await t.http
      .post('/api/users')
      .set(auth(admin))
      .send({
        username: 'lin-ye-new',
        displayName: '林业局新联络员',
        role: 'liaison',
        orgUnitId: await unitId('forestry'),
        password: 'long-enough-1',
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'lin-ye-new', role: 'liaison', active: true, version: 1 });
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('passwordHash');
    const token = await t.login('lin-ye-new', 'long-enough-1');
    const me = await t.http.get('/api/auth/me').set(auth(token));
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: res.body.id, username: 'lin-ye-new', role: 'liaison' });
    const audit = await t.db.query(`SELECT actor_id, action, after FROM audit_events WHERE entity = 'User' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('create');
    expect(JSON.stringify(audit[0].after)).not.toContain('long-enough-1');
  });

  it('should not show a liaison the users of another unit (404), and list only their own unit', async () => {
    const liaison = await t.login('forestry-liaison');
    const other = (await t.db.query(`SELECT id FROM users WHERE username = 'water-resources-leader'`))[0].id;
    const res = await t.http.get(`/api/users/${other}`).set(auth(liaison));
    expect(res.status).toBe(404);
    const list = await t.http.get('/api/users').set(auth(liaison));
    expect(list.status).toBe(200);
    const forestry = await unitId('forestry');
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body.every((u: { orgUnitId: string }) => u.orgUnitId === forestry)).toBe(true);
    expect(list.headers['content-range']).toMatch(new RegExp(`^users 0-\\d+/${list.body.length}$`));
  });

  it('should not let a liaison or the office create users (403) and write nothing', async () => {
    const before = await counts();
    for (const who of ['forestry-liaison', 'office']) {
      const token = await t.login(who);
      const res = await t.http
        .post('/api/users')
        .set(auth(token))
        .send({ username: `x-${who}`, displayName: 'x', role: 'liaison', orgUnitId: await unitId('forestry'), password: 'long-enough-1' });
      expect(res.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it('should refuse a role that does not fit the unit kind (400) and write nothing', async () => {
    const before = await counts();
    const cases = [
      { role: 'liaison', orgUnitId: await unitId('commission-office') },
      { role: 'leader', orgUnitId: null },
      { role: 'admin', orgUnitId: await unitId('forestry') },
      { role: 'office', orgUnitId: await unitId('yuanzhou') },
      { role: 'inspector', orgUnitId: await unitId('jingan') },
      { role: 'liaison', orgUnitId: '7f000000-0000-4000-8000-000000000000' },
    ];
    for (const c of cases) {
      const res = await t.http
        .post('/api/users')
        .set(auth(admin))
        .send({ username: 'misfit-user', displayName: 'x', password: 'long-enough-1', ...c });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body.message, JSON.stringify(c)).toMatch(/单位/);
    }
    const badRole = await t.http
      .post('/api/users')
      .set(auth(admin))
      .send({ username: 'misfit-user', displayName: 'x', password: 'long-enough-1', role: 'boss' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toContain('角色只能是');
    expect(await counts()).toEqual(before);
  });

  it('should refuse a duplicate username, whatever its case (409), and write nothing', async () => {
    const before = await counts();
    const res = await t.http
      .post('/api/users')
      .set(auth(admin))
      .send({
        username: 'Forestry-Liaison',
        displayName: 'x',
        role: 'liaison',
        orgUnitId: await unitId('forestry'),
        password: 'long-enough-1',
      });
    expect(res.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('should answer 409 to an update with a stale version and change nothing', async () => {
    const list = await t.http.get('/api/users?filter={"q":"jingan-leader"}').set(auth(admin));
    const user = list.body[0];
    const first = await t.http
      .put(`/api/users/${user.id}`)
      .set(auth(admin))
      .send({ version: user.version, displayName: '靖安县领导（新）' });
    expect(first.status).toBe(200);
    const stale = await t.http.put(`/api/users/${user.id}`).set(auth(admin)).send({ version: user.version, displayName: '覆盖' });
    expect(stale.status).toBe(409);
    const now = await t.http.get(`/api/users/${user.id}`).set(auth(admin));
    expect(now.body.displayName).toBe('靖安县领导（新）');
  });

  it('should answer 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await t.http.get('/api/users/not-a-uuid').set(auth(admin))).status).toBe(400);
    expect((await t.http.get('/api/users/7f000000-0000-4000-8000-000000000000').set(auth(admin))).status).toBe(404);
  });
});
