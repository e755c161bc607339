/**
 * Starts the built API (which serves the built console at `/`) on a free port for one browser-test run.
 *
 * - Builds nothing: expects `dist/api/apps/api/src/main.js` and `dist/console/index.html`
 *   (`nx run console:test-browser` depends on both builds).
 * - With `DATABASE_URL`, creates a fresh database on that server and drops it afterwards;
 *   without it, the app runs its embedded PostgreSQL under a temporary `DUBAN_DATA_DIR`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the console is served, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** The admin's password for this run. */
    adminPassword: string;
  }
}

export const ADMIN_PASSWORD = 'admin-pass-123';
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(repo, 'dist/api/apps/api/src/main.js');
const CONSOLE = join(repo, 'dist/console/index.html');

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
// pg ships no types here (no @types/pg); this is all the setup needs of it.
const { Client } = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

async function withAdminClient<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function stop(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGTERM lets the app stop its embedded PostgreSQL.
    child.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = [MAIN, CONSOLE].filter((file) => !existsSync(file));
  if (missing.length) {
    throw new Error(
      `Browser tests need the built API and console; missing ${missing.join(', ')}. ` +
        'Run `npx nx run console:test-browser` (it builds both) or `npm run build` first.',
    );
  }

  const tmp = mkdtempSync(join(tmpdir(), 'duban-browser-'));
  // mkdtemp makes it 0700; as root, embedded PostgreSQL runs initdb as its own `postgres` user,
  // which must be able to reach the data directory inside.
  chmodSync(tmp, 0o755);
  const logFile = join(tmp, 'api.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DUBAN_NOW: '2024-06-03',
    ADMIN_PASSWORD,
    DUBAN_DEMO: '1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: join(tmp, 'evidence'),
  };

  // vitest sets NODE_ENV=test; the app should run as `node main.js` does for a user.
  delete env.NODE_ENV;

  let database: { url: string; name: string } | null = null;
  if (process.env.DATABASE_URL) {
    const name = `duban_browser_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await withAdminClient(process.env.DATABASE_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    database = { url: url.toString(), name };
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
    env.DUBAN_DATA_DIR = join(tmp, 'data');
  }

  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [MAIN], { cwd: repo, env, stdio: ['ignore', log, log] });
  closeSync(log);

  const cleanup = async () => {
    await stop(child);
    if (database) {
      const { name } = database;
      await withAdminClient(process.env.DATABASE_URL!, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
        (error: unknown) => console.warn(`could not drop ${name}:`, error),
      );
    }
    if (process.env.KEEP_BROWSER_TMP) console.log(`browser-test files kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + 110_000;
  while (!(await isHealthy(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const why =
        child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode})` : 'did not become healthy';
      const log = tail(logFile);
      await cleanup();
      throw new Error(`The API ${why} at ${baseUrl}. Last log lines:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminPassword', ADMIN_PASSWORD);
  return cleanup;
}
