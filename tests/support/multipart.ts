import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';

/** Hand-made multipart uploads: the test decides every byte, how fast it goes and when it stops. */
export const BOUNDARY = 'duban-test-boundary-7MA4YWxkTrZu0gW';
/** `filename` goes into filename="…" as is; `encoded` into filename*=UTF-8''… (RFC 5987, so it may carry control characters). */
export function multipartHead(filename: string, field = 'file', encoded?: string): Buffer {
  const name = encoded === undefined ? `filename="${filename}"` : `filename*=UTF-8''${encodeURIComponent(encoded)}`;
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; ${name}\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
}
export const MULTIPART_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A raw upload: the test decides what is sent, how fast, with or without Content-Length, and when to stop. */
export function rawUpload(
  port: number,
  token: string,
  reportId: string,
  opts: { contentLength?: number },
): { req: ClientRequest; response: Promise<IncomingMessage & { text: string }> } {
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: `/api/reports/${reportId}/evidence`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(opts.contentLength !== undefined ? { 'content-length': String(opts.contentLength) } : { 'transfer-encoding': 'chunked' }),
    },
  });
  const response = new Promise<IncomingMessage & { text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Object.assign(res, { text: Buffer.concat(chunks).toString('utf8') })));
    });
    req.on('error', reject);
  });
  return { req, response };
}

/** Writes with back-pressure; also returns when the connection closes (the server may answer and hang up early). */
export function write(req: ClientRequest, chunk: Buffer): Promise<void> {
  if (req.destroyed) return Promise.resolve();
  if (req.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}
