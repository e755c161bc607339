import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * What is particular to a city (its name, the bulletin's issuer, the 督办单's 文号, the plan's group abbreviations of
 * counties) comes from settings.locality, seeded from seeds/yichun-org-units.json: another city's values, set by
 * the admin, take effect with no code change.
 */
let t: TestApp;
let admin: string;
let office: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function setLocality(locality: object) {
  const { version } = (await t.http.get('/api/settings').set(auth(admin))).body;
  const res = await t.http.put('/api/settings').set(auth(admin)).send({ version, locality });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
});
afterAll(() => t.close());

describe('locality', () => {
  it('should answer GET /api/site without a log-in with the seeded city, its issuer and the published plan’s title', async () => {
    const [plan] = await t.db.query(`SELECT title FROM plans WHERE status = 'published'`);
    const res = await t.http.get('/api/site');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ city: '宜春市', issuer: '宜春市生态环境保护委员会办公室', plan: { title: plan.title } });
    expect(plan.title).toBe('宜春市“十四五”生态环境保护规划');
  });

  it('should number the sweep’s 督办单 with the 文号 template the admin set, one after another within the year', async () => {
    await setLocality({ supervisionNumber: '抚环督〔{year}〕第{n}号' });
    const [{ id: planId }] = await t.db.query(`SELECT id FROM plans WHERE status = 'published'`);
    const [{ id: itemId }] = await t.db.query(`SELECT id FROM plan_items WHERE plan_id = $1 AND assignable ORDER BY position LIMIT 1`, [
      planId,
    ]);
    const units = await t.db.query(`SELECT id FROM org_units WHERE code IN ('forestry', 'water-resources') ORDER BY code`);
    // Two overdue assignments (deadline 2025-09-30): by 2025-10-14 each has earned its 督办单.
    for (const unit of units) {
      await t.db.query(
        `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
         VALUES ($1, $2, $3, 'lead', '2025-09-30', '[]', 'annual', 'in_progress', '2025-01-02')`,
        [planId, itemId, unit.id],
      );
    }
    const run = await t.http.post('/api/jobs/sweep').set(auth(admin)).send({ now: '2025-10-14' });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const numbers = (await t.db.query(`SELECT number FROM escalations WHERE kind = 'supervision' ORDER BY number`)).map(
      (r: { number: string }) => r.number,
    );
    expect(numbers).toEqual(['抚环督〔2025〕第1号', '抚环督〔2025〕第2号']);
    const inbox = await t.db.query(`SELECT title FROM notifications WHERE kind = 'escalation.supervision'`);
    expect(inbox.length).toBeGreaterThan(0);
    for (const n of inbox) expect(n.title).toMatch(/^【督办单】抚环督〔2025〕第[12]号 /);
  });

  it('should refuse a 文号 template without {n} or {year} with a 400 naming the field, and keep the settings', async () => {
    const before = (await t.http.get('/api/settings').set(auth(admin))).body;
    for (const supervisionNumber of ['抚环督〔{year}〕号', '抚环督第{n}号', 42]) {
      const res = await t.http.put('/api/settings').set(auth(admin)).send({ version: before.version, locality: { supervisionNumber } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('本地设置的督办单文号模板');
    }
    expect((await t.http.get('/api/settings').set(auth(admin))).body).toEqual(before);
  });

  it('should print the issuer the admin set at the head and foot of the bulletin', async () => {
    await setLocality({ issuer: '抚州市生态环境保护委员会办公室' });
    const res = await t.http
      .get('/api/exports/bulletin.docx?month=2024-05')
      .set(auth(office))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml.split('抚州市生态环境保护委员会办公室').length - 1).toBe(2);
    expect(xml).not.toContain('宜春市生态环境保护委员会办公室');
    expect((await t.http.get('/api/site')).body.issuer).toBe('抚州市生态环境保护委员会办公室');
  });

  it('should resolve the group abbreviations and the city code the admin set when a plan is imported', async () => {
    await setLocality({ cityCode: 'yc', groups: [{ abbreviation: '铜宜', members: ['铜鼓', '宜丰'] }] });
    const sample = readFileSync(resolve(__dirname, '../fixtures/plan-documents/ok/sample-plan.txt'), 'utf8');
    const text = sample.replace('支持丰樟高和奉靖两组团开展跨界断面联防联控', '支持铜宜组团开展跨界断面联防联控');
    expect(text).not.toBe(sample);
    const res = await t.http.post('/api/plans/import').set(auth(office)).send({ text });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.plan.code).toBe('yc-eco-2026-2030');
    const [item] = await t.db.query(`SELECT mentioned_org_unit_ids FROM plan_items WHERE plan_id = $1 AND body LIKE '%铜宜组团%'`, [
      res.body.plan.id,
    ]);
    const named = await t.db.query(`SELECT code FROM org_units WHERE id = ANY($1::uuid[]) ORDER BY code`, [item.mentioned_org_unit_ids]);
    expect(named.map((u: { code: string }) => u.code)).toEqual(['tonggu', 'yifeng']);
  });
});
