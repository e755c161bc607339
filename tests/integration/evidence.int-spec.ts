import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@duban/domain';
import { createApp } from '../../apps/api/src/app.factory';
import { APP_CONFIG, type AppConfig } from '../../apps/api/src/core/config/app-config';
import { FIXTURES } from '../fixtures/evidence/make-fixtures';
import { BOUNDARY, MULTIPART_TAIL, multipartHead, rawUpload, write } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';
import { testConfig } from '../support/test-config';

const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'evidence');
const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name));
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One app (and its storage directory) with helpers bound to it. */
interface Env {
  t: TestApp;
  storageDir: string;
  port: number;
  as(username: string): Promise<{ authorization: string }>;
  token(username: string): Promise<string>;
  draft(unitCode: string, period?: string): Promise<{ id: string; assignmentId: string }>;
}

let itemOffset = 0;
async function makeEnv(env: Record<string, string> = {}): Promise<Env> {
  const t = await createTestApp(env);
  const server = t.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.login(username));
    return tokens.get(username)!;
  };
  return {
    t,
    storageDir: t.app.get<AppConfig>(APP_CONFIG).storageDir,
    port: (server.address() as AddressInfo).port,
    token,
    as: async (username: string) => auth(await token(username)),
    async draft(unitCode: string, period = '2024-Q2') {
      const [item] = await t.db.query(`SELECT id, plan_id FROM plan_items WHERE assignable ORDER BY position LIMIT 1 OFFSET $1`, [
        itemOffset++,
      ]);
      const [a] = await t.db.query(
        `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on)
         SELECT $1, $2, u.id, 'lead', '2025-12-31', 'quarterly', '2024-01-15' FROM org_units u WHERE u.code = $3 RETURNING id`,
        [item.plan_id, item.id, unitCode],
      );
      const res = await t.http
        .post('/api/reports')
        .set(auth(await token(`${unitCode}-liaison`)))
        .send({ assignmentId: a.id, period, summary: '进展情况', progress: 30 });
      if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, assignmentId: a.id as string };
    },
  };
}

/** Every file under the storage directory (staging area included). */
function storedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A multipart body exactly as given (supertest's form-data would strip paths and escape quotes in the name). */
function multipartBody(filename: string, data: Buffer, encoded?: string): Buffer {
  return Buffer.concat([multipartHead(filename, 'file', encoded), data, MULTIPART_TAIL]);
}

let e: Env;
beforeAll(async () => {
  e = await makeEnv();
});
afterAll(() => e.t.close());

async function upload(username: string, reportId: string, data: Buffer, filename: string) {
  return e.t.http
    .post(`/api/reports/${reportId}/evidence`)
    .set(await e.as(username))
    .attach('file', data, filename);
}
/** The same, with the file name sent verbatim. */
async function uploadRaw(username: string, reportId: string, data: Buffer, filename: string, encoded?: string) {
  return e.t.http
    .post(`/api/reports/${reportId}/evidence`)
    .set(await e.as(username))
    .set('content-type', `multipart/form-data; boundary=${BOUNDARY}`)
    .send(multipartBody(filename, data, encoded));
}
async function evidenceCount(): Promise<number> {
  return Number((await e.t.db.query(`SELECT count(*) FROM evidence`))[0].count);
}

describe('evidence: fixtures', () => {
  it('should keep the committed fixture files equal to what their builders make', () => {
    for (const [name, build] of Object.entries(FIXTURES)) expect(sha256(fixture(name)), name).toBe(sha256(build()));
  });
});

describe('evidence: accepted types', () => {
  it('should accept every allowed kind, typed from its content, and keep the Chinese name', async () => {
    const report = await e.draft('forestry');
    const cases: [string, string, string, string][] = [
      ['forest-photo.jpg', '现场照片.JPG', 'image/jpeg', '现场照片.JPG'],
      ['chart.png', '造林面积统计图.png', 'image/png', '造林面积统计图.png'],
      ['image.webp', '航拍.webp', 'image/webp', '航拍.webp'],
      ['photo.heic', 'IMG_0001.HEIC', 'image/heic', 'IMG_0001.HEIC'],
      ['acceptance.pdf', '验收意见.pdf', 'application/pdf', '验收意见.pdf'],
      ['acceptance.ofd', '电子公文.ofd', 'application/ofd', '电子公文.ofd'],
      ['report.docx', '工作总结.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '工作总结.docx'],
      ['progress.doc', '进度表.wps', 'application/kswps', '进度表.wps'],
      ['ledger.et', '台账.et', 'application/kset', '台账.et'],
      ['video.mp4', '巡护视频.mp4', 'video/mp4', '巡护视频.mp4'],
      ['plain-photo.jpg', '无扩展名', 'image/jpeg', '无扩展名.jpg'],
      ['acceptance.pdf', '扫描件.bin', 'application/pdf', '扫描件.bin.pdf'],
    ];
    for (const [file, name, mime, kept] of cases) {
      const data = fixture(file);
      const extra = file === 'acceptance.pdf' && name === '扫描件.bin' ? Buffer.from('\n% another copy\n') : Buffer.alloc(0);
      const res = await upload('forestry-liaison', report.id, Buffer.concat([data, extra]), name);
      expect(res.status, `${file} as ${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body, file).toMatchObject({
        mimeType: mime,
        filename: kept,
        size: data.length + extra.length,
        sha256: sha256(Buffer.concat([data, extra])),
        withdrawn: false,
      });
      expect(res.body).not.toHaveProperty('storageKey');
    }
    const listed = await e.t.http
      .get(`/api/evidence?${q({ filter: { reportId: report.id }, range: [0, 49] })}`)
      .set(await e.as('forestry-leader'));
    expect(listed.body).toHaveLength(cases.length);
    expect(listed.headers['content-range']).toBe(`evidence 0-${cases.length - 1}/${cases.length}`);
  });

  it('should read the capture time and GPS position from a photo’s EXIF data', async () => {
    const report = await e.draft('forestry');
    const res = await upload('forestry-liaison', report.id, fixture('forest-photo.jpg'), '林场.jpg');
    expect(res.body.capturedAt).toBe('2024-05-28T02:21:33.000Z');
    expect(res.body.gps).toEqual({ lat: 27.815, lng: 114.39 });
    const plain = await upload('forestry-liaison', report.id, fixture('plain-photo.jpg'), '无EXIF.jpg');
    expect(plain.body).toMatchObject({ capturedAt: null, gps: null });
  });

  it('should stamp an upload with the business day (the demo clock), not the machine’s date', async () => {
    const report = await e.draft('forestry');
    const res = await upload('forestry-liaison', report.id, fixture('chart.png'), '按演示日上传.png');
    expect(res.status).toBe(201);
    const today = (await e.t.http.get('/api/settings/clock').set(await e.as('forestry-liaison'))).body.today as string;
    expect(today).not.toBe(todayInShanghai(new Date()));
    expect(todayInShanghai(new Date(res.body.createdAt as string))).toBe(today);
  });
});

describe('evidence: refused files', () => {
  it('should refuse a mislabelled or unaccepted file with 415 and leave neither a file nor a row', async () => {
    const report = await e.draft('forestry');
    const rows = await evidenceCount();
    const files = storedFiles(e.storageDir);
    const cases: [string, string, RegExp][] = [
      ['tool.exe.jpg', '现场照片.jpg', /可执行程序/],
      ['movie.mov', '视频.mp4', /QuickTime/],
      ['archive.zip', '材料.docx', /ZIP/],
      ['macro.docx', '宏.docx', /宏/],
      ['installer.msi', '说明.doc', /安装程序/],
      ['notes.txt', '说明.pdf', /无法识别/],
      ['acceptance.pdf', '照片.jpg', /扩展名 \.jpg 与内容不符/],
      ['forest-photo.jpg', '报告.docx', /扩展名 \.docx 与内容不符/],
    ];
    for (const [file, name, message] of cases) {
      const res = await upload('forestry-liaison', report.id, fixture(file), name);
      expect(res.status, `${file} as ${name}`).toBe(415);
      expect(res.body.message, file).toMatch(message);
    }
    expect(await evidenceCount()).toBe(rows);
    expect(storedFiles(e.storageDir)).toEqual(files);
  });

  it('should refuse an empty file, a missing file, a second file and a body that is not multipart with 400', async () => {
    const report = await e.draft('forestry');
    const rows = await evidenceCount();
    const files = storedFiles(e.storageDir);
    const liaison = await e.as('forestry-liaison');
    const empty = await upload('forestry-liaison', report.id, Buffer.alloc(0), '空.jpg');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/0 字节/);
    const none = await e.t.http.post(`/api/reports/${report.id}/evidence`).set(liaison).field('note', 'no file');
    expect(none.status).toBe(400);
    const wrongField = await e.t.http
      .post(`/api/reports/${report.id}/evidence`)
      .set(liaison)
      .attach('upload', fixture('chart.png'), 'chart.png');
    expect(wrongField.status).toBe(400);
    const two = await e.t.http
      .post(`/api/reports/${report.id}/evidence`)
      .set(liaison)
      .attach('file', fixture('chart.png'), 'a.png')
      .attach('file', fixture('forest-photo.jpg'), 'b.jpg');
    expect(two.status).toBe(400);
    const json = await e.t.http.post(`/api/reports/${report.id}/evidence`).set(liaison).send({ file: 'data' });
    expect(json.status).toBe(400);
    const broken = await e.t.http
      .post(`/api/reports/${report.id}/evidence`)
      .set(liaison)
      .set('content-type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n\r\n${'x'.repeat(100)}`);
    expect(broken.status).toBe(400);
    expect(await evidenceCount()).toBe(rows);
    expect(storedFiles(e.storageDir)).toEqual(files);
  });

  it('should refuse a path-traversing file name, and clean other names of paths and control characters while keeping the Chinese', async () => {
    const report = await e.draft('forestry');
    const rows = await evidenceCount();
    for (const name of ['../../etc/passwd.jpg', '..\\..\\windows\\win.ini.jpg', 'a/../../b.jpg']) {
      const res = await uploadRaw('forestry-liaison', report.id, fixture('forest-photo.jpg'), name);
      expect(res.status, name).toBe(400);
      expect(res.body.message).toMatch(/路径/);
    }
    expect(await evidenceCount()).toBe(rows);
    const encoded = await uploadRaw('forestry-liaison', report.id, fixture('forest-photo.jpg'), '', '../现场.jpg');
    expect(encoded.status).toBe(400);
    expect(await evidenceCount()).toBe(rows);
    // A raw control character in the part header is malformed multipart (400); percent-encoded ones are cleaned.
    expect((await uploadRaw('forestry-liaison', report.id, fixture('chart.png'), '图\u0007.png')).status).toBe(400);
    const cleaned: [string, string | undefined, string, string][] = [
      ['C:\\fakepath\\现场照片.jpg', undefined, 'forest-photo.jpg', '现场照片.jpg'],
      ['', '/home/user/验收\u0007意见\u202e\r\n.pdf', 'acceptance.pdf', '验收意见.pdf'],
      ['  ..隐藏.png  ', undefined, 'chart.png', '隐藏.png'],
      ['', 'D:\\资料\\2024年\\造林\u0000台账.et', 'ledger.et', '造林台账.et'],
    ];
    for (const [name, encodedName, file, kept] of cleaned) {
      const res = await uploadRaw('forestry-liaison', report.id, fixture(file), name, encodedName);
      expect(res.status, name).toBe(201);
      expect(res.body.filename).toBe(kept);
    }
  });
});

describe('evidence: the same file, withdrawal and download', () => {
  it('should store the same file twice on one report only once and return the existing record', async () => {
    const report = await e.draft('forestry');
    const first = await upload('forestry-liaison', report.id, fixture('acceptance.pdf'), '验收意见.pdf');
    const files = storedFiles(e.storageDir).length;
    const second = await upload('forestry-liaison', report.id, fixture('acceptance.pdf'), '验收意见（副本）.pdf');
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.filename).toBe('验收意见.pdf');
    expect(storedFiles(e.storageDir).length).toBe(files);
    const other = await e.draft('forestry');
    expect((await upload('forestry-liaison', other.id, fixture('acceptance.pdf'), '验收意见.pdf')).status).toBe(201);
  });

  it('should withdraw evidence from a draft while keeping its file and record, and bring it back when uploaded again', async () => {
    const report = await e.draft('forestry');
    const up = await upload('forestry-liaison', report.id, fixture('chart.png'), '统计图.png');
    const liaison = await e.as('forestry-liaison');
    const withdrawn = await e.t.http.delete(`/api/evidence/${up.body.id}`).set(liaison);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: up.body.id, withdrawn: true, version: 2 });
    expect(todayInShanghai(new Date(withdrawn.body.withdrawnAt))).toBe('2024-06-03'); // the clock's business day
    expect((await e.t.http.delete(`/api/evidence/${up.body.id}`).set(liaison)).status).toBe(409);
    const content = await e.t.http.get(`/api/evidence/${up.body.id}/content`).set(liaison).buffer(true);
    expect(content.status).toBe(200);
    expect(sha256(content.body as Buffer)).toBe(up.body.sha256);
    const shown = await e.t.http.get(`/api/reports/${report.id}`).set(liaison);
    expect(shown.body.evidence).toEqual([expect.objectContaining({ id: up.body.id, withdrawn: true })]);
    const again = await upload('forestry-liaison', report.id, fixture('chart.png'), '统计图.png');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: up.body.id, withdrawn: false, version: 3 });
    const actions = await e.t.db.query(`SELECT action FROM audit_events WHERE entity = 'Evidence' AND entity_id = $1 ORDER BY seq`, [
      up.body.id,
    ]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['upload', 'withdraw', 'restore']);
  });

  it('should take no evidence and withdraw none once the report is submitted (409)', async () => {
    const report = await e.draft('forestry');
    const up = await upload('forestry-liaison', report.id, fixture('forest-photo.jpg'), '照片.jpg');
    await e.t.http
      .post(`/api/reports/${report.id}/submit`)
      .set(await e.as('forestry-liaison'))
      .send({ version: 1 });
    const rows = await evidenceCount();
    const files = storedFiles(e.storageDir);
    expect((await upload('forestry-liaison', report.id, fixture('chart.png'), '图.png')).status).toBe(409);
    expect((await e.t.http.delete(`/api/evidence/${up.body.id}`).set(await e.as('forestry-liaison'))).status).toBe(409);
    expect(await evidenceCount()).toBe(rows);
    expect(storedFiles(e.storageDir)).toEqual(files);
    // Returned: it takes evidence again.
    await e.t.http
      .post(`/api/reports/${report.id}/return`)
      .set(await e.as('forestry-leader'))
      .send({ version: 2, comment: '照片不清楚' });
    expect((await upload('forestry-liaison', report.id, fixture('chart.png'), '图.png')).status).toBe(201);
  });

  it('should serve the file as an attachment with its RFC 5987 name, nosniff and its content type', async () => {
    const report = await e.draft('forestry');
    const up = await upload('forestry-liaison', report.id, fixture('forest-photo.jpg'), "林场(现场)'照片' 1.jpg");
    const res = await e.t.http
      .get(`/api/evidence/${up.body.id}/content`)
      .set(await e.as('forestry-leader'))
      .buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__(__)'__' 1.jpg"; filename*=UTF-8''%E6%9E%97%E5%9C%BA%28%E7%8E%B0%E5%9C%BA%29%27%E7%85%A7%E7%89%87%27%201.jpg`,
    );
    expect(res.headers['content-length']).toBe(String(fixture('forest-photo.jpg').length));
    expect(Buffer.compare(res.body as Buffer, fixture('forest-photo.jpg'))).toBe(0);
  });
});

describe('evidence: scoping', () => {
  it('should not show, serve, take or withdraw evidence of another unit (404), nor a draft’s to the office or inspectors', async () => {
    const report = await e.draft('forestry');
    const up = await upload('forestry-liaison', report.id, fixture('forest-photo.jpg'), '照片.jpg');
    const id = up.body.id;
    for (const who of ['water-resources-liaison', 'water-resources-leader', 'inspector1', 'office']) {
      const h = await e.as(who);
      expect((await e.t.http.get(`/api/evidence/${id}`).set(h)).status, who).toBe(404);
      expect((await e.t.http.get(`/api/evidence/${id}/content`).set(h)).status, who).toBe(404);
      const list = await e.t.http.get(`/api/evidence?${q({ filter: { reportId: report.id } })}`).set(h);
      expect(list.body, who).toEqual([]);
      expect(list.headers['content-range']).toBe('evidence 0-0/0');
    }
    const rows = await evidenceCount();
    expect((await e.t.http.delete(`/api/evidence/${id}`).set(await e.as('water-resources-liaison'))).status).toBe(404);
    expect((await upload('water-resources-liaison', report.id, fixture('chart.png'), '图.png')).status).toBe(404);
    expect((await upload('forestry-leader', report.id, fixture('chart.png'), '图.png')).status).toBe(403);
    expect((await upload('inspector1', report.id, fixture('chart.png'), '图.png')).status).toBe(403);
    expect((await e.t.http.delete(`/api/evidence/${id}`).set(await e.as('forestry-leader'))).status).toBe(403);
    expect(await evidenceCount()).toBe(rows);
    // Once submitted, the office and inspectors see it too.
    await e.t.http
      .post(`/api/reports/${report.id}/submit`)
      .set(await e.as('forestry-liaison'))
      .send({ version: 1 });
    expect((await e.t.http.get(`/api/evidence/${id}/content`).set(await e.as('inspector1'))).status).toBe(200);
    expect((await e.t.http.get(`/api/evidence/${id}`).set(await e.as('water-resources-liaison'))).status).toBe(404);
  });
});

describe('evidence: streaming', () => {
  it('should leave neither a file nor a row when the client cuts the upload off mid-stream', async () => {
    const report = await e.draft('forestry');
    const rows = await evidenceCount();
    const before = storedFiles(e.storageDir);
    const head = multipartHead('中断.jpg');
    const body = 8 * 1024 * 1024;
    const { req, response } = rawUpload(e.port, await e.token('forestry-liaison'), report.id, {
      contentLength: head.length + body + MULTIPART_TAIL.length,
    });
    response.catch(() => undefined);
    req.on('error', () => undefined);
    await write(req, head);
    await write(req, fixture('forest-photo.jpg').subarray(0, 400));
    const filler = Buffer.alloc(256 * 1024, 0x5a);
    for (let sent = 400; sent < 3 * 1024 * 1024; sent += filler.length) await write(req, filler);
    // The upload is being staged (a partial file exists) when the client goes away.
    await waitFor(() => storedFiles(e.storageDir).some((f) => f.endsWith('.part') && statSync(f).size > 0), 'the staging file');
    req.destroy();
    await waitFor(() => storedFiles(e.storageDir).length === before.length, 'the staging file to be removed');
    expect(storedFiles(e.storageDir)).toEqual(before);
    expect(await evidenceCount()).toBe(rows);
    // The server is fine afterwards.
    expect((await upload('forestry-liaison', report.id, fixture('forest-photo.jpg'), '照片.jpg')).status).toBe(201);
  });

  it('should refuse a file over the limit with 413, by its declared length or while it streams, leaving nothing behind', async () => {
    const small = await makeEnv({ UPLOAD_MAX_BYTES: String(512 * 1024) });
    try {
      const report = await small.draft('forestry');
      const liaison = await small.token('forestry-liaison');
      const big = Buffer.concat([fixture('forest-photo.jpg').subarray(0, 400), Buffer.alloc(600 * 1024, 1)]);
      const declared = await small.t.http.post(`/api/reports/${report.id}/evidence`).set(auth(liaison)).attach('file', big, '大.jpg');
      expect(declared.status).toBe(413);
      expect(declared.body.message).toMatch(/512 KB/);

      // Chunked: no length declared, so the limit must be enforced on the bytes as they arrive.
      const { req, response } = rawUpload(small.port, liaison, report.id, {});
      await write(req, multipartHead('大.jpg'));
      await write(req, fixture('forest-photo.jpg').subarray(0, 400));
      const filler = Buffer.alloc(64 * 1024, 7);
      let sent = 400;
      let answered = false;
      void response.then(() => (answered = true));
      while (!answered && sent < 4 * 1024 * 1024) {
        await write(req, filler);
        sent += filler.length;
      }
      if (!answered) {
        await write(req, MULTIPART_TAIL);
        req.end();
      }
      const res = await response;
      expect(res.statusCode).toBe(413);
      expect(JSON.parse(res.text)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      req.destroy();
      expect(Number((await small.t.db.query(`SELECT count(*) FROM evidence`))[0].count)).toBe(0);
      await waitFor(() => storedFiles(small.storageDir).length === 0, 'nothing to be left in storage');

      // Just under the limit is fine.
      const fits = Buffer.concat([fixture('forest-photo.jpg').subarray(0, 400), Buffer.alloc(512 * 1024 - 400, 1)]);
      expect(
        (await small.t.http.post(`/api/reports/${report.id}/evidence`).set(auth(liaison)).attach('file', fits, '正好.jpg')).status,
      ).toBe(201);
    } finally {
      await small.t.close();
    }
  });

  it('should obey the upload limit the admin sets through PUT /api/settings, for declared and streamed sizes', async () => {
    const admin = await e.as('admin');
    const report = await e.draft('forestry');
    const liaison = await e.token('forestry-liaison');
    const photo = fixture('forest-photo.jpg');
    const sized = (n: number) => Buffer.concat([photo, Buffer.alloc(n - photo.length, 1)]);
    const before = (await e.t.http.get('/api/settings').set(admin)).body;
    const limit = 256 * 1024;
    expect(before.uploadMaxBytes).toBeGreaterThan(limit * 4);
    const put = await e.t.http.put('/api/settings').set(admin).send({ version: before.version, uploadMaxBytes: limit });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    try {
      const rows = await evidenceCount();
      // Declared by Content-Length: refused before the body is read.
      const declared = await e.t.http
        .post(`/api/reports/${report.id}/evidence`)
        .set(auth(liaison))
        .attach('file', sized(limit * 2), '超限.jpg');
      expect(declared.status).toBe(413);
      expect(declared.body.message).toBe('文件超过上传上限 256 KB');
      // Within the multipart slack of the declared check, so it is the streamed count that refuses it.
      const streamed = await e.t.http
        .post(`/api/reports/${report.id}/evidence`)
        .set(auth(liaison))
        .attach('file', sized(limit + 1024), '略超.jpg');
      expect(streamed.status).toBe(413);
      expect(await evidenceCount()).toBe(rows);
      const fits = await e.t.http.post(`/api/reports/${report.id}/evidence`).set(auth(liaison)).attach('file', sized(limit), '正好.jpg');
      expect(fits.status, JSON.stringify(fits.body)).toBe(201);
    } finally {
      const now = (await e.t.http.get('/api/settings').set(admin)).body;
      await e.t.http.put('/api/settings').set(admin).send({ version: now.version, uploadMaxBytes: before.uploadMaxBytes });
    }
  });

  it('should stream a 100 MB upload to storage as it arrives (on disk before the body ends), with the right sha256 both ways', async () => {
    const report = await e.draft('forestry');
    const total = 100 * 1024 * 1024;
    const head = multipartHead('巡护录像.mp4');
    const { req, response } = rawUpload(e.port, await e.token('forestry-liaison'), report.id, {
      contentLength: head.length + total + MULTIPART_TAIL.length,
    });
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
    const first = Buffer.from(chunk);
    fixture('video.mp4').subarray(0, 24).copy(first, 0);
    const staged = () => storedFiles(e.storageDir).reduce((n, f) => n + statSync(f).size, 0);
    const before = staged();
    await write(req, head);
    for (let sent = 0; sent < total; sent += chunk.length) {
      const part = sent === 0 ? first : chunk;
      hash.update(part);
      await write(req, part);
      // Half-way through, more than a third of the file is already in the storage's staging area: a server that
      // buffered the body in memory would have written nothing yet.
      if (sent === total / 2) await waitFor(() => staged() - before > total / 3, 'the first half of the upload on disk');
    }
    await write(req, MULTIPART_TAIL);
    req.end();
    const res = await response;
    expect(res.statusCode, res.text).toBe(201);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ size: total, sha256: hash.digest('hex'), mimeType: 'video/mp4' });

    const got = await new Promise<{ hash: string; size: number }>((resolve, reject) => {
      const h = createHash('sha256');
      let size = 0;
      void e.token('forestry-liaison').then((token) =>
        httpRequest({ host: '127.0.0.1', port: e.port, path: `/api/evidence/${body.id}/content`, headers: auth(token) }, (r) => {
          r.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
          });
          r.on('end', () => resolve({ hash: h.digest('hex'), size }));
          r.on('error', reject);
        }).end(),
      );
    });
    expect(got).toEqual({ hash: body.sha256, size: total });
  });
});

describe('evidence: storage reconciled at start', () => {
  it('should move a file that has no row aside at start, and keep every row and its file', async () => {
    const report = await e.draft('forestry');
    const kept = await upload('forestry-liaison', report.id, fixture('chart.png'), '图表.png');
    expect(kept.status).toBe(201);
    const [{ storage_key: keptKey }] = await e.t.db.query(`SELECT storage_key FROM evidence WHERE id = $1`, [kept.body.id]);
    const rows = await evidenceCount();
    // What a crash between the rename into place and the commit leaves: a file under a real key, with no row.
    const orphanKey = `${randomUUID()}/ab/${randomUUID()}`;
    mkdirSync(join(e.storageDir, dirname(orphanKey)), { recursive: true });
    writeFileSync(join(e.storageDir, orphanKey), fixture('forest-photo.jpg'));

    const restarted = await createApp(testConfig({ STORAGE_DIR: e.storageDir }), e.t.databaseUrl);
    await restarted.init();
    try {
      expect(existsSync(join(e.storageDir, orphanKey))).toBe(false);
      expect(existsSync(join(e.storageDir, '.unreferenced', orphanKey.replace(/\//g, '_')))).toBe(true);
      expect(existsSync(join(e.storageDir, keptKey))).toBe(true);
      expect(await evidenceCount()).toBe(rows);
      const download = await request(restarted.getHttpServer())
        .get(`/api/evidence/${kept.body.id}/content`)
        .set(await e.as('forestry-liaison'));
      expect(download.status).toBe(200);
      expect(sha256(download.body as Buffer)).toBe(kept.body.sha256);
    } finally {
      await restarted.close();
    }
  });
});

describe('evidence: the audit chain', () => {
  it('should audit an upload and a withdrawal, each in its event, and still verify', async () => {
    const report = await e.draft('forestry');
    const up = await upload('forestry-liaison', report.id, fixture('chart.png'), '审计用统计图.png');
    expect(up.status).toBe(201);
    expect((await e.t.http.delete(`/api/evidence/${up.body.id}`).set(await e.as('forestry-liaison'))).status).toBe(200);
    const events = await e.t.db.query(`SELECT action FROM audit_events WHERE entity = 'Evidence' AND entity_id = $1 ORDER BY seq`, [
      up.body.id,
    ]);
    expect(events.map((ev: { action: string }) => ev.action)).toEqual(['upload', 'withdraw']);
    const res = await e.t.http.get('/api/audit-events/verify').set(await e.as('admin'));
    expect(res.body).toMatchObject({ ok: true, firstBadId: null });
  });
});
