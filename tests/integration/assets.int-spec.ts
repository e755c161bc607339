import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/** A console build as vite lays it out: index.html, content-hashed assets, and a file without a hash. */
const dir = mkdtempSync(join(tmpdir(), 'duban-console-'));
const script = `console.log(${JSON.stringify('督办'.repeat(2000))});\n`;
const html = `<!doctype html><html lang="zh-CN"><head><title>督办</title></head><body><div id="root"></div>${'<!-- -->'.repeat(200)}</body></html>`;

let t: TestApp;
beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'assets', 'index-B2x_9kQa.js'), script);
  writeFileSync(join(dir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`);
  t = await createTestApp({ CONSOLE_DIR: dir });
});
afterAll(() => t.close());

describe('the console’s files', () => {
  it('should send a hashed asset gzip-compressed and cacheable for a year as immutable', async () => {
    const res = await t.http.get('/assets/index-B2x_9kQa.js').set('accept-encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(script);
  });

  it('should send index.html compressed and never cached, for / and for client-side routes alike', async () => {
    for (const path of ['/', '/assignments/123/show', '/index.html']) {
      const res = await t.http.get(path).set('accept-encoding', 'gzip');
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.headers['content-encoding'], path).toBe('gzip');
      expect(res.text, path).toContain('<div id="root">');
    }
  });

  it('should keep a file without a content hash for an hour only, and compress the API’s JSON too', async () => {
    const icon = await t.http.get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    const token = await t.login('office');
    const api = await t.http.get('/api/org-units?range=[0,99]').set({ authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' });
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(api.body.length).toBeGreaterThan(40);
  });
});
