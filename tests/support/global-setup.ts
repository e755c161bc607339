import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { createApp } from '../../apps/api/src/app.factory';
import { migrate } from '../../apps/api/src/core/database/data-source';
import { ensureDatabase } from '../../apps/api/src/core/database/database-url';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../apps/api/src/core/database/embedded-postgres';
import { seedAll } from '../../apps/api/src/app.seed';
import { testConfig } from './test-config';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the server's `postgres` database; test files make their own databases on it. */
    dbServerUrl: string;
    /** The migrated and seeded database each test file copies. */
    templateDb: string;
    /** Prefix of every database this run creates (dropped at the end). */
    dbPrefix: string;
  }
}

/**
 * Each test run gets its own databases on DATABASE_URL's server (or on an embedded PostgreSQL when unset):
 * one template, migrated and seeded once, which every test file copies. All are dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    serverUrl = u.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'duban-test-pg-'));
    chmodSync(dataDir, 0o755); // the embedded server runs as the `postgres` user, which must reach its data
    embedded = await startEmbeddedPostgres(join(dataDir, 'pg'));
    serverUrl = embedded.url('postgres');
  }
  const prefix = `duban_test_${randomBytes(4).toString('hex')}`;
  const templateDb = `${prefix}_tpl`;
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${templateDb}`;
  await ensureDatabase(templateUrl.toString());
  await migrate(templateUrl.toString());
  const app = await createApp(testConfig(), templateUrl.toString());
  await app.init();
  await seedAll(app);
  await app.close();

  project.provide('dbServerUrl', serverUrl);
  project.provide('templateDb', templateDb);
  project.provide('dbPrefix', prefix);

  return async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    const dbs = (await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`])).rows as { datname: string }[];
    for (const { datname } of dbs) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
