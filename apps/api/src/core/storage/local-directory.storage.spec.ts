import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalDirectoryStorage } from './local-directory.storage';

const KEY = '6f1c2a34-0000-4000-8000-000000000001/ab/ab0c2a34-0000-4000-8000-000000000002';
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
const text = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts).toString();
};

describe('LocalDirectoryStorage', () => {
  it('should stage with size and sha256, and make the file visible only when committed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'duban-storage-'));
    const storage = new LocalDirectoryStorage(root);
    const staged = await storage.stage(Readable.from([Buffer.from('宜春'), Buffer.from(' forestry')]));
    expect(staged.size).toBe(Buffer.byteLength('宜春 forestry'));
    expect(staged.sha256).toBe(createHash('sha256').update('宜春 forestry').digest('hex'));
    expect(await storage.open(KEY)).toBeNull();
    expect((await storage.readStaged(staged, 6, 100)).toString()).toBe(' forestry');
    await storage.commit(staged, KEY);
    expect(await text((await storage.open(KEY))!)).toBe('宜春 forestry');
    expect(files(root)).toEqual([join(root, KEY)]);
    await expect(storage.commit(staged, KEY)).rejects.toThrow(/already in use/);
    await storage.remove(KEY);
    expect(files(root)).toEqual([]);
  });

  it('should leave nothing when the incoming stream fails, or when a staged object is discarded', async () => {
    const root = mkdtempSync(join(tmpdir(), 'duban-storage-'));
    const storage = new LocalDirectoryStorage(root);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.stage(failing)).rejects.toThrow('client went away');
    expect(files(root)).toEqual([]);
    const staged = await storage.stage(Readable.from([Buffer.from('x')]));
    expect(files(root)).toHaveLength(1);
    await storage.discard(staged);
    await storage.discard(staged);
    expect(files(root)).toEqual([]);
  });

  it('should refuse keys it did not make', async () => {
    const storage = new LocalDirectoryStorage(mkdtempSync(join(tmpdir(), 'duban-storage-')));
    await expect(storage.open('../../etc/passwd')).rejects.toThrow(/not a storage key/);
    await expect(storage.discard({ token: '../x', size: 0, sha256: '' })).rejects.toThrow(/not a staging token/);
  });

  it('should sweep staging files a crash left behind, and only old ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'duban-storage-'));
    const storage = new LocalDirectoryStorage(root);
    const old = await storage.stage(Readable.from([Buffer.from('old')]));
    const fresh = await storage.stage(Readable.from([Buffer.from('fresh')]));
    const past = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(join(root, '.tmp', old.token), past, past);
    expect(await storage.sweepStale(24 * 3600_000)).toBe(1);
    expect(readFileSync(join(root, '.tmp', fresh.token), 'utf8')).toBe('fresh');
  });
});
