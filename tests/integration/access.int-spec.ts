import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app';

/** The holes that row access (apps/api/src/core/access) closes: drafts in the audit log, a moved user's old inbox. */

let t: TestApp;
const tokens = new Map<string, string>();
const as = async (username: string) => {
  if (!tokens.has(username)) tokens.set(username, await t.login(username));
  return { authorization: `Bearer ${tokens.get(username)!}` };
};
const q = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');
const photo = readFileSync(join(__dirname, '..', 'fixtures', 'evidence', 'forest-photo.jpg'));

let itemOffset = 0;
/** A fresh assignment of the unit (set-up only) and a draft report on it written by the unit's liaison. */
async function draft(unitCode: string, summary: string): Promise<{ id: string; version: number }> {
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
    .set(await as(`${unitCode}-liaison`))
    .send({ assignmentId: a.id, period: '2024-Q2', summary, progress: 30 });
  expect(res.status).toBe(201);
  return { id: res.body.id, version: res.body.version };
}

/** The unit's liaison submits the report (at the version it reads now). */
async function submit(unitCode: string, reportId: string): Promise<void> {
  const liaison = await as(`${unitCode}-liaison`);
  const current = await t.http.get(`/api/reports/${reportId}`).set(liaison);
  const res = await t.http.post(`/api/reports/${reportId}/submit`).set(liaison).send({ version: current.body.version });
  expect(res.status).toBe(200);
}

/** The audit events about these records that `username` gets from the list, with the list's Content-Range. */
async function auditAbout(username: string, entityIds: string[]) {
  const res = await t.http.get(`/api/audit-events?${q({ filter: { entityId: entityIds }, range: [0, 99] })}`).set(await as(username));
  expect(res.status).toBe(200);
  return { events: res.body as { id: string; entity: string; action: string }[], range: res.headers['content-range'] as string };
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the audit log shows no more than the resources do', () => {
  it('should hide a draft report’s events and its evidence’s events from the office and the admin, and 404 them by id', async () => {
    const report = await draft('forestry', '草稿里的秘密摘要');
    const upload = await t.http
      .post(`/api/reports/${report.id}/evidence`)
      .set(await as('forestry-liaison'))
      .attach('file', photo, '林地.jpg');
    expect(upload.status).toBe(201);
    expect(upload.body.gps).not.toBeNull();
    const ids = [report.id, upload.body.id as string];
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ANY($1)`, [ids]);
    expect(n).toBe(2);

    for (const username of ['office', 'admin']) {
      expect((await t.http.get(`/api/reports/${report.id}`).set(await as(username))).status).toBe(404);
      const { events, range } = await auditAbout(username, ids);
      expect(events).toEqual([]);
      expect(range).toBe('audit-events 0-0/0');
      const stored = await t.db.query(`SELECT id FROM audit_events WHERE entity_id = ANY($1)`, [ids]);
      for (const { id } of stored) expect((await t.http.get(`/api/audit-events/${id}`).set(await as(username))).status).toBe(404);
    }
    // The whole list, unfiltered, carries none of the draft's text either.
    const all = await t.http.get(`/api/audit-events?${q({ range: [0, 999] })}`).set(await as('office'));
    expect(JSON.stringify(all.body)).not.toContain('草稿里的秘密摘要');
    expect(JSON.stringify(all.body)).not.toContain(upload.body.id);
  });

  it('should show the evidence and the submission once the report is submitted, but never the text of its draft versions', async () => {
    const report = await draft('water-resources', '第一稿：不打算报送的说法');
    const edited = await t.http
      .put(`/api/reports/${report.id}`)
      .set(await as('water-resources-liaison'))
      .send({ version: report.version, summary: '报送稿：完成河道整治 3 公里' });
    expect(edited.status).toBe(200);
    const upload = await t.http
      .post(`/api/reports/${report.id}/evidence`)
      .set(await as('water-resources-liaison'))
      .attach('file', photo, '河道.jpg');
    expect(upload.status).toBe(201);
    await submit('water-resources', report.id);

    const { events } = await auditAbout('office', [report.id, upload.body.id]);
    expect(events.map((e) => `${e.entity}:${e.action}`).sort()).toEqual(['Evidence:upload', 'Report:submit']);
    expect(JSON.stringify(events)).not.toContain('第一稿');
    // The unit's own report reads the same through the resource.
    const read = await t.http.get(`/api/reports/${report.id}`).set(await as('office'));
    expect(read.status).toBe(200);
    expect(read.body.summary).toBe('报送稿：完成河道整治 3 公里');
    // Everything the unit did is still in the chain; the office just may not read the draft part of it.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ANY($1)`, [
      [report.id, upload.body.id],
    ]);
    expect(n).toBe(4);
  });
});

describe('notifications follow the user’s present unit', () => {
  it('should no longer show a leader moved to another unit the old unit’s notifications, by list, by id or by read-marks', async () => {
    const report = await draft('agriculture-rural', '农业面源污染治理进展');
    await submit('agriculture-rural', report.id);
    const before = await t.http.get(`/api/notifications?${q({ range: [0, 99] })}`).set(await as('agriculture-rural-leader'));
    const notice = (before.body as { id: string; link: string | null }[]).find((n) => n.link === `/reports/${report.id}/show`);
    expect(notice).toBeDefined();

    const [leader] = await t.db.query(`SELECT id, version FROM users WHERE username = 'agriculture-rural-leader'`);
    const [water] = await t.db.query(`SELECT id FROM org_units WHERE code = 'water-resources'`);
    const moved = await t.http
      .put(`/api/users/${leader.id}`)
      .set(await as('admin'))
      .send({ version: leader.version, orgUnitId: water.id });
    expect(moved.status).toBe(200);
    tokens.delete('agriculture-rural-leader');

    const after = await t.http.get(`/api/notifications?${q({ range: [0, 99] })}`).set(await as('agriculture-rural-leader'));
    expect(after.status).toBe(200);
    expect((after.body as { id: string }[]).map((n) => n.id)).not.toContain(notice!.id);
    expect(after.headers['content-range']).toBe(`notifications 0-${Math.max(after.body.length - 1, 0)}/${after.body.length}`);
    expect((await t.http.get(`/api/notifications/${notice!.id}`).set(await as('agriculture-rural-leader'))).status).toBe(404);
    expect((await t.http.post(`/api/notifications/${notice!.id}/read`).set(await as('agriculture-rural-leader'))).status).toBe(404);
    const readAll = await t.http.post('/api/notifications/read-all').set(await as('agriculture-rural-leader'));
    expect(readAll.status).toBe(200);
    const [row] = await t.db.query(`SELECT read_at FROM notifications WHERE id = $1`, [notice!.id]);
    expect(row.read_at).toBeNull();
  });
});
