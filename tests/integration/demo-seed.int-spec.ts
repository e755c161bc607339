import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../apps/api/src/app.demo';
import { DEFAULT_DEMO_DATE, loadConfig } from '../../apps/api/src/core/config/app-config';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
beforeAll(async () => {
  t = await createTestApp({ DUBAN_NOW: DEFAULT_DEMO_DATE });
});
afterAll(() => t.close());

describe('the demo clock', () => {
  it('should stand at the demo date with DUBAN_DEMO on, at DUBAN_NOW when given, and be real with DUBAN_DEMO=0', () => {
    const base = { DUBAN_DATA_DIR: '/tmp/duban-config-test', JWT_SECRET: 'x' };
    expect(loadConfig(base).fixedToday).toBe('2024-05-15');
    expect(loadConfig({ ...base, DUBAN_DEMO_DATE: '2024-09-02' }).fixedToday).toBe('2024-09-02');
    expect(loadConfig({ ...base, DUBAN_NOW: '2025-01-06', DUBAN_DEMO_DATE: '2024-09-02' }).fixedToday).toBe('2025-01-06');
    expect(loadConfig({ ...base, DUBAN_DEMO: '0' }).fixedToday).toBeNull();
    expect(() => loadConfig({ ...base, DUBAN_DEMO_DATE: '2024-5-1' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('seedDemo (npm start’s first run with DUBAN_DEMO on)', () => {
  it('should decompose the plan on 1 March 2023 through the services and raise urges, 督办单 and level-3 notices by the demo date', async () => {
    const result = await seedDemo(t.app);
    expect(result).not.toBeNull();
    expect(result!.decomposedOn).toBe('2023-03-01');
    expect(result!.assignments).toBeGreaterThan(900);
    expect(result!.notices.urge).toBeGreaterThan(0);
    expect(result!.notices.supervision).toBeGreaterThan(0);
    expect(result!.notices.interview).toBeGreaterThan(0);
    const [{ days }] = await t.db.query(`SELECT array_agg(DISTINCT assigned_on::text) AS days FROM assignments`);
    expect(days).toEqual(['2023-03-01']);

    const admin = await t.login('admin');
    expect((await t.http.get('/api/settings/clock').set(auth(admin))).body).toEqual({ today: '2024-05-15', fixed: true });
    expect((await t.http.get('/api/audit-events/verify').set(auth(admin))).body.ok).toBe(true);
    const clockMoves = await t.db.query(
      `SELECT after FROM audit_events WHERE entity = 'Setting' AND entity_id = 'clock.today' ORDER BY seq`,
    );
    expect(clockMoves.map((e: { after: { today: string } }) => e.after.today)).toEqual(['2023-03-01', '2024-05-15']);

    const levels = (await t.http.get('/api/dashboard/by-level').set(auth(await t.login('office')))).body.levels as {
      level: number;
      open: number;
    }[];
    // A first sweep over a year's backlog raises each long-overdue target through the ladder to 约谈/通报 (level 3).
    expect(levels[3].open).toBeGreaterThan(0);
    const liaison = await t.login('forestry-liaison');
    const mine = await t.http.get('/api/assignments/mine').set(auth(liaison));
    expect(mine.body.length).toBeGreaterThan(0);
  });

  it('should add nothing on a second start', async () => {
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM assignments`);
    expect(await seedDemo(t.app)).toBeNull();
    const [{ after }] = await t.db.query(`SELECT count(*)::int AS after FROM assignments`);
    expect(after).toBe(before);
  });
});
