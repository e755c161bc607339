import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let office: string;
let planId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);
const snapshot = async () => ({
  assignments: await count(`SELECT count(*) AS n FROM assignments`),
  events: await count(`SELECT count(*) AS n FROM audit_events`),
});
const unit = async (code: string) => (await t.db.query(`SELECT id FROM org_units WHERE code = $1`, [code]))[0].id as string;
const item = async (number: string, plan = planId) =>
  (await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND number = $2 ORDER BY assignable DESC LIMIT 1`, [plan, number]))[0]
    .id as string;

interface SuggestionBody {
  orgUnitId: string;
  orgUnitName: string;
  role: string;
  deadline: string;
  reportCycle: string;
  milestones: { date: string; text: string; status: string }[];
  reasons: string[];
}

/** A report of `username`'s unit on the assignment, submitted through the API (the assignment then has history). */
async function reportFor(assignmentId: string, username: string): Promise<void> {
  const liaison = auth(await t.login(username));
  const draft = await t.http
    .post('/api/reports')
    .set(liaison)
    .send({ assignmentId, period: '2024-Q2', summary: '排查了 12 个排污口', progress: 20 });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await t.http.post(`/api/reports/${draft.body.id}/submit`).set(liaison).send({ version: draft.body.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
}

/** A database of its own, for a test that decomposes whole chapters: the rest of the file keeps the plan undecomposed. */
async function withOwnApp(
  fn: (w: { app: TestApp; planId: string; office: { authorization: string }; count: typeof count }) => Promise<void>,
): Promise<void> {
  const app = await createTestApp();
  try {
    const token = auth(await app.login('office'));
    const [{ id }] = await app.db.query(`SELECT id FROM plans WHERE status = 'published' LIMIT 1`);
    await fn({ app, planId: id, office: token, count: async (sql, params = []) => Number((await app.db.query(sql, params))[0].n) });
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login('office');
  planId = (await t.http.get('/api/plans').set(auth(office))).body[0].id;
});
afterAll(() => t.close());

describe('suggestions', () => {
  it('should propose 市林业局 to lead the invasive species item, with the words it matched', async () => {
    const res = await t.http.get(`/api/plan-items/${await item('9.1.4')}/suggestions`).set(auth(office));
    expect(res.status).toBe(200);
    const list = res.body as SuggestionBody[];
    const lead = list.filter((s) => s.role === 'lead');
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({
      orgUnitId: await unit('forestry'),
      orgUnitName: '市林业局',
      reportCycle: 'quarterly',
      deadline: '2025-12-31',
    });
    expect(lead[0].reasons[0]).toMatch(/^命中关键词：.*松材线虫/);
    const county = list.find((s) => s.role === 'county');
    expect(county).toMatchObject({ orgUnitId: await unit('mingyueshan') });
    expect(county!.reasons).toContain('文中点名：明月山');
  });

  it('should propose the departments of the issue for their words', async () => {
    const leadOf = async (number: string) =>
      ((await t.http.get(`/api/plan-items/${await item(number)}/suggestions`).set(auth(office))).body as SuggestionBody[]).find(
        (s) => s.role === 'lead',
      )!.orgUnitName;
    expect(await leadOf('C2.1')).toBe('市林业局'); // 森林碳汇
    expect(await leadOf('9.1.2')).toBe('市林业局'); // 造林
    expect(await leadOf('6.4.3')).toBe('市水利局'); // 生态流量
    expect(await leadOf('9.2.3')).toBe('市水利局'); // 水土流失
    expect(await leadOf('8.1.1')).toBe('市农业农村局'); // 畜禽粪污
    expect(await leadOf('8.2.1')).toBe('市农业农村局'); // 化肥
    expect(await leadOf('C4.2')).toBe('市住房和城乡建设局'); // 污水处理厂、管网
    expect(await leadOf('5.3.2')).toBe('市城市管理局'); // 扬尘
    expect(await leadOf('5.3.3')).toBe('市城市管理局'); // 油烟
    expect(await leadOf('5.1.1')).toBe('市生态环境局'); // 细颗粒物和臭氧
  });

  it('should name counties behind the document’s group abbreviations and say so', async () => {
    const list = (await t.http.get(`/api/plan-items/${await item('3.2.3')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    const zhangshu = list.find((s) => s.orgUnitName === '樟树市');
    expect(zhangshu).toMatchObject({ role: 'county' });
    expect(zhangshu!.reasons.join()).toContain('丰樟高');
  });

  it('should put all 13 counties and zones on local work that names none, and none on city-level work', async () => {
    const local = (await t.http.get(`/api/plan-items/${await item('8.2.1')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    const counties = local.filter((s) => s.role === 'county');
    expect(counties).toHaveLength(13);
    expect(counties[0].reasons[0]).toMatch(/未点名县区，标题含“.+”/);
    const every = (await t.http.get(`/api/plan-items/${await item('7.1.2')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    expect(every.filter((s) => s.role === 'county')).toHaveLength(13);
    expect(every.find((s) => s.role === 'county')!.reasons[0]).toContain('各县（市、区）');
    const cityLevel = (await t.http.get(`/api/plan-items/${await item('3.1.2')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    expect(cityLevel.filter((s) => s.role === 'county')).toEqual([]);
  });

  it('should take the last milestone as the deadline, moved off a Sunday, and carry the earlier ones', async () => {
    const list = (await t.http.get(`/api/plan-items/${await item('6.2.1')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    expect(list[0].deadline).toBe('2025-12-31');
    expect(list[0].milestones).toEqual([{ date: '2023-12-29', text: expect.stringContaining('到2023年'), status: 'open' }]);
    const sunday = (await t.http.get(`/api/plan-items/${await item('3.2.3')}/suggestions`).set(auth(office))).body as SuggestionBody[];
    expect(sunday[0].deadline).toBe('2023-12-29');
    expect(sunday[0].reasons).toContain('2023-12-31 不是工作日，截止日期提前到 2023-12-29');
  });

  it('should return 404 for an unknown item, 409 for a chapter and 403 for a liaison', async () => {
    expect((await t.http.get(`/api/plan-items/00000000-0000-4000-8000-000000000000/suggestions`).set(auth(office))).status).toBe(404);
    const chapter = (await t.db.query(`SELECT id FROM plan_items WHERE kind = 'chapter' LIMIT 1`))[0].id;
    expect((await t.http.get(`/api/plan-items/${chapter}/suggestions`).set(auth(office))).status).toBe(409);
    const liaison = await t.login('forestry-liaison');
    expect((await t.http.get(`/api/plan-items/${await item('9.1.4')}/suggestions`).set(auth(liaison))).status).toBe(403);
  });
});

describe('decomposing one item', () => {
  it('should refuse bad decompositions with 400 and the reason, writing nothing', async () => {
    const id = await item('8.2.1');
    const [agri, water, yuanzhou, office_] = [
      await unit('agriculture-rural'),
      await unit('water-resources'),
      await unit('yuanzhou'),
      await unit('commission-office'),
    ];
    const before = await snapshot();
    const cases: [unknown, RegExp][] = [
      [{ assignments: [{ orgUnitId: water, role: 'support' }] }, /缺少牵头单位/],
      [
        {
          assignments: [
            { orgUnitId: agri, role: 'lead' },
            { orgUnitId: water, role: 'lead' },
          ],
        },
        /牵头单位只能有一个/,
      ],
      [
        {
          assignments: [
            { orgUnitId: agri, role: 'lead' },
            { orgUnitId: '00000000-0000-4000-8000-000000000000', role: 'support' },
          ],
        },
        /不是已有的单位/,
      ],
      [{ assignments: [{ orgUnitId: yuanzhou, role: 'lead' }] }, /袁州区 是县（市、区），不能作牵头单位/],
      [
        {
          assignments: [
            { orgUnitId: agri, role: 'lead' },
            { orgUnitId: water, role: 'county' },
          ],
        },
        /市水利局 是部门，不能作落实县（市、区）/,
      ],
      [{ assignments: [{ orgUnitId: office_, role: 'lead' }] }, /是委办公室，不能作牵头单位/],
      [{ assignments: [{ orgUnitId: agri, role: 'lead', deadline: '2026-03-31' }] }, /不在规划期（2021-01-01 至 2025-12-31）内/],
      [{ assignments: [{ orgUnitId: agri, role: 'lead', deadline: '2025-02-30' }] }, /分工第 1 项的截止日期必须是真实存在的日期/],
      [
        {
          assignments: [
            { orgUnitId: agri, role: 'lead' },
            { orgUnitId: agri, role: 'support' },
          ],
        },
        /重复出现/,
      ],
      [{ assignments: [{ orgUnitId: agri, role: 'boss' }] }, /分工第 1 项的角色只能是/],
      [{ assignments: 'all' }, /分工必须是数组/],
    ];
    for (const [body, reason] of cases) {
      const res = await t.http
        .post(`/api/plan-items/${id}/decompose`)
        .set(auth(office))
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect([res.body.message].flat().join('\n')).toMatch(reason);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('should return 409 for an unpublished plan and for an item that is not a measure or project, writing nothing', async () => {
    const text = readFileSync(resolve(__dirname, '../fixtures/plan-documents/ok/sample-plan.txt'), 'utf8');
    const imported = await t.http.post('/api/plans/import').set(auth(office)).send({ text });
    expect(imported.status).toBeLessThan(300);
    const draft = (await t.db.query(`SELECT id FROM plans WHERE status = 'draft'`))[0].id as string;
    const draftItem = (await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND assignable LIMIT 1`, [draft]))[0].id as string;
    const before = await snapshot();
    const lead = { orgUnitId: await unit('ecology-environment'), role: 'lead', deadline: '2026-06-30' };
    const res = await t.http
      .post(`/api/plan-items/${draftItem}/decompose`)
      .set(auth(office))
      .send({ assignments: [lead] });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('规划尚未发布');
    const all = await t.http.post(`/api/plans/${draft}/decompose-all`).set(auth(office)).send({});
    expect(all.status).toBe(409);
    const chapter = (await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND kind = 'chapter' LIMIT 1`, [planId]))[0].id;
    const notAssignable = await t.http
      .post(`/api/plan-items/${chapter}/decompose`)
      .set(auth(office))
      .send({ assignments: [{ ...lead, deadline: '2025-06-30' }] });
    expect(notAssignable.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('should let only the office decompose', async () => {
    const id = await item('8.2.1');
    for (const user of ['inspector1', 'agriculture-rural-liaison', 'agriculture-rural-leader', 'admin']) {
      const res = await t.http
        .post(`/api/plan-items/${id}/decompose`)
        .set(auth(await t.login(user)))
        .send({ assignments: [] });
      expect(res.status, user).toBe(403);
    }
  });

  it('should give each unit one assignment due on the last milestone, carrying the earlier one, made today, audited', async () => {
    const id = await item('6.2.1');
    const before = await snapshot();
    const res = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: await unit('ecology-environment'), role: 'lead' },
          { orgUnitId: await unit('water-resources'), role: 'support', reportCycle: 'semiannual' },
          { orgUnitId: await unit('yuanzhou'), role: 'county' },
          { orgUnitId: await unit('jingan'), role: 'county', deadline: '2025-10-04' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ planItemNumber: '6.2.1', created: 4, updated: 0, cancelled: 0, deleted: 0 });
    const rows = res.body.assignments as {
      orgUnitName: string;
      role: string;
      deadline: string;
      milestones: unknown[];
      status: string;
      assignedOn: string;
      reportCycle: string;
    }[];
    expect(rows.map((r) => [r.orgUnitName, r.role])).toEqual([
      ['市生态环境局', 'lead'],
      ['市水利局', 'support'],
      ['袁州区', 'county'],
      ['靖安县', 'county'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'not_started', assignedOn: '2024-06-03' });
      expect(r.milestones).toEqual([{ date: '2023-12-29', text: expect.stringContaining('到2023年'), status: 'open' }]);
    }
    expect(rows[0].deadline).toBe('2025-12-31');
    expect(rows[1].reportCycle).toBe('semiannual');
    expect(rows[3].deadline).toBe('2025-09-30'); // 2025-10-04 is a National Day holiday
    const after = await snapshot();
    expect(after.assignments).toBe(before.assignments + 4);
    expect(after.events).toBe(before.events + 5); // four assignments and the item's summary
  });

  it('should update pairs in place, delete a removed unit without reports and cancel one that reported', async () => {
    const id = await item('6.2.2');
    const [eco, water, yuanzhou, jingan, housing] = await Promise.all(
      ['ecology-environment', 'water-resources', 'yuanzhou', 'jingan', 'housing-construction'].map(unit),
    );
    const first = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: eco, role: 'lead' },
          { orgUnitId: water, role: 'support', reportCycle: 'semiannual' },
          { orgUnitId: yuanzhou, role: 'county' },
          { orgUnitId: jingan, role: 'county' },
        ],
      });
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(4);
    const old = new Map(
      (
        (await t.db.query(`SELECT id, org_unit_id, version FROM assignments WHERE plan_item_id = $1`, [id])) as {
          id: string;
          org_unit_id: string;
          version: number;
        }[]
      ).map((r) => [r.org_unit_id, r]),
    );
    // 靖安 has reported: its assignment is kept, cancelled.
    await reportFor(old.get(jingan)!.id, 'jingan-liaison');
    const res = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: eco, role: 'lead' },
          { orgUnitId: water, role: 'support', reportCycle: 'semiannual' },
          { orgUnitId: housing, role: 'support', deadline: '2025-06-30' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 0, unchanged: 2, cancelled: 1, deleted: 1 });
    const rows = (await t.db.query(`SELECT id, org_unit_id, status, version FROM assignments WHERE plan_item_id = $1`, [id])) as {
      id: string;
      org_unit_id: string;
      status: string;
      version: number;
    }[];
    const by = new Map(rows.map((r) => [r.org_unit_id, r]));
    expect(by.get(eco)!.id).toBe(old.get(eco)!.id);
    expect(by.get(water)).toMatchObject({ id: old.get(water)!.id, version: old.get(water)!.version });
    expect(by.has(yuanzhou)).toBe(false);
    expect(by.get(jingan)).toMatchObject({ id: old.get(jingan)!.id, status: 'cancelled' });
    expect(by.get(housing)!.status).toBe('not_started');

    // Naming 靖安 again brings its assignment back (it has a submitted report: in progress) — still one row per pair.
    const again = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: water, role: 'lead' },
          { orgUnitId: eco, role: 'support' },
          { orgUnitId: jingan, role: 'county' },
          { orgUnitId: housing, role: 'support', deadline: '2025-06-30' },
        ],
      });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 3, unchanged: 1, cancelled: 0, deleted: 0 });
    const now = (await t.db.query(`SELECT org_unit_id, role, status, version FROM assignments WHERE plan_item_id = $1`, [id])) as {
      org_unit_id: string;
      role: string;
      status: string;
      version: number;
    }[];
    expect(now).toHaveLength(4);
    expect(now.find((r) => r.org_unit_id === jingan)).toMatchObject({ status: 'in_progress', role: 'county' });
    expect(now.find((r) => r.org_unit_id === water)).toMatchObject({ role: 'lead', version: old.get(water)!.version + 1 });
  });

  it('should accept the suggestions posted back as they came', async () => {
    const id = await item('3.1.2');
    const suggested = (await t.http.get(`/api/plan-items/${id}/suggestions`).set(auth(office))).body as SuggestionBody[];
    const res = await t.http.post(`/api/plan-items/${id}/decompose`).set(auth(office)).send({ assignments: suggested });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(suggested.length);
    expect(res.body.assignments.map((a: { orgUnitId: string; role: string }) => [a.orgUnitId, a.role])).toEqual(
      suggested.map((s) => [s.orgUnitId, s.role]),
    );
  });

  it('should refuse to change the cycle of an assignment that has reports', async () => {
    const id = await item('6.2.4');
    const [eco, jingan] = await Promise.all(['ecology-environment', 'jingan'].map(unit));
    const first = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: eco, role: 'lead' },
          { orgUnitId: jingan, role: 'county' },
        ],
      });
    expect(first.status).toBe(200);
    const county = (first.body.assignments as { id: string; orgUnitId: string }[]).find((a) => a.orgUnitId === jingan)!;
    await reportFor(county.id, 'jingan-liaison');
    const before = await snapshot();
    const res = await t.http
      .post(`/api/plan-items/${id}/decompose`)
      .set(auth(office))
      .send({
        assignments: [
          { orgUnitId: eco, role: 'lead', reportCycle: 'monthly' },
          { orgUnitId: jingan, role: 'county', reportCycle: 'monthly' },
        ],
      });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('已有报告，不能更改报送周期');
    expect(await snapshot()).toEqual(before);
  });
});

describe('decomposing the whole plan', () => {
  it('should decompose one chapter by its number, skipping nothing there yet', async () => {
    await withOwnApp(async (w) => {
      const res = await w.app.http.post(`/api/plans/${w.planId}/decompose-all`).set(w.office).send({ chapter: '9' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ chapter: '9', items: 14, skipped: [] });
      expect(res.body.byRole.lead).toBe(14);
      const chapters = await w.count(
        `SELECT count(DISTINCT a.plan_item_id) AS n FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id WHERE i.number LIKE '9.%' OR i.number LIKE 'C7.%'`,
      );
      expect(chapters).toBe(14);
      expect(await w.count(`SELECT count(DISTINCT plan_item_id) AS n FROM assignments`)).toBe(14);
    });
  });

  it('should decompose the whole Yichun plan in one action into about a thousand assignments, skip what was done, and create nothing the second time', async () => {
    await withOwnApp(async (w) => {
      // Done before: chapter 9 (14 items, C7.1 among them) and two single items.
      expect((await w.app.http.post(`/api/plans/${w.planId}/decompose-all`).set(w.office).send({ chapter: '9' })).status).toBe(200);
      for (const number of ['6.2.1', '3.1.2']) {
        const [{ id }] = await w.app.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND number = $2 AND assignable`, [
          w.planId,
          number,
        ]);
        const suggested = (await w.app.http.get(`/api/plan-items/${id}/suggestions`).set(w.office)).body;
        expect((await w.app.http.post(`/api/plan-items/${id}/decompose`).set(w.office).send({ assignments: suggested })).status).toBe(200);
      }
      const before = await w.count(`SELECT count(*) AS n FROM assignments`);
      const res = await w.app.http.post(`/api/plans/${w.planId}/decompose-all`).set(w.office).send({});
      expect(res.status).toBe(200);
      const skipped = (res.body.skipped as { number: string; reason: string }[]).map((s) => s.number);
      expect(skipped).toContain('6.2.1');
      expect(skipped).toContain('C7.1');
      expect(skipped).toContain('3.1.2');
      expect(skipped).toHaveLength(16);
      const total = await w.count(`SELECT count(*) AS n FROM assignments WHERE status <> 'cancelled'`);
      expect(total - before).toBe(res.body.assignments);
      expect(total).toBeGreaterThan(900);
      expect(total).toBeLessThan(1200);
      // Every assignable item has exactly one lead; no (item, unit) pair twice.
      expect(await w.count(`SELECT count(*) AS n FROM plan_items WHERE plan_id = $1 AND assignable`, [w.planId])).toBe(130);
      expect(
        await w.count(
          `SELECT count(*) AS n FROM (SELECT plan_item_id FROM assignments WHERE role = 'lead' AND status <> 'cancelled' GROUP BY plan_item_id HAVING count(*) = 1) x`,
        ),
      ).toBe(130);
      expect(
        await w.count(`SELECT count(*) AS n FROM (SELECT 1 FROM assignments GROUP BY plan_item_id, org_unit_id HAVING count(*) > 1) x`),
      ).toBe(0);
      const verify = await w.app.http.get('/api/audit-events/verify').set(w.office);
      expect(verify.body.ok).toBe(true);

      const events = await w.count(`SELECT count(*) AS n FROM audit_events`);
      const again = await w.app.http.post(`/api/plans/${w.planId}/decompose-all`).set(w.office).send({});
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ items: 0, assignments: 0 });
      expect(again.body.skipped).toHaveLength(130);
      expect(again.body.skipped[0]).toMatchObject({ number: '3.1.1', title: '优化国土空间总体战略格局', reason: '已分解，未改动' });
      expect(await w.count(`SELECT count(*) AS n FROM assignments`)).toBe(total);
      expect(await w.count(`SELECT count(*) AS n FROM audit_events`)).toBe(events + 1);
    });
  });

  it('should return 400 for an unknown chapter, 404 for an unknown plan and 403 for others than the office', async () => {
    expect((await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({ chapter: '99' })).status).toBe(400);
    expect((await t.http.post(`/api/plans/${planId}/decompose-all`).set(auth(office)).send({ chapter: 'six' })).status).toBe(400);
    expect((await t.http.post(`/api/plans/00000000-0000-4000-8000-000000000000/decompose-all`).set(auth(office)).send({})).status).toBe(
      404,
    );
    expect(
      (
        await t.http
          .post(`/api/plans/${planId}/decompose-all`)
          .set(auth(await t.login('forestry-leader')))
          .send({})
      ).status,
    ).toBe(403);
  });
});

describe('the duty map behind the suggestions', () => {
  it('should fall back to 市生态环境局 as lead when no rule matches', async () => {
    const rules = await t.db.query(`SELECT * FROM duty_rules`);
    expect(rules.length).toBeGreaterThan(0);
    await t.db.query(`DELETE FROM duty_rules`);
    try {
      const list = (await t.http.get(`/api/plan-items/${await item('9.1.4')}/suggestions`).set(auth(office))).body as SuggestionBody[];
      expect(list.filter((s) => s.role !== 'county')).toEqual([
        expect.objectContaining({
          role: 'lead',
          orgUnitName: '市生态环境局',
          reasons: expect.arrayContaining(['职责清单中没有命中的关键词', '默认由市生态环境局牵头']),
        }),
      ]);
    } finally {
      // The other tests of this file suggest from the seeded rules.
      await t.db.query(`INSERT INTO duty_rules SELECT * FROM jsonb_populate_recordset(NULL::duty_rules, $1::jsonb)`, [
        JSON.stringify(rules),
      ]);
    }
  });
});
