import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  // A few changes so the chain has more than the seed in it.
  for (const code of ['audit-a', 'audit-b', 'audit-c']) {
    const r = await t.http
      .post('/api/org-units')
      .set(auth(admin))
      .send({ code, name: `市${code}局`, kind: 'department' });
    expect(r.status).toBe(201);
  }
});
afterAll(() => t.close());

/** Someone with database access going around the application (the append-only trigger is theirs to disable). */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await t.db.transaction(async (m) => {
    await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await m.query(sql, params);
    await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
  });
}

describe('audit chain', () => {
  it('should verify an untouched chain', async () => {
    const res = await t.http.get('/api/audit-events/verify').set(auth(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, firstBadId: null });
    expect(res.body.checked).toBeGreaterThan(60);
  });

  it('should refuse an UPDATE or DELETE of an event from ordinary SQL', async () => {
    await expect(t.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });

  it('should list events to the office and the admin only', async () => {
    const office = await t.login('office');
    const list = await t.http.get('/api/audit-events?range=[0,9]').set(auth(office));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(10);
    expect(list.headers['content-range']).toMatch(/^audit-events 0-9\/\d+$/);
    expect((await t.http.get('/api/audit-events').set(auth(await t.login('forestry-liaison')))).status).toBe(403);
    expect((await t.http.get('/api/audit-events').set(auth(await t.login('inspector1')))).status).toBe(403);
  });

  it('should name an event edited directly in SQL, then one deleted, then a truncated tail', async () => {
    const [victim] = await t.db.query(`SELECT id FROM audit_events WHERE entity = 'OrgUnit' AND action = 'create' ORDER BY seq LIMIT 1`);
    await tamper(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"市篡改局"') WHERE id = $1`, [victim.id]);
    let res = await t.http.get('/api/audit-events/verify').set(auth(admin));
    expect(res.body).toMatchObject({ ok: false, firstBadId: victim.id });

    // Put it back, then delete a middle event: the next one is named.
    await tamper(
      `UPDATE audit_events SET after = jsonb_set(after, '{name}', to_jsonb((SELECT name FROM org_units WHERE id::text = audit_events.entity_id))) WHERE id = $1`,
      [victim.id],
    );
    expect((await t.http.get('/api/audit-events/verify').set(auth(admin))).body.ok).toBe(true);
    const rows = await t.db.query(`SELECT id FROM audit_events ORDER BY seq`);
    await tamper(`DELETE FROM audit_events WHERE id = $1`, [rows[10].id]);
    res = await t.http.get('/api/audit-events/verify').set(auth(admin));
    expect(res.body).toMatchObject({ ok: false, firstBadId: rows[11].id });
  });

  it('should notice the newest events deleted from the end', async () => {
    const t2 = await createTestApp();
    try {
      const rows = await t2.db.query(`SELECT id FROM audit_events ORDER BY seq DESC LIMIT 2`);
      await t2.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
        await m.query(`DELETE FROM audit_events WHERE id = ANY($1)`, [rows.map((r: { id: string }) => r.id)]);
        await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
      });
      const token = await t2.login('admin');
      const res = await t2.http.get('/api/audit-events/verify').set(auth(token));
      expect(res.body.ok).toBe(false);
      expect(res.body.problem).toMatch(/删除/);
    } finally {
      await t2.close();
    }
  });
});

describe('npm run audit:verify', () => {
  it('should exit 0 on an intact chain and 1 naming the event on a broken one', async () => {
    const { spawnSync } = await import('node:child_process');
    const { resolve } = await import('node:path');
    const cli = resolve(__dirname, '../../dist/api/apps/api/src/cli/audit-verify.js');
    const t3 = await createTestApp();
    try {
      const run = () => spawnSync(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: t3.databaseUrl }, encoding: 'utf8' });
      const good = run();
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/审计链完好：检查了 \d+ 个事件/);
      const [victim] = await t3.db.query(`SELECT id FROM audit_events ORDER BY seq LIMIT 1 OFFSET 3`);
      await t3.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
        await m.query(`UPDATE audit_events SET actor_id = gen_random_uuid() WHERE id = $1`, [victim.id]);
        await m.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
      });
      const bad = run();
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(victim.id);
    } finally {
      await t3.close();
    }
  });
});
