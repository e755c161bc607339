import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTIPART_TAIL, multipartHead, rawUpload, write } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The figures `npm run bench` prints after the sweep benchmark: what the API's heaviest everyday requests take on
 * this machine, against a real PostgreSQL. Each checks that the request did its work, so its figure means
 * something; none asserts a duration (the tests assert outcomes, this file measures).
 */
let t: TestApp;
let port: number;
let office: { authorization: string };
let decomposed: { assignments: number; items: number; ms: number; serverMs: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

beforeAll(async () => {
  t = await createTestApp();
  const server = t.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  office = { authorization: `Bearer ${await t.login('office')}` };
  const [{ id: planId }] = await t.db.query(`SELECT id FROM plans LIMIT 1`);
  const started = performance.now();
  const res = await t.http.post(`/api/plans/${planId}/decompose-all`).set(office).send({});
  expect(res.status).toBe(200);
  decomposed = { assignments: res.body.assignments, items: res.body.items, ms: performance.now() - started, serverMs: res.body.tookMs };
}, 600_000);
afterAll(() => t.close());

describe('API figures', () => {
  it('decompose-all: the whole Yichun plan in one request', () => {
    expect(decomposed.assignments).toBeGreaterThan(900);
    console.log(
      `decompose-all: ${decomposed.assignments} assignments for ${decomposed.items} items in ${decomposed.ms.toFixed(0)} ms (server ${decomposed.serverMs} ms)`,
    );
  });

  it('the assignments list: a page of 1,000 rows with their derived fields', async () => {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const page = await t.http.get('/api/assignments?range=[0,999]').set(office);
      expect(page.status).toBe(200);
      expect(page.body).toHaveLength(1000);
      if (i > 0) times.push(performance.now() - started); // the first warms the caches
    }
    console.log(`assignments list: 1,000 rows in ${median(times).toFixed(0)} ms (median of ${times.length})`);
  });

  it('evidence: a 100 MB upload streamed to storage, and its download', async () => {
    const liaison = await t.login('forestry-liaison');
    const [{ id: assignmentId }] = await t.db.query(
      `SELECT a.id FROM assignments a JOIN org_units u ON u.id = a.org_unit_id WHERE u.code = 'forestry' LIMIT 1`,
    );
    const draft = await t.http
      .post('/api/reports')
      .set({ authorization: `Bearer ${liaison}` })
      .send({ assignmentId, period: '2024-Q2', summary: '进展情况', progress: 30 });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const total = 100 * 1024 * 1024;
    const head = multipartHead('巡护录像.mp4');
    const { req, response } = rawUpload(port, liaison, draft.body.id, { contentLength: head.length + total + MULTIPART_TAIL.length });
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
    // The fixture video's header, so the file is taken for the video it claims to be.
    const first = Buffer.from(chunk);
    readFileSync(join(__dirname, '..', 'fixtures', 'evidence', 'video.mp4'))
      .subarray(0, 24)
      .copy(first, 0);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = performance.now();
    await write(req, head);
    for (let sent = 0; sent < total; sent += chunk.length) {
      const part = sent === 0 ? first : chunk;
      hash.update(part);
      await write(req, part);
    }
    await write(req, MULTIPART_TAIL);
    req.end();
    const res = await response;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(res.statusCode, res.text).toBe(201);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ size: total, sha256: hash.digest('hex') });

    const downloadStarted = performance.now();
    const got = await new Promise<{ hash: string; size: number }>((resolve, reject) => {
      const h = createHash('sha256');
      let size = 0;
      httpRequest(
        { host: '127.0.0.1', port, path: `/api/evidence/${body.id}/content`, headers: { authorization: `Bearer ${liaison}` } },
        (r) => {
          r.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
          });
          r.on('end', () => resolve({ hash: h.digest('hex'), size }));
          r.on('error', reject);
        },
      ).end();
    });
    const downloadSeconds = (performance.now() - downloadStarted) / 1000;
    expect(got).toEqual({ hash: body.sha256, size: total });
    console.log(
      `100 MB upload: ${(100 / seconds).toFixed(0)} MB/s (${seconds.toFixed(2)} s), peak RSS growth ${((peak - baseline) / 1024 / 1024).toFixed(1)} MB ` +
        `(client and server in one process); download: ${(100 / downloadSeconds).toFixed(0)} MB/s`,
    );
  });
});
