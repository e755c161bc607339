import { HttpException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { Transform, type TransformCallback } from 'node:stream';
import type { EvidenceStorage, StagedObject } from '../../core/storage/evidence-storage';
import { SNIFF_BYTES, sniffType, type Sniffed } from './evidence-type';
import { cleanFileName } from './file-name';
import { refuse } from '../../core/http/messages';

/** How long a refused upload's remaining body is read and thrown away before the connection is cut. */
const DRAIN_MS = 15_000;
/** Room for the multipart envelope around the file when judging Content-Length. */
const MULTIPART_SLACK = 64 * 1024;

export function tooLarge(maxBytes: number): HttpException {
  return refuse(413, 'upload.tooLarge', { max: formatBytes(maxBytes) });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * Sits between the multipart parser and the storage: counts bytes (over the limit → 413 while streaming),
 * holds back the first SNIFF_BYTES until the type is decided from them (not accepted → 415), then passes
 * everything through untouched. Never holds more than SNIFF_BYTES.
 */
export class UploadInspector extends Transform {
  sniffed: Sniffed | null = null;
  total = 0;
  private held: Buffer[] = [];
  private heldBytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (this.sniffed) return done(null, chunk);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes < SNIFF_BYTES) return done();
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.sniffed || this.heldBytes === 0) return done();
    this.decide(done);
  }

  private decide(done: TransformCallback): void {
    const head = Buffer.concat(this.held);
    this.held = [];
    sniffType(head).then(
      (sniffed) => {
        this.sniffed = sniffed;
        done(null, head);
      },
      (err: unknown) => done(err as Error),
    );
  }
}

export interface ReceivedFile {
  staged: StagedObject;
  /** Cleaned for display (no path, no control characters). */
  filename: string;
  /** Null only for an empty file. */
  sniffed: Sniffed | null;
}

/** Not multipart/form-data with a boundary: 400 before a byte is read. */
export function assertMultipart(req: Request): void {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) {
    throw refuse(400, 'upload.multipart');
  }
}

/** Declared bigger than the limit (with room for the multipart envelope): 413 before a byte is read. */
export function assertDeclaredSize(req: Request, maxBytes: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_SLACK) throw tooLarge(maxBytes);
}

/**
 * After a refusal, reads and discards what the client is still sending (so it gets to read the answer),
 * then closes the connection; cuts it after DRAIN_MS if the client keeps going.
 */
export function abandonRequest(req: Request, res: Response): void {
  if (req.complete || req.destroyed) return;
  if (!res.headersSent) res.setHeader('Connection', 'close');
  req.unpipe();
  req.resume();
  const timer = setTimeout(() => req.destroy(), DRAIN_MS);
  timer.unref();
  req.once('close', () => clearTimeout(timer));
}

/** Storage trouble (a full disk…) stays the server's error; anything else that broke the stream is the upload's. */
function asUploadError(err: Error): Error {
  if (err instanceof HttpException) return err;
  if (typeof (err as NodeJS.ErrnoException).syscall === 'string') return err;
  return refuse(400, 'upload.broken', { detail: err.message });
}

/**
 * Streams the request's one multipart `file` into the storage's staging area: hashed, size-limited and
 * type-checked on the way. Resolves once the whole request has been read and the file staged; on any
 * failure (a refusal, a malformed body, the client going away) nothing staged is left behind.
 */
export function receiveFile(req: Request, res: Response, storage: EvidenceStorage, maxBytes: number): Promise<ReceivedFile> {
  return new Promise<ReceivedFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        preservePath: true, // the name is cleaned (and a climbing one refused) by cleanFileName
        limits: { files: 1, fileSize: maxBytes + 1, fields: 20, fieldSize: 8 * 1024, parts: 30, headerPairs: 50 },
      });
    } catch {
      reject(refuse(400, 'upload.multipart'));
      return;
    }
    let failure: Error | null = null;
    let resolved = false;
    let staging: Promise<StagedObject> | null = null;
    let inspector: UploadInspector | null = null;
    let filename = '';

    const fail = (err: Error) => {
      if (failure || resolved) return;
      failure = err;
      inspector?.destroy(err);
      req.unpipe(parser);
      abandonRequest(req, res);
      // Only answer once the staging has settled: whatever it wrote is gone by then.
      const staged = staging ?? Promise.resolve(null);
      staged
        .then((s) => (s ? storage.discard(s) : undefined))
        .catch(() => undefined)
        .finally(() => reject(err));
    };

    req.on('close', () => {
      if (!req.complete) fail(refuse(400, 'upload.cutOff'));
    });
    parser.on('error', (err: Error) => fail(refuse(400, 'upload.notMultipart', { detail: err.message })));
    parser.on('filesLimit', () => fail(refuse(400, 'upload.oneFile')));
    parser.on('file', (field, stream, info) => {
      // Errors of a part (a cut-off body) reach us through the parser and the staging promise; never unhandled.
      stream.on('error', () => undefined);
      if (failure) return void stream.resume();
      if (field !== 'file') {
        stream.resume();
        return fail(refuse(400, 'upload.wrongField', { got: field.slice(0, 40) }));
      }
      try {
        filename = cleanFileName(info.filename);
      } catch (err) {
        stream.resume();
        return fail(err as Error);
      }
      const inspect = new UploadInspector(maxBytes);
      inspect.on('error', () => undefined); // reported through the staging promise
      inspector = inspect;
      stream.on('limit', () => inspect.destroy(tooLarge(maxBytes)));
      stream.on('error', (err: Error) => inspect.destroy(err));
      staging = storage.stage(stream.pipe(inspect));
      staging.catch((err: Error) => fail(asUploadError(err)));
    });
    parser.on('close', () => {
      if (failure) return;
      if (!staging || !inspector) return fail(refuse(400, 'upload.noFile'));
      const inspect = inspector;
      staging.then(
        (staged) => {
          if (failure) return void storage.discard(staged).catch(() => undefined);
          resolved = true;
          resolve({ staged, filename, sniffed: inspect.sniffed });
        },
        () => undefined, // reported through fail() above
      );
    });
    req.pipe(parser);
  });
}
