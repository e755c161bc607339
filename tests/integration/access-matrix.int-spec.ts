import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The access matrix: for every route of the app (read from the controllers' metadata), every role, and where the route
 * takes a record, a record of the caller's own unit (`own`), one of another unit (`other`) and, for reports and
 * evidence, a draft of the caller's unit (`draft`: a leader's or liaison's own; for everyone else a draft of the unit
 * whose records are `own`), the answer written down in ONE table (MATRIX). A route without a row fails the test.
 *
 * Reads are run for every cell. For a list, 200 in a cell means "the record is listed" and 404 "it is absent"
 * (the list answers 200 either way), checked with `filter={"id":[own, other, draft]}` and its Content-Range total.
 * Writes are run where the answer is a refusal (403 wrong role, 404 wrong unit or a draft): each must change nothing.
 * `ok` marks a write the role may make on that record; those are exercised by the feature tests, not run here.
 */

type Role = 'admin' | 'office' | 'inspector' | 'leader' | 'liaison';
const ROLES: Role[] = ['admin', 'office', 'inspector', 'leader', 'liaison'];
type Variant = 'own' | 'other' | 'draft';
type Code = number | 'ok';
type Cell = Code | Partial<Record<Variant, Code>>;
type Kind =
  | 'assignment'
  | 'report'
  | 'evidence'
  | 'escalation'
  | 'user'
  | 'notification'
  | 'auditEvent'
  | 'bulletin'
  | 'bulletinMonth'
  | 'plan'
  | 'planItem'
  | 'orgUnit'
  | 'dutyRule'
  | 'indicator'
  | 'indicatorValue'
  | 'glossaryTerm';
interface Row extends Record<Role, Cell> {
  /** The record `:id` (or, for a list, the filtered ids) stands for. */
  of?: Kind;
  /** A list: filtered by this field (default `id`) with the records' ids. */
  list?: string;
  /** Query string added to the request (`:id` as in the path). */
  query?: string;
}

const U = { admin: 200, office: 200, inspector: 200, leader: 200, liaison: 200 } as const;
/** Every role reads the unit's and the other unit's; leaders and liaisons only their own. */
const UNIT = {
  admin: { own: 200, other: 200 },
  office: { own: 200, other: 200 },
  inspector: { own: 200, other: 200 },
  leader: { own: 200, other: 404 },
  liaison: { own: 200, other: 404 },
} as const;
/** The same, and a draft of the unit is the unit's alone. */
const UNIT_DRAFT = {
  admin: { own: 200, other: 200, draft: 404 },
  office: { own: 200, other: 200, draft: 404 },
  inspector: { own: 200, other: 200, draft: 404 },
  leader: { own: 200, other: 404, draft: 200 },
  liaison: { own: 200, other: 404, draft: 200 },
} as const;
const only = (allowed: Partial<Record<Role, Cell>>): Record<Role, Cell> => ({
  admin: 403,
  office: 403,
  inspector: 403,
  leader: 403,
  liaison: 403,
  ...allowed,
});
const INBOX = { own: 200, other: 404 } as const;

const MATRIX: Record<string, Row> = {
  // ---- reads ----
  'GET /api/health': { ...U },
  'GET /api/site': { ...U },
  'GET /api/auth/me': { ...U },
  'GET /api/settings': { ...U },
  'GET /api/settings/clock': { ...U },
  'GET /api/calendar': { ...U, query: 'year=2024' },
  'GET /api/calendar/years': { ...U },
  'GET /api/plans': { ...U, of: 'plan', list: 'id' },
  'GET /api/plans/:id': { ...U, of: 'plan' },
  'GET /api/plan-items': { ...U, of: 'planItem', list: 'id' },
  'GET /api/plan-items/:id': { ...U, of: 'planItem' },
  'GET /api/plan-items/:id/suggestions': { ...only({ admin: 200, office: 200, inspector: 200 }), of: 'planItem' },
  'GET /api/indicators': { ...U, of: 'indicator', list: 'id' },
  'GET /api/indicators/:id': { ...U, of: 'indicator' },
  'PUT /api/indicators/:id': { ...only({ office: 'ok' }), of: 'indicator' },
  // Until the office publishes an evaluation, leaders and liaisons are told there is none.
  'GET /api/evaluations': { ...U, leader: 404, liaison: 404, query: 'asOf=2023-06-30' },
  'GET /api/evaluations/drill-down': { ...U, leader: 404, liaison: 404, of: 'orgUnit', query: 'asOf=2023-06-30&orgUnitId=:id' },
  'GET /api/exports/evaluation.xlsx': { ...U, leader: 404, liaison: 404, query: 'asOf=2023-06-30' },
  'GET /api/indicator-values': { ...UNIT_DRAFT, of: 'indicatorValue', list: 'id' },
  'GET /api/indicator-values/:id': { ...UNIT_DRAFT, of: 'indicatorValue' },
  'GET /api/glossary-terms': { ...U, of: 'glossaryTerm', list: 'id' },
  'GET /api/glossary-terms/:id': { ...U, of: 'glossaryTerm' },
  'GET /api/org-units': { ...U, of: 'orgUnit', list: 'id' },
  'GET /api/org-units/:id': { ...U, of: 'orgUnit' },
  'GET /api/duty-rules': { ...only({ admin: 200, office: 200, inspector: 200 }), of: 'dutyRule', list: 'id' },
  'GET /api/duty-rules/:id': { ...only({ admin: 200, office: 200, inspector: 200 }), of: 'dutyRule' },
  'GET /api/users': { ...UNIT, of: 'user', list: 'id' },
  'GET /api/users/:id': { ...UNIT, of: 'user' },
  'GET /api/assignments': { ...UNIT, of: 'assignment', list: 'id' },
  'GET /api/assignments/mine': {
    admin: { own: 403, other: 403 },
    office: { own: 403, other: 403 },
    inspector: { own: 403, other: 403 },
    leader: { own: 200, other: 404 },
    liaison: { own: 200, other: 404 },
    of: 'assignment',
    list: 'id',
  },
  'GET /api/assignments/:id': { ...UNIT, of: 'assignment' },
  'GET /api/assignments/:id/schedule': { ...UNIT, of: 'assignment' },
  'GET /api/reports': { ...UNIT_DRAFT, of: 'report', list: 'id' },
  'GET /api/reports/:id': { ...UNIT_DRAFT, of: 'report' },
  'GET /api/evidence': { ...UNIT_DRAFT, of: 'evidence', list: 'id' },
  'GET /api/evidence/:id': { ...UNIT_DRAFT, of: 'evidence' },
  'GET /api/evidence/:id/content': { ...UNIT_DRAFT, of: 'evidence' },
  'GET /api/escalations': { ...UNIT, of: 'escalation', list: 'id' },
  'GET /api/escalations/:id': { ...UNIT, of: 'escalation' },
  'GET /api/notifications': {
    admin: INBOX,
    office: INBOX,
    inspector: INBOX,
    leader: INBOX,
    liaison: INBOX,
    of: 'notification',
    list: 'id',
  },
  'GET /api/notifications/:id': { admin: INBOX, office: INBOX, inspector: INBOX, leader: INBOX, liaison: INBOX, of: 'notification' },
  // The audit log shows no more than the resource: an event about a draft is hidden like the draft.
  'GET /api/audit-events': {
    ...only({ admin: { own: 200, other: 200, draft: 404 }, office: { own: 200, other: 200, draft: 404 } }),
    of: 'auditEvent',
    list: 'id',
  },
  'GET /api/audit-events/:id': {
    ...only({ admin: { own: 200, other: 200, draft: 404 }, office: { own: 200, other: 200, draft: 404 } }),
    of: 'auditEvent',
  },
  'GET /api/audit-events/verify': only({ admin: 200, office: 200 }),
  // A published month is everyone's; a draft month only the office's and the admin's preview.
  'GET /api/bulletins': {
    admin: { own: 200, draft: 200 },
    office: { own: 200, draft: 200 },
    inspector: { own: 200, draft: 404 },
    leader: { own: 200, draft: 404 },
    liaison: { own: 200, draft: 404 },
    of: 'bulletin',
    list: 'id',
  },
  'GET /api/bulletins/:id': {
    admin: { own: 200, draft: 200 },
    office: { own: 200, draft: 200 },
    inspector: { own: 200, draft: 404 },
    leader: { own: 200, draft: 404 },
    liaison: { own: 200, draft: 404 },
    of: 'bulletin',
  },
  'GET /api/exports/bulletin.docx': {
    admin: { own: 200, draft: 200 },
    office: { own: 200, draft: 200 },
    inspector: { own: 200, draft: 404 },
    leader: { own: 200, draft: 404 },
    liaison: { own: 200, draft: 404 },
    of: 'bulletinMonth',
    query: 'month=:id',
  },
  'GET /api/exports/bulletin.xlsx': {
    admin: { own: 200, draft: 200 },
    office: { own: 200, draft: 200 },
    inspector: { own: 200, draft: 404 },
    leader: { own: 200, draft: 404 },
    liaison: { own: 200, draft: 404 },
    of: 'bulletinMonth',
    query: 'month=:id',
  },
  // The ledger and the dashboards: a leader's or liaison's own unit only (checked row by row below).
  'GET /api/exports/assignments.xlsx': { ...U },
  // A 督办单 (any notice on the ladder) as .docx: whoever reads the notice; another unit's is a 404.
  'GET /api/exports/supervision-notice.docx': { ...UNIT, of: 'escalation', query: 'id=:id' },
  'GET /api/dashboard/summary': { ...U },
  'GET /api/dashboard/indicators': { ...U },
  'GET /api/dashboard/by-unit': { ...U },
  'GET /api/dashboard/by-county': { ...U },
  'GET /api/dashboard/by-chapter': { ...U },
  'GET /api/dashboard/by-level': { ...U },

  // ---- writes ----
  'POST /api/auth/login': { admin: 'ok', office: 'ok', inspector: 'ok', leader: 'ok', liaison: 'ok' },
  'PUT /api/settings': only({ admin: 'ok' }),
  'PUT /api/settings/clock': only({ admin: 'ok' }),
  'PUT /api/calendar/:year': only({ admin: 'ok' }),
  'POST /api/jobs/sweep': only({ admin: 'ok', office: 'ok' }),
  'POST /api/users': only({ admin: 'ok' }),
  'PUT /api/users/:id': { ...only({ admin: 'ok' }), of: 'user' },
  'DELETE /api/users/:id': { ...only({ admin: 'ok' }), of: 'user' },
  'POST /api/org-units': only({ admin: 'ok' }),
  'PUT /api/org-units/:id': { ...only({ admin: 'ok' }), of: 'orgUnit' },
  'DELETE /api/org-units/:id': { ...only({ admin: 'ok' }), of: 'orgUnit' },
  'POST /api/duty-rules': only({ admin: 'ok', office: 'ok' }),
  'PUT /api/duty-rules/:id': { ...only({ admin: 'ok', office: 'ok' }), of: 'dutyRule' },
  'DELETE /api/duty-rules/:id': { ...only({ admin: 'ok', office: 'ok' }), of: 'dutyRule' },
  'POST /api/plans/import': only({ admin: 'ok', office: 'ok' }),
  'POST /api/plans/:id/publish': { ...only({ office: 'ok' }), of: 'plan' },
  'POST /api/plans/:id/decompose-all': { ...only({ office: 'ok' }), of: 'plan' },
  'POST /api/plan-items/:id/decompose': { ...only({ office: 'ok' }), of: 'planItem' },
  'PUT /api/assignments/:id': { ...only({ office: 'ok' }), of: 'assignment' },
  'DELETE /api/assignments/:id': { ...only({ office: 'ok' }), of: 'assignment' },
  'POST /api/assignments/:id/acknowledge': {
    ...only({ leader: { own: 'ok', other: 404 }, liaison: { own: 'ok', other: 404 } }),
    of: 'assignment',
  },
  'POST /api/reports': { ...only({ liaison: { own: 'ok', other: 404 } }), of: 'assignment' },
  'PUT /api/reports/:id': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'report' },
  'POST /api/reports/:id/submit': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'report' },
  'POST /api/reports/:id/confirm': { ...only({ leader: { own: 'ok', other: 404, draft: 'ok' } }), of: 'report' },
  'POST /api/reports/:id/approve': { ...only({ inspector: { own: 'ok', other: 'ok', draft: 404 } }), of: 'report' },
  'POST /api/reports/:id/return': {
    ...only({
      office: { own: 'ok', other: 'ok', draft: 404 },
      inspector: { own: 'ok', other: 'ok', draft: 404 },
      leader: { own: 'ok', other: 404, draft: 'ok' },
    }),
    of: 'report',
  },
  'POST /api/reports/:id/accept': { ...only({ office: { own: 'ok', other: 'ok', draft: 404 } }), of: 'report' },
  'POST /api/reports/approve-many': only({ inspector: 'ok' }),
  'POST /api/evaluations/publish': only({ office: 'ok' }),
  'POST /api/indicator-values': only({ liaison: 'ok' }),
  'PUT /api/indicator-values/:id': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'indicatorValue' },
  'POST /api/indicator-values/:id/submit': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'indicatorValue' },
  'POST /api/indicator-values/:id/confirm': { ...only({ leader: { own: 'ok', other: 404, draft: 'ok' } }), of: 'indicatorValue' },
  'POST /api/indicator-values/:id/approve': {
    ...only({ inspector: { own: 'ok', other: 'ok', draft: 404 } }),
    of: 'indicatorValue',
  },
  'POST /api/indicator-values/:id/return': {
    ...only({
      office: { own: 'ok', other: 'ok', draft: 404 },
      inspector: { own: 'ok', other: 'ok', draft: 404 },
      leader: { own: 'ok', other: 404, draft: 'ok' },
    }),
    of: 'indicatorValue',
  },
  'POST /api/indicator-values/:id/accept': { ...only({ office: { own: 'ok', other: 'ok', draft: 404 } }), of: 'indicatorValue' },
  'POST /api/indicator-values/:id/evidence': {
    ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }),
    of: 'indicatorValue',
  },
  'POST /api/reports/:id/evidence': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'report' },
  'DELETE /api/evidence/:id': { ...only({ liaison: { own: 'ok', other: 404, draft: 'ok' } }), of: 'evidence' },
  'POST /api/escalations': only({ office: 'ok' }),
  'POST /api/escalations/:id/confirm': { ...only({ office: 'ok' }), of: 'escalation' },
  'POST /api/escalations/:id/respond': {
    ...only({ leader: { own: 'ok', other: 404 }, liaison: { own: 'ok', other: 404 } }),
    of: 'escalation',
  },
  'POST /api/bulletins/:month/publish': only({ office: 'ok' }),
  'POST /api/notifications/:id/read': {
    admin: { own: 'ok', other: 404 },
    office: { own: 'ok', other: 404 },
    inspector: { own: 'ok', other: 404 },
    leader: { own: 'ok', other: 404 },
    liaison: { own: 'ok', other: 404 },
    of: 'notification',
  },
  'POST /api/notifications/read-all': { admin: 'ok', office: 'ok', inspector: 'ok', leader: 'ok', liaison: 'ok' },
};

// ---------------------------------------------------------------------------------------------------------------

let t: TestApp;
const USERNAME: Record<Role, string> = {
  admin: 'admin',
  office: 'office',
  inspector: 'inspector1',
  leader: 'forestry-leader',
  liaison: 'forestry-liaison',
};
const OWN_UNIT = 'forestry';
const OTHER_UNIT = 'water-resources';
const auth: Partial<Record<Role, Record<string, string>>> = {};
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

/** The records each variant stands for, per kind; notifications per role (each caller's own inbox). */
const records: Partial<Record<Kind, Partial<Record<Variant, string>>>> = {};
const inbox: Partial<Record<Role, string>> = {};
const unitNames: Record<'own' | 'other', string> = { own: '', other: '' };
const unitIds: Record<'own' | 'other', string> = { own: '', other: '' };

/** Every route with its method, read from the controllers' metadata (as routes.int-spec.ts does). */
function routes(): string[] {
  const modules = t.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const out = new Set<string>();
  for (const wrapper of [...modules.values()].flatMap((m) => [...m.controllers.values()])) {
    const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!ctrl) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
    for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
      const handler = (ctrl.prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      out.add(`${method} /api/${[base, path].filter((p) => p && p !== '/').join('/')}`);
    }
  }
  return [...out].sort();
}

let itemOffset = 0;
async function assignment(unitCode: string): Promise<string> {
  const [item] = await t.db.query(`SELECT id, plan_id FROM plan_items WHERE assignable ORDER BY position LIMIT 1 OFFSET $1`, [
    itemOffset++,
  ]);
  const [a] = await t.db.query(
    `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, report_cycle, assigned_on)
     SELECT $1, $2, u.id, 'lead', '2024-05-31', 'quarterly', '2024-01-15' FROM org_units u WHERE u.code = $3 RETURNING id`,
    [item.plan_id, item.id, unitCode],
  );
  return a.id;
}

/** A report of the unit with one piece of evidence; submitted unless `draft`. */
async function report(unitCode: string, assignmentId: string, submit: boolean): Promise<{ report: string; evidence: string }> {
  const liaison = await as(`${unitCode}-liaison`);
  const created = await t.http
    .post('/api/reports')
    .set(liaison)
    .send({ assignmentId, period: '2024-Q1', summary: `${unitCode} 的进展`, progress: 30 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const upload = await t.http.post(`/api/reports/${created.body.id}/evidence`).set(liaison).attach('file', photo, '现场.jpg');
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  if (submit) {
    const current = await t.http.get(`/api/reports/${created.body.id}`).set(liaison);
    const res = await t.http.post(`/api/reports/${created.body.id}/submit`).set(liaison).send({ version: current.body.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return { report: created.body.id, evidence: upload.body.id };
}

async function firstId(sql: string, params: unknown[] = []): Promise<string | undefined> {
  const rows = await t.db.query(sql, params);
  return rows[0]?.id;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) auth[role] = await as(USERNAME[role]);
  for (const v of ['own', 'other'] as const) {
    const [u] = await t.db.query(`SELECT id, name FROM org_units WHERE code = $1`, [v === 'own' ? OWN_UNIT : OTHER_UNIT]);
    unitIds[v] = u.id;
    unitNames[v] = u.name;
  }
  const ownA = await assignment(OWN_UNIT);
  const otherA = await assignment(OTHER_UNIT);
  const draftA = await assignment(OWN_UNIT);
  const own = await report(OWN_UNIT, ownA, true);
  const other = await report(OTHER_UNIT, otherA, true);
  const draft = await report(OWN_UNIT, draftA, false);
  records.assignment = { own: ownA, other: otherA };
  records.report = { own: own.report, other: other.report, draft: draft.report };
  records.evidence = { own: own.evidence, other: other.evidence, draft: draft.evidence };
  const escalation = async (assignmentId: string) => {
    const res = await t.http.post('/api/escalations').set(auth.office!).send({ assignmentId, reason: '请于本周五前报送进展' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (Array.isArray(res.body) ? res.body[0] : res.body).id as string;
  };
  records.escalation = { own: await escalation(ownA), other: await escalation(otherA) };
  records.user = {
    own: await firstId(`SELECT id FROM users WHERE username = $1`, [`${OWN_UNIT}-liaison`]),
    other: await firstId(`SELECT id FROM users WHERE username = $1`, [`${OTHER_UNIT}-liaison`]),
  };
  // The audit events of the submissions, and of the draft's creation (the unit's own work in progress).
  const event = (entityId: string, action: string) =>
    firstId(`SELECT id FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY seq LIMIT 1`, [entityId, action]);
  records.auditEvent = {
    own: await event(own.report, 'submit'),
    other: await event(other.report, 'submit'),
    draft: await event(draft.report, 'create'),
  };
  // A notification in each caller's inbox, and one of another unit's leader (`other`).
  for (const role of ROLES) {
    inbox[role] = await firstId(
      `INSERT INTO notifications (user_id, org_unit_id, kind, title, body)
       SELECT id, org_unit_id, 'report_submitted', '矩阵测试', '矩阵测试' FROM users WHERE username = $1 RETURNING id`,
      [USERNAME[role]],
    );
  }
  records.notification = {
    other: await firstId(
      `INSERT INTO notifications (user_id, org_unit_id, kind, title, body)
       SELECT id, org_unit_id, 'report_submitted', '别的单位', '别的单位' FROM users WHERE username = $1 RETURNING id`,
      [`${OTHER_UNIT}-leader`],
    ),
  };
  const published = await t.http.post('/api/bulletins/2024-04/publish').set(auth.office!);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  records.bulletin = {
    own: await firstId(`SELECT id FROM bulletin_months WHERE month = '2024-04'`),
    draft: await firstId(`SELECT id FROM bulletin_months WHERE month = '2024-05'`),
  };
  records.bulletinMonth = { own: '2024-04', draft: '2024-05' };
  records.plan = { own: await firstId(`SELECT id FROM plans WHERE status = 'published' LIMIT 1`) };
  records.planItem = { own: await firstId(`SELECT id FROM plan_items WHERE assignable ORDER BY position LIMIT 1`) };
  records.orgUnit = { own: unitIds.own };
  records.dutyRule = { own: await firstId(`SELECT id FROM duty_rules LIMIT 1`) };
  records.indicator = { own: await firstId(`SELECT id FROM indicators LIMIT 1`) };
  // Indicator values of the unit (submitted), of the other unit (submitted) and the unit's draft.
  const indicatorValue = (n: number, unitCode: string, status: string) =>
    firstId(
      `INSERT INTO indicator_values (plan_id, indicator_id, org_unit_id, year, value, status, created_by, waiting_since)
       SELECT i.plan_id, i.id, u.id, 2023, 1, $3, (SELECT id FROM users WHERE username = 'admin'), now()
         FROM indicators i, org_units u WHERE i.number = $1 AND u.code = $2 ORDER BY i.position LIMIT 1 RETURNING id`,
      [n, unitCode, status],
    );
  records.indicatorValue = {
    own: await indicatorValue(15, OWN_UNIT, 'submitted'),
    other: await indicatorValue(1, OTHER_UNIT, 'submitted'),
    draft: await indicatorValue(2, OWN_UNIT, 'draft'),
  };
  records.glossaryTerm = { own: await firstId(`SELECT id FROM glossary_terms LIMIT 1`) };
}, 120_000);
afterAll(() => t.close());

/** The record a cell's variant stands for (a notification: the caller's own inbox for `own`). */
/** A fresh record standing in for one cell's (a write that may change it), set for that cell only. */
let fresh: { kind: Kind; variant: Variant; id: string } | null = null;

function recordFor(kind: Kind, variant: Variant, role: Role): string {
  if (fresh && fresh.kind === kind && fresh.variant === variant) return fresh.id;
  const id = kind === 'notification' && variant === 'own' ? inbox[role] : records[kind]?.[variant];
  if (!id) throw new Error(`no ${variant} ${kind} record in the fixtures`);
  return id;
}

function cellsOf(row: Row, role: Role): [Variant | null, Code][] {
  const cell = row[role];
  if (typeof cell !== 'object') return [[null, cell]];
  return Object.entries(cell).map(([v, code]) => [v as Variant, code as Code]);
}

function pathFor(route: string, row: Row, role: Role, variant: Variant | null): string {
  const path = route.split(' ')[1];
  return path
    .replace(':id', () => (row.of ? recordFor(row.of, variant ?? 'own', role) : '00000000-0000-4000-8000-000000000000'))
    .replace(':year', '2024')
    .replace(':month', '2024-05');
}

/** A body that passes validation, so a refusal is about access and nothing else. */
async function bodyFor(route: string, row: Row, role: Role, variant: Variant | null): Promise<Record<string, unknown>> {
  const id = row.of && (row.of !== 'notification' || variant) ? recordFor(row.of, variant ?? 'own', role) : null;
  const version = async () => {
    if (row.of !== 'report' || !id) return 1;
    const [r] = await t.db.query(`SELECT version FROM reports WHERE id = $1`, [id]);
    return r.version as number;
  };
  switch (route) {
    case 'POST /api/reports':
      return { assignmentId: id, period: '2024-Q2', summary: '不该写进去的报告', progress: 10 };
    case 'PUT /api/reports/:id':
      return { version: await version(), summary: '不该改成的摘要' };
    case 'POST /api/reports/:id/submit':
    case 'POST /api/reports/:id/confirm':
    case 'POST /api/reports/:id/approve':
    case 'POST /api/reports/:id/accept':
      return { version: await version() };
    case 'POST /api/reports/:id/return':
      return { version: await version(), comment: '退回理由' };
    case 'POST /api/indicator-values':
      return { indicatorId: records.indicator!.own, year: 2023, value: 1 };
    case 'PUT /api/indicator-values/:id':
    case 'POST /api/indicator-values/:id/submit':
    case 'POST /api/indicator-values/:id/confirm':
    case 'POST /api/indicator-values/:id/approve':
    case 'POST /api/indicator-values/:id/accept':
      return { version: 1 };
    case 'POST /api/indicator-values/:id/return':
      return { version: 1, comment: '退回理由' };
    case 'POST /api/reports/approve-many':
      return { ids: [records.report!.own, records.report!.draft] };
    case 'POST /api/escalations/:id/respond':
      return { response: '已按要求办理', promisedDate: '2024-06-28' };
    case 'POST /api/escalations':
      return { assignmentId: records.assignment!.own, reason: '不该发出的催办' };
    default:
      return {};
  }
}

/** What a refused write must leave as it was: every table a write touches, counted and hashed. */
async function fingerprint(): Promise<string> {
  const [row] = await t.db.query(`SELECT
      (SELECT count(*) FROM audit_events) AS audit,
      (SELECT md5(string_agg(id::text || version::text || status, ',' ORDER BY id)) FROM reports) AS reports,
      (SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM evidence) AS evidence,
      (SELECT md5(string_agg(id::text || version::text || status, ',' ORDER BY id)) FROM indicator_values) AS indicator_values,
      (SELECT md5(string_agg(id::text || version::text || status, ',' ORDER BY id)) FROM assignments) AS assignments,
      (SELECT md5(string_agg(id::text || coalesce(response, '') || coalesce(resolved_at::text, ''), ',' ORDER BY id)) FROM escalations) AS escalations,
      (SELECT md5(string_agg(id::text || coalesce(read_at::text, ''), ',' ORDER BY id)) FROM notifications) AS notifications,
      (SELECT md5(string_agg(id::text || version::text, ',' ORDER BY id)) FROM users) AS users,
      (SELECT md5(string_agg(id::text || status, ',' ORDER BY id)) FROM bulletin_months) AS bulletins`);
  return JSON.stringify(row);
}

async function send(method: string, path: string, role: Role, body: Record<string, unknown>, query = '') {
  const url = query ? `${path}?${query}` : path;
  const h = auth[role]!;
  switch (method) {
    case 'GET':
      return t.http.get(url).set(h);
    case 'POST':
      if (path.endsWith('/evidence')) return t.http.post(url).set(h).attach('file', photo, '不该传上去.jpg');
      return t.http.post(url).set(h).send(body);
    case 'PUT':
      return t.http.put(url).set(h).send(body);
    case 'DELETE':
      return t.http.delete(url).set(h);
  }
  throw new Error(method);
}

describe('access matrix', () => {
  it('should have one row for every route of the app, and none for a route that is gone', () => {
    const live = routes();
    expect(
      live.filter((r) => !Object.hasOwn(MATRIX, r)),
      'routes without a row in MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !live.includes(r)),
      'rows of MATRIX for no route',
    ).toEqual([]);
  });

  it('should answer every read as the table says, lists showing exactly the records the table says', async () => {
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method] = route.split(' ');
      if (method !== 'GET') continue;
      for (const role of ROLES) {
        if (row.list) {
          const cells = cellsOf(row, role);
          const ids = cells.map(([v]) => recordFor(row.of!, v ?? 'own', role));
          const res = await send('GET', route.split(' ')[1], role, {}, q({ filter: { [row.list]: ids }, range: [0, 99] }));
          const forbidden = cells.every(([, code]) => code === 403);
          if (forbidden) {
            if (res.status !== 403) wrong.push(`${route} ${role}: ${res.status}, expected 403`);
            continue;
          }
          if (res.status !== 200) {
            wrong.push(`${route} ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            continue;
          }
          const listed = new Set((res.body as { id: string }[]).map((r) => r.id));
          const expected = cells.filter(([, code]) => code === 200).map(([v]) => recordFor(row.of!, v ?? 'own', role));
          for (const [v, code] of cells) {
            const id = recordFor(row.of!, v ?? 'own', role);
            if (listed.has(id) !== (code === 200))
              wrong.push(`${route} ${role} ${v}: ${listed.has(id) ? 'listed' : 'absent'}, expected ${code}`);
          }
          if (listed.size !== expected.length) wrong.push(`${route} ${role}: ${listed.size} rows for ${expected.length} expected`);
          const total = String(res.headers['content-range'] ?? '').split('/')[1];
          if (total !== String(expected.length))
            wrong.push(`${route} ${role}: Content-Range ${res.headers['content-range']}, expected total ${expected.length}`);
          continue;
        }
        for (const [variant, code] of cellsOf(row, role)) {
          const query = row.query?.replace(':id', () => recordFor(row.of!, variant ?? 'own', role));
          const res = await send('GET', pathFor(route, row, role, variant), role, {}, query);
          if (res.status !== code) wrong.push(`${route} ${role}${variant ? ` ${variant}` : ''}: ${res.status}, expected ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('should refuse every write the table refuses (403 wrong role, 404 another unit or a draft) and change nothing', async () => {
    const wrong: string[] = [];
    let runs = 0;
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method] = route.split(' ');
      if (method === 'GET') continue;
      for (const role of ROLES) {
        for (const [variant, code] of cellsOf(row, role)) {
          if (code === 'ok') continue;
          const before = await fingerprint();
          const res = await send(method, pathFor(route, row, role, variant), role, await bodyFor(route, row, role, variant));
          runs++;
          if (res.status !== code) wrong.push(`${route} ${role}${variant ? ` ${variant}` : ''}: ${res.status}, expected ${code}`);
          if ((await fingerprint()) !== before) wrong.push(`${route} ${role}${variant ? ` ${variant}` : ''}: changed data`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(runs).toBeGreaterThan(100);
  }, 120_000);

  it('should let a leader or liaison through to their own unit’s records where the table says ok (fresh records for each)', async () => {
    const wrong: string[] = [];
    let runs = 0;
    const make = async (kind: Kind, variant: Variant, role: Role): Promise<string | null> => {
      switch (kind) {
        case 'assignment':
          return assignment(OWN_UNIT);
        case 'report':
        case 'evidence': {
          const made = await report(OWN_UNIT, await assignment(OWN_UNIT), variant !== 'draft');
          return kind === 'report' ? made.report : made.evidence;
        }
        case 'escalation': {
          const res = await t.http
            .post('/api/escalations')
            .set(auth.office!)
            .send({ assignmentId: await assignment(OWN_UNIT), reason: '请于本周五前报送进展' });
          return (Array.isArray(res.body) ? res.body[0] : res.body).id as string;
        }
        case 'notification':
          return (
            (await firstId(
              `INSERT INTO notifications (user_id, org_unit_id, kind, title, body)
               SELECT id, org_unit_id, 'report_submitted', '矩阵测试', '矩阵测试' FROM users WHERE username = $1 RETURNING id`,
              [USERNAME[role]],
            )) ?? null
          );
        default:
          return null;
      }
    };
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method] = route.split(' ');
      if (method === 'GET' || !row.of) continue;
      for (const role of ROLES) {
        if (row.of !== 'notification' && role !== 'leader' && role !== 'liaison') continue;
        for (const [variant, code] of cellsOf(row, role)) {
          if (code !== 'ok' || !variant) continue;
          const id = await make(row.of, variant, role);
          if (!id) continue;
          fresh = { kind: row.of, variant, id };
          try {
            const res = await send(method, pathFor(route, row, role, variant), role, await bodyFor(route, row, role, variant));
            runs++;
            // Through access: whatever the workflow then says (200, 201, a 409 for a step that does not apply).
            if ([401, 403, 404].includes(res.status) || res.status >= 500)
              wrong.push(`${route} ${role} ${variant}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          } finally {
            fresh = null;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(runs).toBeGreaterThan(15);
  }, 120_000);

  it('should let an inspector approve none of a unit’s drafts through approve-many', async () => {
    const before = await fingerprint();
    const res = await t.http
      .post('/api/reports/approve-many')
      .set(auth.inspector!)
      .send({ ids: [records.report!.draft] });
    expect(res.status).toBe(200);
    // Answered like the single approve's 404: not found, its status not told.
    expect(res.body).toEqual([{ id: records.report!.draft, status: null, error: '报告不存在' }]);
    expect(await fingerprint()).toBe(before);
  });
});

describe('what a leader or liaison learns of other units', () => {
  it('should list, unfiltered, only their own unit’s rows, with the count in Content-Range, and no drafts to anyone outside the unit', async () => {
    const tables: Record<string, string> = {
      assignments: 'assignments',
      reports: 'reports',
      evidence: 'evidence',
      escalations: 'escalations',
      users: 'users',
    };
    for (const [resource, table] of Object.entries(tables)) {
      for (const role of ['leader', 'liaison'] as const) {
        const res = await t.http.get(`/api/${resource}?${q({ range: [0, 999] })}`).set(auth[role]!);
        expect(res.status, `${resource} ${role}`).toBe(200);
        const rows = res.body as { orgUnitId: string }[];
        expect(rows.length, `${resource} ${role}`).toBeGreaterThan(0);
        expect(
          rows.filter((r) => r.orgUnitId !== unitIds.own),
          `${resource} ${role}`,
        ).toEqual([]);
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_unit_id = $1`, [unitIds.own]);
        expect(res.headers['content-range'], `${resource} ${role}`).toBe(`${resource} 0-${n - 1}/${n}`);
      }
    }
    for (const role of ['admin', 'office', 'inspector'] as const) {
      const reports = await t.http.get(`/api/reports?${q({ range: [0, 999] })}`).set(auth[role]!);
      expect(
        (reports.body as { status: string }[]).filter((r) => r.status === 'draft'),
        role,
      ).toEqual([]);
      expect((reports.body as { id: string }[]).map((r) => r.id)).toEqual(
        expect.arrayContaining([records.report!.own, records.report!.other]),
      );
      const evidence = await t.http.get(`/api/evidence?${q({ range: [0, 999] })}`).set(auth[role]!);
      expect(
        (evidence.body as { reportStatus: string }[]).filter((e) => e.reportStatus === 'draft'),
        role,
      ).toEqual([]);
      expect((evidence.body as { id: string }[]).map((e) => e.id)).not.toContain(records.evidence!.draft);
    }
  });

  it('should show every caller only their own inbox', async () => {
    for (const role of ROLES) {
      const res = await t.http.get(`/api/notifications?${q({ range: [0, 999] })}`).set(auth[role]!);
      expect(res.status).toBe(200);
      const [me] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [USERNAME[role]]);
      expect(
        (res.body as { userId: string }[]).filter((n) => n.userId !== me.id),
        role,
      ).toEqual([]);
      expect(
        (res.body as { id: string }[]).map((n) => n.id),
        role,
      ).toContain(inbox[role]);
    }
  });

  it('should give them a ledger with their own unit’s rows only, and the office every unit’s', async () => {
    const names = async (role: Role) => {
      const res = await t.http
        .get('/api/exports/assignments.xlsx')
        .set(auth[role]!)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
      const text: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => text.push(String(c.text)))));
      return text.join('\n');
    };
    for (const role of ['leader', 'liaison'] as const) {
      const text = await names(role);
      expect(text, role).toContain(unitNames.own);
      expect(text, role).not.toContain(unitNames.other);
    }
    const office = await names('office');
    expect(office).toContain(unitNames.own);
    expect(office).toContain(unitNames.other);
  });

  it('should count their own unit’s work only on every dashboard', async () => {
    for (const role of ['leader', 'liaison'] as const) {
      const byUnit = await t.http.get('/api/dashboard/by-unit').set(auth[role]!);
      expect(byUnit.status).toBe(200);
      const rows = (Array.isArray(byUnit.body) ? byUnit.body : byUnit.body.rows) as { orgUnitId: string }[];
      expect(rows.map((r) => r.orgUnitId)).toEqual([unitIds.own]);
      for (const path of ['summary', 'by-county', 'by-chapter', 'by-level']) {
        const res = await t.http.get(`/api/dashboard/${path}`).set(auth[role]!);
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body), `${role} ${path}`).not.toContain(unitIds.other);
        expect(JSON.stringify(res.body), `${role} ${path}`).not.toContain(unitNames.other);
      }
    }
    const office = await t.http.get('/api/dashboard/by-unit').set(auth.office!);
    const officeRows = (Array.isArray(office.body) ? office.body : office.body.rows) as { orgUnitId: string }[];
    expect(officeRows.map((r) => r.orgUnitId)).toEqual(expect.arrayContaining([unitIds.own, unitIds.other]));
  });

  it('should keep the audit log closed to them and the draft’s text out of the office’s whole audit log', async () => {
    for (const role of ['leader', 'liaison', 'inspector'] as const) {
      expect((await t.http.get('/api/audit-events').set(auth[role]!)).status).toBe(403);
    }
    const all = await t.http.get(`/api/audit-events?${q({ range: [0, 999] })}`).set(auth.office!);
    expect(all.status).toBe(200);
    expect(JSON.stringify(all.body)).not.toContain(records.report!.draft);
    expect(JSON.stringify(all.body)).not.toContain(records.evidence!.draft);
    expect(JSON.stringify(all.body)).toContain(records.report!.own);
  });
});

describe('the console decides on a record as the API does', () => {
  it('should give each evidence record its report’s status, the field the ability’s reportStatus condition reads', async () => {
    const own = await t.http.get(`/api/evidence/${records.evidence!.own}`).set(auth.office!);
    expect(own.status).toBe(200);
    expect(own.body.reportStatus).toBe('submitted');
    const draft = await t.http.get(`/api/evidence/${records.evidence!.draft}`).set(auth.liaison!);
    expect(draft.status).toBe(200);
    expect(draft.body.reportStatus).toBe('draft');
    const list = await t.http.get(`/api/evidence?${q({ filter: { id: [records.evidence!.draft] } })}`).set(auth.liaison!);
    expect(list.body.map((e: { reportStatus: string }) => e.reportStatus)).toEqual(['draft']);
    // Sorting by it is not offered (it is derived, not a column).
    expect((await t.http.get(`/api/evidence?${q({ sort: ['reportStatus', 'ASC'] })}`).set(auth.office!)).status).toBe(400);
  });
});
