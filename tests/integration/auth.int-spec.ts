import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtService } from '@nestjs/jwt';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const auditCount = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_events'))[0].n);

describe('log-in', () => {
  it('should return a token and the user for the right password', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'forestry-liaison', password: 'Duban@2025' });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^ey/);
    expect(res.body.user).toMatchObject({ username: 'forestry-liaison', role: 'liaison' });
    expect(res.body.user.orgUnitId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('should answer 401 for a wrong password and for an unknown user, with the same message', async () => {
    const wrong = await t.http.post('/api/auth/login').send({ username: 'office', password: 'nope-nope' });
    const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody-at-all', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('should answer 400 naming the field when the body is malformed', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'office' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('密码');
    const extra = await t.http.post('/api/auth/login').send({ username: 'office', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.message)).toContain('admin');
    const bad = await t.http.post('/api/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(bad.status).toBe(400);
  });

  it('should answer 413 for an oversized JSON body and write nothing', async () => {
    const before = await auditCount();
    const token = await t.login('admin');
    const res = await t.http
      .post('/api/org-units')
      .set('authorization', `Bearer ${token}`)
      .send({ code: 'big-unit', name: 'x'.repeat(2 * 1024 * 1024), kind: 'department' });
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
    expect(await auditCount()).toBe(before);
  });

  it('should throttle repeated failures with 429 and let the real user in once the block has passed', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.http.post('/api/auth/login').send({ username: 'jingan-liaison', password: `guess-${i}` });
      expect(r.status).toBe(401);
    }
    const blocked = await t.http.post('/api/auth/login').send({ username: 'jingan-liaison', password: 'Duban@2025' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/秒后再试/);
    // The block is temporary: once its time is past, the right password works again.
    await t.db.query(`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key LIKE 'jingan-liaison|%'`);
    const ok = await t.http.post('/api/auth/login').send({ username: 'jingan-liaison', password: 'Duban@2025' });
    expect(ok.status).toBe(200);
    expect(await t.db.query(`SELECT 1 FROM login_throttle WHERE key LIKE 'jingan-liaison|%'`)).toHaveLength(0);
  });
});

describe('tokens', () => {
  it('should return the user and the CASL rules from /api/auth/me', async () => {
    const token = await t.login('forestry-leader');
    const res = await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('leader');
    const confirm = res.body.rules.find((r: { action: unknown }) => JSON.stringify(r.action).includes('confirm'));
    expect(confirm.conditions).toEqual({ orgUnitId: res.body.user.orgUnitId });
  });

  it('should answer 401 without a token, with a forged one and with an expired one', async () => {
    expect((await t.http.get('/api/auth/me')).status).toBe(401);
    const forged = new JwtService({ secret: 'someone-elses-secret' }).sign({
      sub: '00000000-0000-0000-0000-000000000000',
      role: 'admin',
      unit: null,
      tv: 1,
    });
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${forged}`)).status).toBe(401);
    const admin = (await t.db.query(`SELECT id, token_version FROM users WHERE username = 'admin'`))[0];
    const expired = new JwtService({ secret: 'test-secret-not-for-production' }).sign(
      { sub: admin.id, role: 'admin', unit: null, tv: admin.token_version },
      { expiresIn: -10 },
    );
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${expired}`)).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set('authorization', 'Bearer not.a.jwt')).status).toBe(401);
  });

  it('should stop a token working when its user is disabled, and refuse the disabled user a log-in', async () => {
    const admin = await t.login('admin');
    const token = await t.login('fengcheng-liaison');
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    const user = (await t.http.get('/api/users?filter={"q":"fengcheng-liaison"}').set('authorization', `Bearer ${admin}`)).body[0];
    const del = await t.http.delete(`/api/users/${user.id}`).set('authorization', `Bearer ${admin}`);
    expect(del.status).toBe(200);
    expect(del.body.active).toBe(false);
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    const again = await t.http.post('/api/auth/login').send({ username: 'fengcheng-liaison', password: 'Duban@2025' });
    expect(again.status).toBe(401);
  });

  it('should stop a token working when its user changes role or unit', async () => {
    const admin = await t.login('admin');
    const token = await t.login('yuanzhou-liaison');
    const list = await t.http.get('/api/users?filter={"q":"yuanzhou-liaison"}').set('authorization', `Bearer ${admin}`);
    const user = list.body[0];
    const put = await t.http
      .put(`/api/users/${user.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ ...user, role: 'leader' });
    expect(put.status).toBe(200);
    expect(put.body.role).toBe('leader');
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(401);
    const fresh = await t.login('yuanzhou-liaison');
    const units = await t.http.get('/api/org-units?filter={"code":"jingan"}').set('authorization', `Bearer ${admin}`);
    const moved = await t.http
      .put(`/api/users/${user.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ version: put.body.version, orgUnitId: units.body[0].id });
    expect(moved.status).toBe(200);
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${fresh}`)).status).toBe(401);
  });
});
