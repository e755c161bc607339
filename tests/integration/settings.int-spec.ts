import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsService } from '../../apps/api/src/core/settings/settings.service';
import citySeed from '../../seeds/yichun-org-units.json';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: string;
let office: string;
let liaison: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const DEFAULTS = {
  ladder: { reminderDays: [5, 1], urge: 1, supervision: 5, interview: 15, responseDays: 5, promiseMaxDays: 20 },
  receipt: { workingDays: 3 },
  reportDue: { monthly: 5, quarterly: 5, semiannual: 5, annual: 5 },
  uploadMaxBytes: 200 * 1024 * 1024,
  evaluationWeights: { onTime: 0.4, quality: 0.3, indicators: 0.3 },
  lightGap: 20,
  // Seeded on the empty database from the city's seed file.
  locality: citySeed.locality,
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  liaison = await t.login('forestry-liaison');
});
afterAll(() => t.close());

describe('settings', () => {
  it('should show every logged-in user the defaults at version 1, and nobody logged out', async () => {
    const res = await t.http.get('/api/settings').set(auth(liaison));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...DEFAULTS, version: 1 });
    expect((await t.http.get('/api/settings')).status).toBe(401);
  });

  it('should take the upload limit default from the configuration', async () => {
    const other = await createTestApp({ UPLOAD_MAX_BYTES: '1048576' });
    try {
      expect((await other.app.get(SettingsService).get()).uploadMaxBytes).toBe(1048576);
    } finally {
      await other.close();
    }
  });

  it('should let the admin change part of the settings, merged over the rest and audited', async () => {
    const res = await t.http
      .put('/api/settings')
      .set(auth(admin))
      .send({ version: 1, ladder: { urge: 2, reminderDays: [1, 3, 7] }, reportDue: { monthly: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...DEFAULTS,
      ladder: { ...DEFAULTS.ladder, urge: 2, reminderDays: [7, 3, 1] },
      reportDue: { ...DEFAULTS.reportDue, monthly: 3 },
      version: 2,
    });
    expect(await t.app.get(SettingsService).get()).toEqual(res.body);
    expect((await t.http.get('/api/settings').set(auth(office))).body).toEqual(res.body);
    const events = await t.db.query(`SELECT actor_id, before, after FROM audit_events WHERE entity = 'Setting' AND entity_id = 'settings'`);
    expect(events).toHaveLength(1);
    expect(events[0].before.ladder.urge).toBe(1);
    expect(events[0].after.ladder.urge).toBe(2);
  });

  it('should answer 409 to a stale version and change nothing', async () => {
    const before = (await t.http.get('/api/settings').set(auth(admin))).body;
    const res = await t.http.put('/api/settings').set(auth(admin)).send({ version: 1, uploadMaxBytes: 1000 });
    expect(res.status).toBe(409);
    expect((await t.http.get('/api/settings').set(auth(admin))).body).toEqual(before);
  });

  it('should answer 400 saying what is wrong, and change nothing', async () => {
    const before = (await t.http.get('/api/settings').set(auth(admin))).body;
    const v = before.version;
    const bad: [unknown, RegExp][] = [
      [{ version: v, evaluationWeights: { onTime: 0.5 } }, /之和须为 1/],
      [{ version: v, ladder: { supervision: 2 } }, /逐级递增/],
      [{ version: v, ladder: { interview: 4 } }, /逐级递增/],
      [{ version: v, ladder: { reminderDays: [0] } }, /催办阶梯的提醒提前天数不能小于 1/],
      [{ version: v, ladder: { reminderDays: [3, 3] } }, /催办阶梯的提醒提前天数不能有重复项/],
      [{ version: v, ladder: { urge: '2' } }, /催办阶梯的催办阈值必须是整数/],
      [{ version: v, ladder: { nope: 1 } }, /nope/],
      [{ version: v, ladder: [] }, /催办阶梯必须是对象/],
      [{ version: v, reportDue: { weekly: 5 } }, /weekly/],
      [{ version: v, reportDue: { monthly: 0 } }, /报送期限的月报不能小于/],
      [{ version: v, uploadMaxBytes: -1 }, /上传上限不能小于/],
      [{ version: v, evaluationWeights: { onTime: 2 } }, /考核权重的按时率权重不能大于 1/],
      [{ version: v, colour: 'red' }, /colour/],
      [{ ladder: { urge: 2 } }, /版本号/],
    ];
    for (const [body, why] of bad) {
      const res = await t.http
        .put('/api/settings')
        .set(auth(admin))
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.message), JSON.stringify(body)).toMatch(why);
    }
    expect((await t.http.get('/api/settings').set(auth(admin))).body).toEqual(before);
  });

  it('should answer 403 when the office or a liaison changes the settings', async () => {
    const { version } = (await t.http.get('/api/settings').set(auth(admin))).body;
    for (const token of [office, liaison]) {
      const res = await t.http
        .put('/api/settings')
        .set(auth(token))
        .send({ version, ladder: { urge: 3 } });
      expect(res.status).toBe(403);
    }
    expect((await t.http.get('/api/settings').set(auth(admin))).body.version).toBe(version);
  });

  it('should give exactly one of two concurrent changes from the same version', async () => {
    const { version } = (await t.http.get('/api/settings').set(auth(admin))).body;
    const [a, b] = await Promise.all([
      t.http
        .put('/api/settings')
        .set(auth(admin))
        .send({ version, reportDue: { annual: 10 } }),
      t.http
        .put('/api/settings')
        .set(auth(admin))
        .send({ version, reportDue: { annual: 20 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const now = (await t.http.get('/api/settings').set(auth(admin))).body;
    expect(now.version).toBe(version + 1);
    expect(now.reportDue.annual).toBe((a.status === 200 ? a : b).body.reportDue.annual);
  });
});
