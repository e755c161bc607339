import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the process reads from its environment, read once (CONTRACT.md "Environment"). */
export interface AppConfig {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  jwtSecret: string;
  jwtTtl: string;
  storageDir: string;
  uploadMaxBytes: number;
  adminPassword: string | null;
  /** Demo/test mode: a fixed "today" the admin may move. Null means the real clock. */
  fixedToday: string | null;
  demoUsers: boolean;
  smtpUrl: string | null;
  webhookUrl: string | null;
  consoleDir: string;
  /** One audit chain for everything ('global') or one per plan ('plan'). */
  auditChainScope: 'global' | 'plan';
  logLevel: string;
  /** How long a plan document may take to parse before the import is refused (422). */
  planParseTimeoutMs: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function repoRoot(): string {
  // dist/api/apps/api/src/core/config → repo root, or apps/api/src/core/config in tests.
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/** A secret generated once and kept under the data directory, so restarts keep sessions valid. */
function keptSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = repoRoot();
  const dataDir = resolve(env.DUBAN_DATA_DIR ?? join(root, '.data'));
  const demo = env.DUBAN_DEMO !== '0';
  // DUBAN_NOW wins; else the demo stands at its demo date (DUBAN_DEMO_DATE, 2024-05-15: inside the Yichun plan); else real.
  const fixedToday = env.DUBAN_NOW?.trim() || (demo ? env.DUBAN_DEMO_DATE?.trim() || DEFAULT_DEMO_DATE : null);
  if (fixedToday && !DATE.test(fixedToday)) throw new Error(`DUBAN_NOW / DUBAN_DEMO_DATE must be YYYY-MM-DD, got "${fixedToday}"`);
  const uploadMax = Number(env.UPLOAD_MAX_BYTES ?? 200 * 1024 * 1024);
  if (!Number.isFinite(uploadMax) || uploadMax <= 0) throw new Error('UPLOAD_MAX_BYTES must be a positive number');
  const parseTimeout = Number(env.PLAN_PARSE_TIMEOUT_MS ?? 60_000);
  if (!Number.isFinite(parseTimeout) || parseTimeout <= 0) throw new Error('PLAN_PARSE_TIMEOUT_MS must be a positive number');
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir,
    jwtSecret: env.JWT_SECRET?.trim() || keptSecret(dataDir, 'jwt-secret'),
    jwtTtl: env.JWT_TTL?.trim() || '8h',
    storageDir: resolve(env.STORAGE_DIR ?? join(dataDir, 'evidence')),
    uploadMaxBytes: uploadMax,
    adminPassword: env.ADMIN_PASSWORD?.trim() || null,
    fixedToday,
    demoUsers: demo,
    smtpUrl: env.SMTP_URL?.trim() || null,
    webhookUrl: env.WEBHOOK_URL?.trim() || null,
    consoleDir: resolve(env.CONSOLE_DIR ?? join(root, 'dist', 'console')),
    auditChainScope: env.AUDIT_CHAIN_SCOPE === 'plan' ? 'plan' : 'global',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    planParseTimeoutMs: parseTimeout,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The day the demo's clock stands at on a first start, unless DUBAN_NOW or DUBAN_DEMO_DATE say otherwise. */
export const DEFAULT_DEMO_DATE = '2024-05-15';
