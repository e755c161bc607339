import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
let admin: string;
let assignment: { id: string; version: number };
let item: string;
let unit: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const state = async () =>
  (
    await t.db.query(
      `SELECT (SELECT count(*) FROM assignments) AS assignments, (SELECT count(*) FROM users) AS users,
              (SELECT count(*) FROM audit_events) AS events, (SELECT max(version) FROM assignments) AS versions`,
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  admin = await t.login('admin');
  const planId = (await t.http.get('/api/plans').set(auth(office))).body[0].id as string;
  const items = await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND assignable ORDER BY position LIMIT 2`, [planId]);
  unit = (await t.db.query(`SELECT id FROM org_units WHERE code = 'forestry'`))[0].id as string;
  const made = await t.http
    .post(`/api/plan-items/${items[0].id}/decompose`)
    .set(auth(office))
    .send({ assignments: [{ orgUnitId: unit, role: 'lead' }] });
  expect(made.status).toBe(200);
  const row = (await t.db.query(`SELECT id, version FROM assignments WHERE plan_item_id = $1`, [items[0].id]))[0];
  assignment = { id: row.id, version: row.version };
  item = items[1].id;
});
afterAll(() => t.close());

describe('null where a value is required', () => {
  it('should refuse PUT /api/assignments/:id with deadline null, deadline 1e309 or milestones null as a 400 naming the field, writing nothing', async () => {
    const before = await state();
    const bodies: [string, string][] = [
      ['{"deadline": null}', '截止日期'],
      ['{"deadline": 1e309}', '截止日期'],
      ['{"milestones": null}', '阶段节点'],
    ];
    for (const [fields, label] of bodies) {
      const body = `{"version": ${assignment.version}, ${fields.slice(1)}`;
      const res = await t.http
        .put(`/api/assignments/${assignment.id}`)
        .set(auth(office))
        .set('content-type', 'application/json')
        .send(body);
      expect(res.status, body).toBe(400);
      expect(res.body.message, body).toContain(label);
    }
    expect(await state()).toEqual(before);
  });

  it('should refuse a decomposition whose assignment has deadline null or milestones null as a 400 naming the field, writing nothing', async () => {
    const before = await state();
    for (const [entry, label] of [
      [{ deadline: null }, '截止日期'],
      [{ milestones: null }, '阶段节点'],
    ] as const) {
      const res = await t.http
        .post(`/api/plan-items/${item}/decompose`)
        .set(auth(office))
        .send({ assignments: [{ orgUnitId: unit, role: 'lead', ...entry }] });
      expect(res.status, JSON.stringify(entry)).toBe(400);
      expect(res.body.message).toContain(label);
    }
    expect(await state()).toEqual(before);
  });
});

describe('e-mail addresses the validator cannot read', () => {
  it('should refuse POST and PUT /api/users with an e-mail holding a lone surrogate as a 400 naming the e-mail, writing nothing', async () => {
    const before = await state();
    const created = await t.http.post('/api/users').set(auth(admin)).send({
      username: 'surrogate-mail',
      displayName: '测试',
      role: 'liaison',
      orgUnitId: unit,
      password: 'long-enough-1',
      email: 'a\ud800@b.cn',
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toBe('电子邮箱含有无效的 Unicode 字符（不成对的代理项）');
    const user = (await t.db.query(`SELECT id, version FROM users WHERE username = 'forestry-liaison'`))[0];
    const updated = await t.http.put(`/api/users/${user.id}`).set(auth(admin)).send({ version: user.version, email: 'a\ud800@b.cn' });
    expect(updated.status).toBe(400);
    expect(updated.body.message).toContain('电子邮箱');
    expect(await state()).toEqual(before);
  });
});

const CHINESE = /[\u4e00-\u9fff]/;

/** Sends raw bytes to the app's own server (supertest would re-encode a body it was given as a Buffer). */
async function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; json: { message?: string } }> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('text PostgreSQL cannot store', () => {
  it('should refuse a NUL byte at log-in, in a list filter and in a report return comment as a 400 naming the field, writing nothing', async () => {
    const before = await state();
    const login = await t.http.post('/api/auth/login').send({ username: 'office\u0000', password: 'x' });
    expect(login.status).toBe(400);
    expect(login.body.message).toBe('用户名含有空字符（U+0000），不能保存');
    const filter = await t.http.get(`/api/assignments?filter=${encodeURIComponent(JSON.stringify({ q: 'a\u0000b' }))}`).set(auth(office));
    expect(filter.status).toBe(400);
    expect(filter.body.message).toBe('筛选条件的搜索含有空字符（U+0000），不能保存');
    const english = await t.http
      .get(`/api/assignments?filter=${encodeURIComponent(JSON.stringify({ q: 'a\u0000b' }))}`)
      .set(auth(office))
      .set('accept-language', 'en');
    expect(english.body.message).toBe('Filter: Search contains a NUL character (U+0000), which cannot be stored');
    const report = '00000000-0000-4000-8000-000000000000';
    const comment = await t.http.post(`/api/reports/${report}/return`).set(auth(office)).send({ version: 1, comment: '退回\u0000' });
    expect(comment.status).toBe(400);
    expect(comment.body.message).toBe('意见含有空字符（U+0000），不能保存');
    expect(await state()).toEqual(before);
  });

  it('should refuse a NUL byte inside a nested field and inside a property name, naming where it is', async () => {
    const res = await t.http
      .put(`/api/assignments/${assignment.id}`)
      .set(auth(office))
      .send({
        version: assignment.version,
        milestones: [
          { date: '2024-12-31', text: 'ok' },
          { date: '2024-12-31', text: 'x\u0000' },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('阶段节点第 2 项的文本含有空字符（U+0000），不能保存');
    const key = await t.http.post('/api/auth/login').send({ username: 'office', password: 'x', ['a\u0000']: 1 });
    expect(key.status).toBe(400);
    expect(key.body.message).toBe('a\u0000含有空字符（U+0000），不能保存');
  });
});

describe('messages that name what is wrong, in Chinese or English', () => {
  const cases: {
    name: string;
    send: (lang: string) => Promise<{ status: number; message?: string }>;
    status: number;
    zh: string;
    en: string;
  }[] = [
    {
      name: 'a null body',
      send: async (lang) => {
        const r = await t.http.post('/api/auth/login').set('accept-language', lang).set('content-type', 'application/json').send('null');
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '请求体必须是 JSON 对象',
      en: 'the request body must be a JSON object',
    },
    {
      name: 'a body that is not JSON',
      send: async (lang) => {
        const r = await t.http
          .post('/api/auth/login')
          .set('accept-language', lang)
          .set('content-type', 'application/json')
          .send('{"username":');
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '请求体不是合法的 JSON',
      en: 'the request body is not valid JSON',
    },
    {
      name: 'a gzip body that is not gzip',
      send: async (lang) => {
        const r = await raw(
          'POST',
          '/api/auth/login',
          { 'content-type': 'application/json', 'content-encoding': 'gzip', 'accept-language': lang },
          Buffer.from('{"username":"office"}'),
        );
        return { status: r.status, message: r.json.message };
      },
      status: 400,
      zh: '请求体按其 Content-Encoding 解压失败（数据损坏或不是所声明的压缩格式）',
      en: 'the request body could not be decompressed as its Content-Encoding says (corrupt, or not that format)',
    },
    {
      name: 'an unknown property',
      send: async (lang) => {
        const r = await t.http
          .post('/api/auth/login')
          .set('accept-language', lang)
          .send({ username: 'office', password: 'x', isAdmin: true });
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '不认识的字段 isAdmin',
      en: 'unknown field isAdmin',
    },
    {
      name: 'an invalid e-mail',
      send: async (lang) => {
        const r = await t.http
          .post('/api/users')
          .set(auth(admin))
          .set('accept-language', lang)
          .send({ username: 'mail-test', displayName: '测试', role: 'admin', password: 'long-enough-1', email: 'not-an-address' });
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '电子邮箱不是有效的电子邮箱地址',
      en: 'E-mail is not a valid e-mail address',
    },
    {
      name: 'a bad % escape in a path',
      send: async (lang) => {
        const r = await t.http.get('/api/users/%E0%A4%A').set(auth(admin)).set('accept-language', lang);
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '网址中有无效的百分号编码（% 后须是两位十六进制数）',
      en: 'the URL holds an invalid percent escape (% must be followed by two hex digits)',
    },
    {
      name: 'a URL over 16 KB',
      send: async (lang) => {
        const r = await raw('GET', `/api/assignments?filter=${'x'.repeat(17_000)}`, {
          'accept-language': lang,
          authorization: `Bearer ${office}`,
        });
        return { status: r.status, message: r.json.message };
      },
      status: 431,
      zh: '网址过长（最多 16384 个字符），请缩短筛选条件',
      en: 'the URL is too long (at most 16384 characters); shorten the filter',
    },
    {
      name: 'a list range whose end comes before its start (a service refusal from the catalogue)',
      send: async (lang) => {
        const r = await t.http.get('/api/assignments').query({ range: '[5,1]' }).set(auth(office)).set('accept-language', lang);
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: 'range 不能为负数，end 不能小于 start',
      en: 'range must not be negative, and end must not be less than start',
    },
    {
      name: 'a decomposition without a lead unit',
      send: async (lang) => {
        const r = await t.http
          .post(`/api/plan-items/${item}/decompose`)
          .set(auth(office))
          .set('accept-language', lang)
          .send({ assignments: [{ orgUnitId: unit, role: 'support' }] });
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '缺少牵头单位：须恰好有一项 role 为 lead',
      en: 'no lead unit: exactly one entry must have role lead',
    },
    {
      name: 'a calendar year that is not a number',
      send: async (lang) => {
        const r = await t.http.put('/api/calendar/abc').set(auth(admin)).set('accept-language', lang).send({ source: 'weekends-only' });
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: 'year 必须是四位数年份',
      en: 'year must be a four-digit year',
    },
    {
      name: 'a plan import with neither a file nor text',
      send: async (lang) => {
        const r = await t.http.post('/api/plans/import').set(auth(office)).set('accept-language', lang).send({});
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '请上传 file（.txt/.docx）或提供 text',
      en: 'upload a file (.txt/.docx) or give text',
    },
    {
      name: 'a report filter period in no known form',
      send: async (lang) => {
        const r = await t.http
          .get('/api/reports')
          .query({ filter: JSON.stringify({ period: 'soon' }) })
          .set(auth(office))
          .set('accept-language', lang);
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '筛选 period 必须形如 2024-07、2024-Q3、2024-H2 或 2024',
      en: 'filter period must look like 2024-07, 2024-Q3, 2024-H2 or 2024',
    },
    {
      name: 'several wrong fields at once',
      send: async (lang) => {
        const r = await t.http
          .post('/api/users')
          .set(auth(admin))
          .set('accept-language', lang)
          .send({ username: 'ok-name', displayName: 'x'.repeat(61), role: 'boss', password: 'short' });
        return { status: r.status, message: r.body.message };
      },
      status: 400,
      zh: '姓名不能超过 60 个字符；角色只能是 admin、office、inspector、leader、liaison；密码至少 8 个字符',
      en: 'Display name must have at most 60 characters; Role must be one of admin, office, inspector, leader, liaison; Password must have at least 8 characters',
    },
  ];
  for (const c of cases) {
    it(`should answer ${c.name} with ${c.status} and a message in Chinese, or in English with Accept-Language: en`, async () => {
      const zh = await c.send('zh-CN,zh;q=0.9');
      expect(zh).toEqual({ status: c.status, message: c.zh });
      expect(zh.message).toMatch(CHINESE);
      expect(await c.send('en')).toEqual({ status: c.status, message: c.en });
    });
  }

  it('should refuse a plan text whose period ends before it starts with a 400 that says so, writing no plan', async () => {
    const text = readFileSync(resolve(__dirname, '../fixtures/plan-documents/ok/sample-plan.txt'), 'utf8').replace(
      '规划时限为2026—2030年',
      '规划时限为2030—2026年',
    );
    const plans = Number((await t.db.query(`SELECT count(*) AS n FROM plans`))[0].n);
    const res = await t.http.post('/api/plans/import').set(auth(office)).send({ text });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('规划期起止颠倒：2030—2026年');
    expect(Number((await t.db.query(`SELECT count(*) AS n FROM plans`))[0].n)).toBe(plans);
  });
});
