import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app';

const fixtures = resolve(__dirname, '../fixtures/plan-documents');
const yichun = readFileSync(resolve(__dirname, '../../seeds/yichun-eco-plan-2021-2025.txt'), 'utf8');
const sample = readFileSync(resolve(fixtures, 'ok/sample-plan.txt'), 'utf8');

let t: TestApp;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
const snapshot = async () => ({ plans: await count('plans'), items: await count('plan_items'), events: await count('audit_events') });

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
});
afterAll(() => t.close());

describe('the seeded Yichun plan', () => {
  it('should be imported and published with its columns, projects, indicators and glossary', async () => {
    const plans = await t.http.get('/api/plans').set(auth(office));
    expect(plans.body).toHaveLength(1);
    const plan = plans.body[0];
    expect(plan).toMatchObject({ code: expect.any(String), status: 'published', periodStart: '2021-01-01', periodEnd: '2025-12-31' });
    expect(plan.title).toContain('宜春市');
    const columns = await t.http
      .get(`/api/plan-items?${q({ filter: { planId: plan.id, kind: 'column' }, range: [0, 99] })}`)
      .set(auth(office));
    expect(columns.body.map((c: { number: string }) => c.number)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
    const projects = await t.http
      .get(`/api/plan-items?${q({ filter: { planId: plan.id, kind: 'project' }, range: [0, 0] })}`)
      .set(auth(office));
    expect(projects.headers['content-range']).toMatch(/\/29$/);
    const c4 = columns.body.find((c: { number: string }) => c.number === 'C4');
    const children = await t.http.get(`/api/plan-items?${q({ filter: { parentId: c4.id } })}`).set(auth(office));
    expect(children.body.every((p: { kind: string; number: string }) => p.kind === 'project' && p.number.startsWith('C4.'))).toBe(true);
    const indicators = await t.http.get(`/api/indicators?${q({ filter: { planId: plan.id }, range: [0, 199] })}`).set(auth(office));
    expect(new Set(indicators.body.map((i: { number: number }) => i.number)).size).toBe(20);
    expect(indicators.body.some((i: { binding: boolean }) => i.binding)).toBe(true);
    expect(typeof indicators.body.find((i: { baseline: number | null }) => i.baseline !== null).baseline).toBe('number');
    const glossary = await t.http.get(`/api/glossary-terms?${q({ filter: { planId: plan.id }, range: [0, 199] })}`).set(auth(office));
    expect(glossary.body.length).toBeGreaterThan(0);
    expect(glossary.body.some((g: { itemIds: string[] }) => g.itemIds.length > 0)).toBe(true);
  });

  it('should find items by Chinese text, with their milestones, targets and counties', async () => {
    const liaison = await t.login('forestry-liaison');
    const res = await t.http.get(`/api/plan-items?${q({ filter: { q: '松材线虫' } })}`).set(auth(liaison));
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((i: { title: string; body: string }) => `${i.title}${i.body}`.includes('松材线虫'))).toBe(true);
    const dated = await t.db.query(`SELECT milestones FROM plan_items WHERE jsonb_array_length(milestones) > 0 LIMIT 1`);
    expect(dated[0].milestones[0].date).toMatch(/^20\d\d-\d\d-\d\d$/);
    const targets = await t.db.query(`SELECT targets FROM plan_items WHERE targets @> '[{"unit":"万亩"}]'`);
    expect(targets.length).toBeGreaterThan(0);
    const yuanzhou = (await t.db.query(`SELECT id FROM org_units WHERE code = 'yuanzhou'`))[0].id;
    const local = await t.http.get(`/api/plan-items?${q({ filter: { orgUnitId: yuanzhou } })}`).set(auth(liaison));
    expect(local.body.length).toBeGreaterThan(0);
  });
});

describe('import', () => {
  it('should change nothing when the same document is imported again, as text or as a GB18030 file', async () => {
    const before = await snapshot();
    const ids = await t.db.query(`SELECT id, version FROM plan_items ORDER BY id`);
    const again = await t.http.post('/api/plans/import').set(auth(office)).send({ text: yichun });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ created: false, added: [], removed: [], changed: [] });
    expect(again.body.counts.projects).toBe(29);
    const gbk = await t.http.post('/api/plans/import').set(auth(office)).attach('file', iconv.encode(yichun, 'gb18030'), '宜春规划.txt');
    expect(gbk.status).toBe(201);
    expect(gbk.body).toMatchObject({ created: false, encoding: 'gb18030', added: [], removed: [], changed: [] });
    expect(await snapshot()).toEqual(before);
    expect(await t.db.query(`SELECT id, version FROM plan_items ORDER BY id`)).toEqual(ids);
  });

  it('should read the official .docx form through the same parser', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const doc = new Document({ sections: [{ children: yichun.split('\n').map((line) => new Paragraph(line)) }] });
    const res = await t.http
      .post('/api/plans/import')
      .set(auth(office))
      .attach('file', await Packer.toBuffer(doc), '宜春市“十四五”生态环境保护规划.docx');
    expect(res.status).toBe(201);
    expect(res.body.encoding).toBe('docx');
    expect(res.body.created).toBe(false);
    expect(res.body.counts).toMatchObject({ columns: 9, projects: 29 });
    expect(res.body.added).toEqual([]);
    expect(res.body.removed).toEqual([]);
  });

  it('should import a new plan as a draft, then update it in place and say what changed', async () => {
    const first = await t.http.post('/api/plans/import').set(auth(office)).send({ text: sample });
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.plan.status).toBe('draft');
    const planId = first.body.plan.id;
    const lines = sample.split('\n');
    const lineOf = (title: string) => lines.find((l) => l.trimStart().startsWith(title));
    const measures = await t.db.query(
      `SELECT id, kind, number, title FROM plan_items WHERE plan_id = $1 AND kind = 'measure' ORDER BY position`,
      [planId],
    );
    // Measures whose paragraph is one line (no footnote breaking it), so the test can edit it as text.
    const items = measures.filter((m: { title: string }) => lineOf(m.title));
    expect(items.length).toBeGreaterThan(1);
    // Edit one measure's body text and drop another measure's paragraph.
    const [kept, dropped] = items;
    const keptLine = lineOf(kept.title)!;
    const droppedLine = lineOf(dropped.title)!;
    const revised = sample.replace(keptLine, `${keptLine}新增一句要求。`).replace(`${droppedLine}\n`, '');
    const second = await t.http.post('/api/plans/import').set(auth(office)).send({ text: revised });
    expect(second.status).toBe(201);
    expect(second.body.created).toBe(false);
    expect(second.body.plan.id).toBe(planId);
    expect(second.body.changed.map((r: { title: string }) => r.title)).toContain(kept.title);
    expect(second.body.removed.map((r: { title: string }) => r.title)).toContain(dropped.title);
    const keptNow = await t.db.query(`SELECT id, body, version FROM plan_items WHERE id = $1`, [kept.id]);
    expect(keptNow[0].body).toContain('新增一句要求');
    expect(keptNow[0].version).toBe(2);
  });

  it('should let the office publish a draft once, and hide drafts from liaisons', async () => {
    const res = await t.http
      .post('/api/plans/import')
      .set(auth(office))
      .send({ text: sample.replace(/示例/g, '样例') });
    const planId = res.body.plan.id as string;
    const liaison = await t.login('forestry-liaison');
    expect((await t.http.get(`/api/plans/${planId}`).set(auth(liaison))).status).toBe(404);
    expect((await t.http.post(`/api/plans/${planId}/publish`).set(auth(liaison)).send({})).status).toBe(403);
    const published = await t.http.post(`/api/plans/${planId}/publish`).set(auth(office)).send({});
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect((await t.http.post(`/api/plans/${planId}/publish`).set(auth(office)).send({})).status).toBe(409);
    expect((await t.http.get(`/api/plans/${planId}`).set(auth(liaison))).status).toBe(200);
  });
});

describe('import: bad input', () => {
  it('should refuse a leader or liaison (403) and write nothing', async () => {
    const before = await snapshot();
    for (const who of ['forestry-liaison', 'forestry-leader', 'inspector1']) {
      const res = await t.http
        .post('/api/plans/import')
        .set(auth(await t.login(who)))
        .send({ text: sample });
      expect(res.status, who).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('should refuse files that are not plans with a 4xx and the problems, and write nothing', async () => {
    const before = await snapshot();
    const binary = await t.http
      .post('/api/plans/import')
      .set(auth(office))
      .attach('file', readFileSync(resolve(fixtures, 'not-ok/binary.bin')), 'x.txt');
    expect(binary.status).toBe(415);
    expect(binary.body.problems.length).toBeGreaterThan(0);
    const empty = await t.http.post('/api/plans/import').set(auth(office)).attach('file', Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
    // Each broken fixture has an error the parser must name: a warning alone would let it be imported.
    const broken = {
      'no-chapters.txt': '未找到任何“第X章”章标题',
      'truncated-mid-table.txt': '文件可能被截断',
      'duplicate-columns.txt': '编号重复',
    };
    for (const [name, reason] of Object.entries(broken)) {
      const res = await t.http
        .post('/api/plans/import')
        .set(auth(office))
        .attach('file', readFileSync(resolve(fixtures, 'not-ok', name)), name);
      expect(res.status, name).toBe(400);
      expect(res.body.message, name).toContain(reason);
      const errors = res.body.problems.filter((p: { severity: string }) => p.severity === 'error');
      expect(
        errors.some((p: { message: string }) => p.message.includes(reason)),
        name,
      ).toBe(true);
    }
    const notPlan = await t.http.post('/api/plans/import').set(auth(office)).send({ text: '这只是一段普通的文字，没有任何章节。' });
    expect(notPlan.status).toBe(400);
    expect(notPlan.body.problems[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('章标题') });
    const both = await t.http.post('/api/plans/import').set(auth(office)).field('text', 'x').attach('file', Buffer.from('x'), 'a.txt');
    expect(both.status).toBe(400);
    expect(both.body.message).toBe('file 与 text 只能二选一');
    const neither = await t.http.post('/api/plans/import').set(auth(office)).send({});
    expect(neither.status).toBe(400);
    expect(neither.body.message).toContain('请上传 file');
    expect(await snapshot()).toEqual(before);
  });

  it('should answer 413 for a file over the limit and write nothing', async () => {
    const before = await snapshot();
    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    const res = await t.http.post('/api/plans/import').set(auth(office)).attach('file', big, 'big.txt');
    expect(res.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });
});

describe('import: long and slow documents', () => {
  // Each heading repeats the first chapter's number: an error the parser only finds after reading the whole text.
  const repeated = (n: number) => '第一章\n'.repeat(n);

  it('should keep answering GET /api/health while a long document is parsed, then refuse it (400) and write nothing', async () => {
    const before = await snapshot();
    const text = repeated(85_000); // just under the 1 MB JSON body limit
    const server = t.app.getHttpServer();
    const order: string[] = [];
    const importing = new Promise<{ status: number; body: { message: string } }>((resolve, reject) => {
      const req = t.http.post('/api/plans/import').set(auth(office)).send({ text });
      req.then((res) => {
        order.push('import');
        resolve(res);
      }, reject);
    });
    // Asked once the import is being worked on: with the parse on the main thread it would wait behind it.
    await new Promise((r) => setTimeout(r, 300));
    const health = await request(server).get('/api/health');
    order.push('health');
    expect(health.status).toBe(200);
    const imported = await importing;
    expect(imported.status).toBe(400);
    expect(imported.body.message).toMatch(/^不是可导入的规划文件：编号重复/);
    expect(order).toEqual(['health', 'import']);
    expect(await snapshot()).toEqual(before);
  });

  it('should refuse a document that takes longer than PLAN_PARSE_TIMEOUT_MS with 422 in Chinese, and still serve after it', async () => {
    const slow = await createTestApp({ PLAN_PARSE_TIMEOUT_MS: '100' });
    try {
      const token = await slow.login('office');
      const events = async () => Number((await slow.db.query(`SELECT count(*) AS n FROM audit_events`))[0].n);
      const before = await events();
      const res = await slow.http
        .post('/api/plans/import')
        .set(auth(token))
        .send({ text: repeated(85_000) });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('规划文件过于复杂，0.1 秒内未能读完，已停止解析；请确认上传的是规划正文，或拆分后再导入');
      expect(await events()).toBe(before);
      const small = await slow.http.post('/api/plans/import').set(auth(token)).send({ text: '' });
      expect(small.status).toBe(400);
      expect((await slow.http.get('/api/health')).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('should read an uploaded file off the main thread within PLAN_PARSE_TIMEOUT_MS: a file too slow to decode is a 422 in words', async () => {
    const slow = await createTestApp({ PLAN_PARSE_TIMEOUT_MS: '10' });
    try {
      const token = await slow.login('office');
      const before = Number((await slow.db.query(`SELECT count(*) AS n FROM plans`))[0].n);
      // 4,000,000 characters of GB18030 (8 MB): not UTF-8, so it is decoded the slow way.
      const file = iconv.encode('第一章 总则\n'.repeat(500_000), 'gb18030');
      for (const lang of ['zh', 'en']) {
        const res = await slow.http
          .post('/api/plans/import')
          .set(auth(token))
          .set('accept-language', lang)
          .attach('file', file, 'plan.txt');
        expect(res.status).toBe(422);
        expect(res.body.message).toBe(
          lang === 'zh'
            ? '规划文件过大或过于复杂，0.01 秒内未能读出其中的文字，已停止读取；请确认上传的是规划正文，或拆分后再导入'
            : "the plan file is too large or complex to read its text within 0.01 s, so reading stopped; check that it is the plan's text, or split it and import the parts",
        );
      }
      expect(Number((await slow.db.query(`SELECT count(*) AS n FROM plans`))[0].n)).toBe(before);
      expect((await slow.http.get('/api/health')).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('should refuse a text over 5,000,000 characters with 413 in Chinese before parsing it, and write nothing', async () => {
    const before = await snapshot();
    const file = Buffer.from(repeated(1_250_001), 'utf8'); // 5,000,004 characters in 12.5 MB, under the file limit
    const res = await t.http.post('/api/plans/import').set(auth(office)).attach('file', file, 'long.txt');
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('规划文本共 5000004 字，超过可导入的上限 5000000 字');
    expect(await snapshot()).toEqual(before);
  });
});
