import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';

const root = resolve(__dirname, '../..');
const main = join(root, 'dist/api/apps/api/src/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'duban-e2e-'));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the built app the way `npm start` does, with no DATABASE_URL: it must bring its own PostgreSQL. */
async function start(): Promise<{ proc: ChildProcess; base: string; output: () => string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DUBAN_DATA_DIR: dataDir,
    ADMIN_PASSWORD: 'admin-e2e-pass',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DUBAN_NOW;
  const proc = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d) => (out += String(d)));
  proc.stderr?.on('data', (d) => (out += String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`app exited early:\n${out}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { proc, base, output: () => out };
    await new Promise((r) => setTimeout(r, 300));
  }
  proc.kill('SIGKILL');
  throw new Error(`app did not become healthy:\n${out}`);
}

function stop(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => {
    proc.once('exit', (code) => resolveExit(code));
    proc.kill('SIGTERM');
  });
}

describe('npm start on a machine with no database', () => {
  it('should run an embedded PostgreSQL under the data directory, log in, and keep its data between runs', async () => {
    expect(existsSync(main)).toBe(true);
    const first = await start();
    const login = await fetch(`${first.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-e2e-pass' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const units = await fetch(`${first.base}/api/org-units?range=[0,0]`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(units.headers.get('content-range')).toBe('org-units 0-0/66');
    expect(first.output()).toContain('forestry-liaison');
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await stop(first.proc)).toBe(0);
    // Graceful shutdown stopped the embedded server too.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await start();
    try {
      const again = await fetch(`${second.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'forestry-liaison', password: 'Duban@2025' }),
      });
      expect(again.status).toBe(200);
      expect(second.output()).not.toContain('本次创建的登录账号');
    } finally {
      expect(await stop(second.proc)).toBe(0);
    }
  }, 180_000);
});
