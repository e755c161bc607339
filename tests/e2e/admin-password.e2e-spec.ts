import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';

const main = join(resolve(__dirname, '../..'), 'dist/api/apps/api/src/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'duban-admin-pw-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** An empty database on the test server (named with the run's prefix, so the run drops it). */
async function emptyDatabase(): Promise<string> {
  const name = `${inject('dbPrefix')}_start_${randomBytes(3).toString('hex')}`;
  const client = new Client({ connectionString: inject('dbServerUrl') });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const u = new URL(inject('dbServerUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** Starts the built app the way `npm start` does and waits until it has printed its welcome. */
async function start(databaseUrl: string, adminPassword?: string): Promise<{ proc: ChildProcess; base: string; output: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DUBAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.ADMIN_PASSWORD;
  if (adminPassword) env.ADMIN_PASSWORD = adminPassword;
  const proc = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += String(d)));
  proc.stderr?.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 150_000;
  while (!/账号/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`app did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { proc, base: `http://127.0.0.1:${port}`, output: out };
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((done) => {
    proc.once('exit', () => done());
    proc.kill('SIGTERM');
  });
}

const logIn = (base: string, password: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  }).then((r) => r.status);

describe('the admin password at first start', () => {
  it('should never print a password supplied in ADMIN_PASSWORD, though it logs in', async () => {
    const supplied = `Supplied-${randomBytes(6).toString('hex')}`;
    const app = await start(await emptyDatabase(), supplied);
    try {
      expect(app.output).toMatch(/admin\s+（ADMIN_PASSWORD 所设，不显示）/);
      expect(app.output).not.toContain(supplied);
      expect(await logIn(app.base, supplied)).toBe(200);
    } finally {
      await stop(app.proc);
    }
  }, 200_000);

  it('should print a generated password once, which logs in, and not on the next start', async () => {
    const db = await emptyDatabase();
    const first = await start(db);
    let generated: string;
    try {
      generated = /^\s+admin\s+(\S+)\s+admin$/m.exec(first.output)?.[1] ?? '';
      expect(generated).toMatch(/^[\w-]{12}$/);
      expect(await logIn(first.base, generated)).toBe(200);
    } finally {
      await stop(first.proc);
    }
    const second = await start(db);
    try {
      expect(second.output).not.toContain(generated);
      expect(second.output).toContain('账号已存在');
    } finally {
      await stop(second.proc);
    }
  }, 300_000);
});
