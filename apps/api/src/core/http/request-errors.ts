import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LocalizedException, render, type MessageKey } from './messages';

/**
 * Refusals of the request itself, before any route runs: a path that does not decode, a body that is not JSON or
 * does not decompress, and what Node's HTTP parser refuses outright. Each answers with the API's JSON error body.
 */

/** body-parser's error types, in words. */
const BODY_ERRORS: Record<string, MessageKey> = {
  'entity.too.large': 'body.tooLarge',
  'entity.parse.failed': 'body.notJson',
  'entity.verify.failed': 'body.notJson',
  'charset.unsupported': 'body.charset',
  'encoding.unsupported': 'body.encoding',
  'request.aborted': 'body.aborted',
  'request.size.invalid': 'body.aborted',
  'stream.encoding.set': 'request.invalid',
};

/** Error middleware right after the body parser: its failures as catalogue messages. */
export function bodyErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (err instanceof HttpException) return next(err);
  const e = err as { status?: number; type?: string; code?: string; body?: string; encoding?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    // zlib: a body whose Content-Encoding says gzip/deflate/br but whose bytes are not.
    return next(new LocalizedException(400, [{ key: 'body.badEncoding' }]));
  }
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return next(err);
  let key: MessageKey = e.type && Object.hasOwn(BODY_ERRORS, e.type) ? BODY_ERRORS[e.type] : 'request.invalid';
  // Strict JSON parsing takes objects and arrays only: `null`, `"text"` or `5` are JSON, but not a request body.
  if (key === 'body.notJson' && typeof e.body === 'string' && parsesAsJson(e.body)) key = 'body.notObject';
  next(new LocalizedException(e.status, [{ key, params: { encoding: String(e.encoding ?? '') } }]));
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A path whose percent escapes do not decode (`/api/users/%zz`) is a 400 for every route alike. */
export function pathEscapes(req: Request, _res: Response, next: NextFunction): void {
  try {
    decodeURIComponent(req.path);
  } catch {
    return next(new LocalizedException(400, [{ key: 'url.badEscape' }]));
  }
  next();
}

/** Node's own limit on the request line and headers together (`--max-http-header-size`, 16 KB by default). */
const HEADER_LIMIT = 16 * 1024;

/**
 * Requests Node's HTTP parser refuses before the app sees them (a URL or headers over 16 KB, a malformed request
 * line) get the JSON error body instead of an empty one. The headers were not parsed, so the language is read from
 * the raw bytes received, when they hold an `Accept-Language` header.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    const lang = /\r\naccept-language:[ \t]*en/i.test(err.rawPacket?.toString('latin1') ?? '') ? 'en' : 'zh';
    const body = JSON.stringify({
      statusCode: status,
      message: render({ key: tooLarge ? 'url.tooLong' : 'request.invalid', params: { max: HEADER_LIMIT } }, lang),
      error: reason,
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
