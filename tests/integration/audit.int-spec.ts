import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../apps/api/src/core/audit/audit.service';
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

  it('should report ok on every verify run while four writers keep appending to the chain', async () => {
    let writing = true;
    let written = 0;
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        const r = await t.http
          .post('/api/org-units')
          .set(auth(admin))
          .send({ code: `busy-${w}-${i}`, name: `市忙碌${w}-${i}局`, kind: 'department' });
        expect(r.status).toBe(201);
        written++;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    const results: { ok: boolean; checked: number; problem?: string }[] = [];
    try {
      while (written < 3) await new Promise((r) => setTimeout(r, 5));
      for (let run = 0; run < 15; run++) results.push((await t.http.get('/api/audit-events/verify').set(auth(admin))).body);
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // The writers really ran during the checks: later runs saw a longer chain than the first.
    expect(Math.max(...results.map((r) => r.checked))).toBeGreaterThan(results[0].checked);
    expect((await t.http.get('/api/audit-events/verify').set(auth(admin))).body.ok).toBe(true);
  });

  it('should refuse TRUNCATE of the events and of the chain heads', async () => {
    const before = Number((await t.db.query(`SELECT count(*) AS n FROM audit_events`))[0].n);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_chain_heads, audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_chain_heads`)).rejects.toThrow(/append-only/);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM audit_events`))[0].n)).toBe(before);
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM audit_chain_heads`))[0].n)).toBeGreaterThan(0);
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

  it('should find a chain rebuilt from scratch, consistent in itself, by its checkpoint', async () => {
    const t2 = await createTestApp();
    try {
      const audit = t2.app.get(AuditService);
      const first = await audit.verify();
      expect(first.ok).toBe(true);
      const checkpoint = first.heads;
      expect(checkpoint.find((h) => h.chain === 'global')?.count).toBe(first.checked);
      const token = await t2.login('admin');
      const create = async (code: string) =>
        expect(
          (
            await t2.http
              .post('/api/org-units')
              .set(auth(token))
              .send({ code, name: `市${code}局`, kind: 'department' })
          ).status,
        ).toBe(201);
      await create('cp-later');
      expect(await audit.verify(checkpoint)).toMatchObject({ ok: true });
      // Someone empties both tables with the triggers off, then lets the application write a fresh, longer chain.
      await t2.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_chain_heads DISABLE TRIGGER USER');
        await m.query('TRUNCATE audit_events, audit_chain_heads');
        await m.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_chain_heads ENABLE TRIGGER USER');
      });
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 0 });
      expect(await audit.verify(checkpoint)).toMatchObject({ ok: false, problem: expect.stringMatching(/已不存在/) });
      await create('cp-short');
      expect(await audit.verify(checkpoint)).toMatchObject({ ok: false, problem: expect.stringMatching(/少于检查点/) });
      // A forged history as long as the saved one, written through the application's own chain writer.
      await t2.db.transaction((m) =>
        audit.record(
          m,
          null,
          Array.from({ length: checkpoint[0].count }, (_, i) => ({ action: 'seed', entity: 'OrgUnit', entityId: `forged-${i}` })),
        ),
      );
      const rebuilt = await audit.verify(checkpoint);
      expect(rebuilt.ok).toBe(false);
      expect(rebuilt.problem).toMatch(/与检查点不符/);
      expect(rebuilt.firstBadId).not.toBeNull();
    } finally {
      await t2.close();
    }
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

  it('should write a checkpoint when the file is absent, accept a grown chain, and exit 1 once the chain is emptied', async () => {
    const { spawnSync } = await import('node:child_process');
    const { resolve } = await import('node:path');
    const cli = resolve(__dirname, '../../dist/api/apps/api/src/cli/audit-verify.js');
    const dir = mkdtempSync(join(tmpdir(), 'duban-checkpoint-'));
    const file = join(dir, 'audit-head.json');
    const t4 = await createTestApp();
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: t4.databaseUrl }, encoding: 'utf8' });
      const first = run('--checkpoint', file);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('检查点文件不存在，已写入当前链头');
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { chains: { chain: string; count: number; hash: string }[] };
      const [{ n }] = await t4.db.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(saved.chains).toEqual([{ chain: 'global', count: n, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

      const token = await t4.login('admin');
      const r = await t4.http.post('/api/org-units').set(auth(token)).send({ code: 'cp-cli', name: '市检查点局', kind: 'department' });
      expect(r.status).toBe(201);
      const again = run('--checkpoint', file);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain('与检查点一致');
      // The file still holds the old head: without --update it is only compared.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);

      await t4.db.transaction(async (m) => {
        await m.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_chain_heads DISABLE TRIGGER USER');
        await m.query('TRUNCATE audit_events, audit_chain_heads');
        await m.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await m.query('ALTER TABLE audit_chain_heads ENABLE TRIGGER USER');
      });
      expect(run().status).toBe(0); // an empty chain is consistent in itself: only the checkpoint can tell
      const emptied = run('--checkpoint', file);
      expect(emptied.status).toBe(1);
      expect(emptied.stdout).toMatch(/审计链已损坏：检查点中的链 global（\d+ 个事件）已不存在/);
      expect(run('--checkpoint').status).toBe(2);
      expect(existsSync(`${file}.tmp`)).toBe(false);
    } finally {
      await t4.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
