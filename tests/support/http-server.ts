import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from '../../apps/api/src/core/database/embedded-postgres';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface LocalHttpServer {
  /** Base URL, e.g. http://127.0.0.1:1234 */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free local port that records every request. It answers 200 `{"errcode":0}`
 * (as group robots do), except: `/status/NNN` answers NNN, `/errcode` answers 200 with a robot error,
 * and `/hang` never answers.
 */
export async function startHttpServer(): Promise<LocalHttpServer> {
  const requests: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body, json });
      if (path.startsWith('/hang')) {
        hanging.push(res);
        return;
      }
      const status = /^\/status\/(\d{3})/.exec(path);
      res.statusCode = status ? Number(status[1]) : 200;
      res.setHeader('content-type', 'application/json');
      res.end(path.startsWith('/errcode') ? '{"errcode":93000,"errmsg":"invalid webhook url"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
