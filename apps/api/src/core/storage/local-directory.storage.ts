import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, opendir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { STORAGE_KEY, type EvidenceStorage, type StagedObject } from './evidence-storage';

const TEMP_DIR = '.tmp';
/** Files found without a row (see EvidenceReconciler), kept for an operator instead of deleted. */
const ASIDE_DIR = '.unreferenced';
const TEMP_NAME = /^[0-9a-f-]{36}\.part$/;

/** Counts and hashes what passes through, without holding on to it. */
class HashTap extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
}

/**
 * Evidence files in a local directory (`STORAGE_DIR`): uploads stream into `<root>/.tmp/<uuid>.part`
 * (same file system, so the commit is an atomic rename) and become `<root>/<key>` only when committed.
 */
export class LocalDirectoryStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}

  private tempPath(token: string): string {
    if (!TEMP_NAME.test(token)) throw new Error(`not a staging token: ${token}`);
    return join(this.root, TEMP_DIR, token);
  }

  private keyPath(key: string): string {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(this.root, key);
  }

  async stage(source: Readable): Promise<StagedObject> {
    const token = `${randomUUID()}.part`;
    const path = this.tempPath(token);
    await mkdir(dirname(path), { recursive: true, mode: 0o750 });
    const tap = new HashTap();
    const out = createWriteStream(path, { flags: 'wx', mode: 0o640, flush: true });
    try {
      await pipeline(source, tap, out);
    } catch (err) {
      // A refusal can come while the file is still being opened: wait until it is closed, or it is created after the unlink.
      if (!out.closed) await once(out, 'close').catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw err;
    }
    return { token, size: tap.size, sha256: tap.hash.digest('hex') };
  }

  async readStaged(staged: StagedObject, offset: number, length: number): Promise<Buffer> {
    const fh = await open(this.tempPath(staged.token), 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, staged.size - offset)));
      let read = 0;
      while (read < buf.length) {
        const { bytesRead } = await fh.read(buf, read, buf.length - read, offset + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buf.subarray(0, read);
    } finally {
      await fh.close();
    }
  }

  async commit(staged: StagedObject, key: string): Promise<void> {
    const target = this.keyPath(key);
    await mkdir(dirname(target), { recursive: true, mode: 0o750 });
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      throw new Error(`storage key already in use: ${key}`);
    await rename(this.tempPath(staged.token), target);
  }

  async discard(staged: StagedObject): Promise<void> {
    await unlink(this.tempPath(staged.token)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async open(key: string): Promise<Readable | null> {
    try {
      const fh = await open(this.keyPath(key), 'r');
      return fh.createReadStream({ autoClose: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await unlink(this.keyPath(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async *keys(): AsyncIterable<string> {
    // <plan uuid>/<2 hex>/<uuid>: walked one directory at a time, so a large store is never listed whole.
    const walk = async function* (dir: string, depth: number): AsyncGenerator<string> {
      const handle = await opendir(dir).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      if (!handle) return;
      for await (const entry of handle) {
        if (depth === 0 && (entry.name === TEMP_DIR || entry.name === ASIDE_DIR)) continue;
        const path = join(dir, entry.name);
        if (depth < 2 && entry.isDirectory()) yield* walk(path, depth + 1);
        else if (depth === 2 && entry.isFile()) yield path;
      }
    };
    for await (const path of walk(this.root, 0)) {
      const key = relative(this.root, path).split(sep).join('/');
      if (STORAGE_KEY.test(key)) yield key;
    }
  }

  async moveAside(key: string): Promise<void> {
    const target = join(this.root, ASIDE_DIR, key.replace(/\//g, '_'));
    await mkdir(dirname(target), { recursive: true, mode: 0o750 });
    await rename(this.keyPath(key), target);
  }

  /** Removes staging files a crashed process left behind (older than `maxAgeMs`). */
  async sweepStale(maxAgeMs: number, now = Date.now()): Promise<number> {
    const dir = join(this.root, TEMP_DIR);
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!TEMP_NAME.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => null);
      if (info && now - info.mtimeMs > maxAgeMs) {
        await unlink(join(dir, name)).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}
