import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROLES } from '@duban/domain';
import { defineAbilityFor } from '@duban/permissions';
import { POLICY_KEY, PUBLIC_KEY } from '../../apps/api/src/core/auth/policy.decorator';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Every route with the policy it requires, read from the controllers' own metadata. */
function routeTable(): string[] {
  const modules = t.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const rows: string[] = [];
  const wrappers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of wrappers) {
    const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!ctrl) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
    for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
      const handler = (ctrl.prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctrl);
      const policy = Reflect.getMetadata(POLICY_KEY, handler) ?? Reflect.getMetadata(POLICY_KEY, ctrl);
      const roles = policy?.action
        ? ROLES.filter((role) => defineAbilityFor({ id: 'x', role, orgUnitId: 'u' }).can(policy.action, policy.subject)).join(' ')
        : '';
      const rule = isPublic
        ? 'public'
        : policy === 'authenticated'
          ? 'any logged-in user'
          : policy
            ? `${policy.action} ${policy.subject} [${roles}]`
            : 'DENIED (no policy)';
      rows.push(`${method.padEnd(6)} /api/${[base, path].filter((p) => p && p !== '/').join('/')} → ${rule}`);
    }
  }
  return rows.sort();
}

describe('routes', () => {
  it('should require a declared policy on every route (a change in who may reach what shows here)', () => {
    const table = routeTable();
    expect(table.filter((r) => r.includes('DENIED'))).toEqual([]);
    expect(table.join('\n')).toMatchSnapshot();
  });

  it('should serve health, the OpenAPI UI and the console without a log-in', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const docs = await t.http.get('/api/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/auth/login');
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const page = await t.http.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const deep = await t.http.get('/reports/123');
    expect(deep.text).toContain('<div id="root">');
    expect((await t.http.get('/api/nothing-here')).status).toBe(404);
  });
});

describe('clock', () => {
  it('should let the admin move the demo clock, audited, and refuse the office', async () => {
    const admin = await t.login('admin');
    expect((await t.http.get('/api/settings/clock').set('authorization', `Bearer ${admin}`)).body).toEqual({
      today: '2024-06-03',
      fixed: true,
    });
    const moved = await t.http.put('/api/settings/clock').set('authorization', `Bearer ${admin}`).send({ today: '2025-10-09' });
    expect(moved.status).toBe(200);
    expect(moved.body.today).toBe('2025-10-09');
    expect((await t.http.put('/api/settings/clock').set('authorization', `Bearer ${admin}`).send({ today: '2025-02-30' })).status).toBe(
      400,
    );
    const office = await t.login('office');
    expect((await t.http.put('/api/settings/clock').set('authorization', `Bearer ${office}`).send({ today: '2025-01-01' })).status).toBe(
      403,
    );
    const events = await t.db.query(`SELECT after FROM audit_events WHERE entity = 'Setting' AND entity_id = 'clock.today'`);
    expect(events.map((e: { after: { today: string } }) => e.after.today)).toEqual(['2025-10-09']);
  });

  it('should answer 403 to moving the clock when it is real (no DUBAN_NOW, DUBAN_DEMO=0)', async () => {
    const real = await createTestApp({ DUBAN_NOW: '', DUBAN_DEMO: '0' }); // no demo: its clock would stand at the demo date
    try {
      const admin = await real.login('admin');
      const res = await real.http.put('/api/settings/clock').set('authorization', `Bearer ${admin}`).send({ today: '2025-01-01' });
      expect(res.status).toBe(403);
      const clock = await real.http.get('/api/settings/clock').set('authorization', `Bearer ${admin}`);
      expect(clock.body.fixed).toBe(false);
      expect(clock.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    } finally {
      await real.close();
    }
  });
});
