import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const unit = async (code: string) => (await t.db.query(`SELECT id FROM org_units WHERE code = $1`, [code]))[0].id as string;
const keywordsOf = async (code: string) =>
  ((await t.db.query(`SELECT unnest(keywords) AS k FROM duty_rules WHERE org_unit_id = $1`, [await unit(code)])) as { k: string }[]).map(
    (r) => r.k,
  );

interface Rule {
  id: string;
  keywords: string[];
  orgUnitId: string;
  weight: number;
  version: number;
}

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
});
afterAll(() => t.close());

describe('the seeded duty map', () => {
  it('should cover all 52 departments and no county, zone or office', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM org_units WHERE kind = 'department'`);
    expect(n).toBe(52);
    const uncovered = await t.db.query(
      `SELECT name FROM org_units u WHERE kind = 'department' AND NOT EXISTS (SELECT 1 FROM duty_rules d WHERE d.org_unit_id = u.id)`,
    );
    expect(uncovered).toEqual([]);
    const [{ misplaced }] = await t.db.query(
      `SELECT count(*)::int AS misplaced FROM duty_rules d JOIN org_units u ON u.id = d.org_unit_id WHERE u.kind <> 'department'`,
    );
    expect(misplaced).toBe(0);
  });

  it('should map the issue’s examples to their departments', async () => {
    expect(await keywordsOf('forestry')).toEqual(expect.arrayContaining(['森林', '湿地', '松材线虫', '碳汇', '造林']));
    expect(await keywordsOf('water-resources')).toEqual(expect.arrayContaining(['水资源', '水土流失', '生态流量']));
    expect(await keywordsOf('agriculture-rural')).toEqual(expect.arrayContaining(['畜禽', '粪污', '化肥', '秸秆']));
    expect(await keywordsOf('housing-construction')).toEqual(expect.arrayContaining(['污水处理厂', '管网', '老城区']));
    expect(await keywordsOf('urban-management')).toEqual(expect.arrayContaining(['扬尘', '油烟', '生活垃圾']));
  });

  it('should list the rules react-admin style, filtered by unit, keyword or text', async () => {
    const forestry = await unit('forestry');
    const byUnit = await t.http.get(`/api/duty-rules?${q({ filter: { orgUnitId: forestry } })}`).set(auth(office));
    expect(byUnit.status).toBe(200);
    expect(byUnit.headers['content-range']).toMatch(/^duty-rules 0-\d+\/\d+$/);
    expect((byUnit.body as Rule[]).every((r) => r.orgUnitId === forestry)).toBe(true);
    const byKeyword = await t.http.get(`/api/duty-rules?${q({ filter: { keyword: '松材线虫' } })}`).set(auth(office));
    expect((byKeyword.body as Rule[]).map((r) => r.orgUnitId)).toEqual([forestry]);
    const byText = await t.http.get(`/api/duty-rules?${q({ filter: { q: '线虫' } })}`).set(auth(office));
    expect((byText.body as Rule[]).some((r) => r.keywords.includes('松材线虫'))).toBe(true);
    expect((await t.http.get(`/api/duty-rules?${q({ filter: { colour: 1 } })}`).set(auth(office))).status).toBe(400);
    expect((await t.http.get(`/api/duty-rules?${q({ sort: ['weight', 'DESC'] })}`).set(auth(office))).body[0].weight).toBe(5);
  });
});

describe('editing the duty map', () => {
  it('should let the office create, update and delete a rule, audited, with its version', async () => {
    const events = async () => Number((await t.db.query(`SELECT count(*) AS n FROM audit_events WHERE entity = 'DutyRule'`))[0].n);
    const before = await events();
    const meteorology = await unit('meteorology');
    const created = await t.http
      .post('/api/duty-rules')
      .set(auth(office))
      .send({ keywords: [' 疫情 ', '松林'], orgUnitId: meteorology, weight: 4 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ keywords: ['疫情', '松林'], orgUnitId: meteorology, weight: 4, version: 1 });
    const id = created.body.id as string;
    const updated = await t.http
      .put(`/api/duty-rules/${id}`)
      .set(auth(office))
      .send({ ...created.body, weight: 5 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ weight: 5, version: 2 });
    expect((await t.http.put(`/api/duty-rules/${id}`).set(auth(office)).send({ version: 1, weight: 6 })).status).toBe(409);
    expect((await t.http.get(`/api/duty-rules/${id}`).set(auth(await t.login('inspector1')))).body.weight).toBe(5);
    expect((await t.http.delete(`/api/duty-rules/${id}`).set(auth(office))).status).toBe(200);
    expect((await t.http.get(`/api/duty-rules/${id}`).set(auth(office))).status).toBe(404);
    expect(await events()).toBe(before + 3);
  });

  it('should change the suggestions when the office edits the map', async () => {
    const itemId = (await t.db.query(`SELECT id FROM plan_items WHERE number = '9.1.4' AND assignable`))[0].id;
    const meteorology = await unit('meteorology');
    const suggested = async () =>
      (await t.http.get(`/api/plan-items/${itemId}/suggestions`).set(auth(office))).body as {
        orgUnitId: string;
        role: string;
        reasons: string[];
      }[];
    expect((await suggested()).some((s) => s.orgUnitId === meteorology)).toBe(false);
    const rule = await t.http
      .post('/api/duty-rules')
      .set(auth(office))
      .send({ keywords: ['疫情', '松林'], orgUnitId: meteorology, weight: 5 });
    const support = (await suggested()).find((s) => s.orgUnitId === meteorology);
    expect(support).toMatchObject({ role: 'support' });
    expect(support!.reasons[0]).toBe('命中关键词：疫情、松林');
    await t.http.delete(`/api/duty-rules/${rule.body.id}`).set(auth(office));
  });

  it('should refuse bad rules with 400 and the reason, writing nothing', async () => {
    const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM duty_rules`))[0].n);
    const before = await count();
    const forestry = await unit('forestry');
    const cases: [object, RegExp][] = [
      [{ keywords: [], orgUnitId: forestry, weight: 3 }, /关键词至少 1 项/],
      [{ keywords: ['造林', ' 造林'], orgUnitId: forestry, weight: 3 }, /关键词不能有重复项/],
      [{ keywords: ['  '], orgUnitId: forestry, weight: 3 }, /关键词不能为空/],
      [{ keywords: ['造林'], orgUnitId: forestry, weight: 0 }, /权重不能小于 1/],
      [{ keywords: ['造林'], orgUnitId: forestry, weight: 2.5 }, /权重必须是整数/],
      [{ keywords: ['造林'], orgUnitId: '00000000-0000-4000-8000-000000000000', weight: 3 }, /不是已有的单位/],
      [{ keywords: ['造林'], orgUnitId: await unit('jingan'), weight: 3 }, /只能指向部门/],
      [{ keywords: ['造林'], orgUnitId: forestry, weight: 3, role: 'lead' }, /不认识的字段 role/],
    ];
    for (const [body, reason] of cases) {
      const res = await t.http.post('/api/duty-rules').set(auth(office)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect([res.body.message].flat().join('\n')).toMatch(reason);
    }
    expect(await count()).toBe(before);
  });

  it('should let the admin manage the map, the inspector only read it, and no leader or liaison see it', async () => {
    const admin = await t.login('admin');
    const forestry = await unit('forestry');
    const made = await t.http
      .post('/api/duty-rules')
      .set(auth(admin))
      .send({ keywords: ['古树'], orgUnitId: forestry, weight: 2 });
    expect(made.status).toBe(201);
    expect((await t.http.delete(`/api/duty-rules/${made.body.id}`).set(auth(admin))).status).toBe(200);
    const inspector = await t.login('inspector2');
    expect((await t.http.get('/api/duty-rules').set(auth(inspector))).status).toBe(200);
    expect(
      (
        await t.http
          .post('/api/duty-rules')
          .set(auth(inspector))
          .send({ keywords: ['古树'], orgUnitId: forestry, weight: 2 })
      ).status,
    ).toBe(403);
    for (const user of ['forestry-liaison', 'forestry-leader']) {
      const token = await t.login(user);
      expect((await t.http.get('/api/duty-rules').set(auth(token))).status, user).toBe(403);
      expect(
        (
          await t.http
            .post('/api/duty-rules')
            .set(auth(token))
            .send({ keywords: ['古树'], orgUnitId: forestry, weight: 2 })
        ).status,
        user,
      ).toBe(403);
    }
    expect((await t.http.get('/api/duty-rules')).status).toBe(401);
  });
});
