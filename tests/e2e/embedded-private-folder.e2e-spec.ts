import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { blockingFolder, EmbeddedPostgresUnreachable, startEmbeddedPostgres } from '../../apps/api/src/core/database/embedded-postgres';

/** A checkout inside a folder other users cannot enter, as `mktemp -d` makes it. */
const outer = mkdtempSync(join(tmpdir(), 'duban-private-'));
chmodSync(outer, 0o700);
afterAll(() => rmSync(outer, { recursive: true, force: true }));

describe('the embedded PostgreSQL from a private (mode 700) folder', () => {
  it('should find the folder the postgres user cannot pass, and none once others may enter', () => {
    const inner = join(outer, 'a', 'b');
    mkdirSync(inner, { recursive: true });
    expect(blockingFolder(inner, null)).toBe(outer);
    expect(blockingFolder(join(inner, 'not-yet', 'pg'), null)).toBe(outer);
    // Its owner passes; a folder with the others' execute bit lets anyone through.
    expect(blockingFolder(inner, { uid: process.getuid!(), gid: -1 })).toBeNull();
    const open = mkdtempSync(join(tmpdir(), 'duban-open-'));
    try {
      chmodSync(open, 0o755);
      expect(blockingFolder(join(open, 'pg'), null)).toBeNull();
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });

  it('should start there, or, run as root, stop before spawning anything with one sentence saying why and what to do', async () => {
    const dir = join(outer, 'checkout', 'data', 'pg');
    if (process.getuid?.() === 0) {
      // As root the server runs as postgres, who cannot enter the private folder.
      const err = await startEmbeddedPostgres(dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EmbeddedPostgresUnreachable);
      const message = (err as Error).message;
      expect(message).toContain(`该用户进不了 ${outer}（权限 700）`);
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('EACCES');
      expect(existsSync(dir)).toBe(false);
      return;
    }
    // Anyone else runs it as themselves, who may enter their own private folder.
    const server = await startEmbeddedPostgres(dir);
    const client = new Client({ connectionString: server.url('postgres') });
    try {
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end().catch(() => undefined);
      await server.stop();
    }
  });
});
