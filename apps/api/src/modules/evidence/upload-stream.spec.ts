import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { exe, pdf } from '../../../../../tests/fixtures/evidence/builders';
import { SNIFF_BYTES } from './evidence-type';
import { UploadInspector } from './upload-stream';

function chunks(data: Buffer, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })(),
  );
}

async function run(
  data: Buffer,
  max: number,
  chunkSize = 1000,
): Promise<{ out: Buffer; inspector: UploadInspector; pushedBeforeSniff: number }> {
  const inspector = new UploadInspector(max);
  const parts: Buffer[] = [];
  let pushedBeforeSniff = 0;
  await pipeline(
    chunks(data, chunkSize),
    inspector,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        if (!inspector.sniffed) pushedBeforeSniff += chunk.length;
        parts.push(chunk);
        done();
      },
    }),
  );
  return { out: Buffer.concat(parts), inspector, pushedBeforeSniff };
}

describe('UploadInspector', () => {
  it('should pass a file through byte for byte, holding nothing back once its type is decided', async () => {
    const data = Buffer.concat([pdf(), Buffer.alloc(3 * SNIFF_BYTES, 0x41)]);
    const { out, inspector, pushedBeforeSniff } = await run(data, 10 * SNIFF_BYTES);
    expect(createHash('sha256').update(out).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(inspector.sniffed).toEqual({ format: 'pdf' });
    expect(inspector.total).toBe(data.length);
    expect(pushedBeforeSniff).toBe(0);
  });

  it('should decide a small file at its end', async () => {
    const { inspector, out } = await run(pdf(), 1024 * 1024, 7);
    expect(inspector.sniffed).toEqual({ format: 'pdf' });
    expect(out.equals(pdf())).toBe(true);
  });

  it('should fail with 415 before passing on a byte of an executable', async () => {
    const data = Buffer.concat([exe(), Buffer.alloc(2 * SNIFF_BYTES)]);
    const err: unknown = await run(data, 10 * SNIFF_BYTES).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpException);
    expect((err as HttpException).getStatus()).toBe(415);
  });

  it('should fail with 413 as soon as the limit is passed', async () => {
    const err: unknown = await run(Buffer.concat([pdf(), Buffer.alloc(5000)]), 4000).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpException);
    expect((err as HttpException).getStatus()).toBe(413);
    const exact = Buffer.concat([pdf(), Buffer.alloc(4000 - pdf().length)]);
    expect((await run(exact, 4000)).out.length).toBe(4000);
  });

  it('should pass nothing for an empty file', async () => {
    const { out, inspector } = await run(Buffer.alloc(0), 1000);
    expect(out.length).toBe(0);
    expect(inspector.sniffed).toBeNull();
  });
});
