import { subject } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { REPORT_STATUSES, REPORT_UNIT_ONLY_STATUSES } from '@duban/domain';
import { describe, expect, it } from 'vitest';
import { abilityFromRules, defineAbilityFor, isUnitBound, rulesFor, type AbilityUser } from './index';

const unitA = '11111111-1111-4111-8111-111111111111';
const unitB = '22222222-2222-4222-8222-222222222222';
const as = (role: AbilityUser['role'], orgUnitId: string | null = null): AbilityUser => ({ id: `${role}-id`, role, orgUnitId });

describe('defineAbilityFor', () => {
  it('should confine a liaison to their own unit’s reports', () => {
    const a = defineAbilityFor(as('liaison', unitA));
    expect(a.can('read', subject('Report', { orgUnitId: unitA }))).toBe(true);
    expect(a.can('read', subject('Report', { orgUnitId: unitB }))).toBe(false);
    expect(a.can('submit', subject('Report', { orgUnitId: unitA }))).toBe(true);
    expect(a.can('confirm', 'Report')).toBe(false);
    expect(a.can('create', 'User')).toBe(false);
  });

  it('should let only a leader answer a supervision notice', () => {
    const leader = defineAbilityFor(as('leader', unitA));
    const liaison = defineAbilityFor(as('liaison', unitA));
    const notice = { orgUnitId: unitA, kind: 'supervision' };
    expect(leader.can('respond', subject('Escalation', { ...notice }))).toBe(true);
    expect(liaison.can('respond', subject('Escalation', { ...notice }))).toBe(false);
    expect(liaison.can('respond', subject('Escalation', { ...notice, kind: 'urge' }))).toBe(true);
  });

  it('should let only the unit’s leader or liaison acknowledge (签收) its assignment', () => {
    for (const role of ['leader', 'liaison'] as const) {
      const a = defineAbilityFor(as(role, unitA));
      expect(a.can('acknowledge', subject('Assignment', { orgUnitId: unitA }))).toBe(true);
      expect(a.can('acknowledge', subject('Assignment', { orgUnitId: unitB }))).toBe(false);
    }
    for (const role of ['admin', 'office', 'inspector'] as const)
      expect(defineAbilityFor(as(role)).can('acknowledge', 'Assignment')).toBe(false);
  });

  it('should keep the admin out of approvals and the inspector out of acceptance', () => {
    const admin = defineAbilityFor(as('admin'));
    expect(admin.can('read', 'Report')).toBe(true);
    expect(admin.can('approve', 'Report')).toBe(false);
    expect(admin.can('accept', 'Report')).toBe(false);
    const inspector = defineAbilityFor(as('inspector'));
    expect(inspector.can('approve', 'Report')).toBe(true);
    expect(inspector.can('accept', 'Report')).toBe(false);
    expect(defineAbilityFor(as('office')).can('accept', 'Report')).toBe(true);
  });

  it('should give every role the plan itself to read', () => {
    for (const role of ['admin', 'office', 'inspector', 'leader', 'liaison'] as const) {
      const a = defineAbilityFor(as(role, role === 'leader' || role === 'liaison' ? unitA : null));
      expect(a.can('read', 'PlanItem')).toBe(true);
      expect(a.can('read', 'Indicator')).toBe(true);
    }
  });

  it('should rebuild the same ability from the rules the console receives', () => {
    const user = as('leader', unitA);
    const rebuilt = abilityFromRules(JSON.parse(JSON.stringify(rulesFor(user))));
    expect(rebuilt.can('confirm', subject('Report', { orgUnitId: unitA }))).toBe(true);
    expect(rebuilt.can('confirm', subject('Report', { orgUnitId: unitB }))).toBe(false);
  });

  it('should bind leaders and liaisons to their unit, and nobody else', () => {
    expect(isUnitBound('liaison')).toBe(true);
    expect(isUnitBound('leader')).toBe(true);
    expect(isUnitBound('office')).toBe(false);
    expect(isUnitBound('inspector')).toBe(false);
  });

  it('should hide a draft report, its evidence and its audit events from every role outside its unit', () => {
    for (const role of ['admin', 'office', 'inspector'] as const) {
      const a = defineAbilityFor(as(role));
      expect(a.can('read', subject('Report', { orgUnitId: unitA, status: 'draft' }))).toBe(false);
      expect(a.can('read', subject('Report', { orgUnitId: unitA, status: 'returned' }))).toBe(true);
      expect(a.can('read', subject('Evidence', { orgUnitId: unitA, reportStatus: 'draft' }))).toBe(false);
      expect(a.can('read', subject('Evidence', { orgUnitId: unitA, reportStatus: 'submitted' }))).toBe(true);
    }
    expect(defineAbilityFor(as('office')).can('read', subject('AuditEvent', { reportStatus: 'draft' }))).toBe(false);
    expect(defineAbilityFor(as('office')).can('read', subject('AuditEvent', { entity: 'Plan' }))).toBe(true);
    expect(defineAbilityFor(as('liaison', unitA)).can('read', subject('Report', { orgUnitId: unitA, status: 'draft' }))).toBe(true);
  });

  it('should let a user read only the notifications sent to them in their present unit', () => {
    const moved = defineAbilityFor({ id: 'u1', role: 'liaison', orgUnitId: unitB });
    expect(moved.can('read', subject('Notification', { userId: 'u1', orgUnitId: unitB }))).toBe(true);
    expect(moved.can('read', subject('Notification', { userId: 'u1', orgUnitId: unitA }))).toBe(false);
    expect(moved.can('read', subject('Notification', { userId: 'u2', orgUnitId: unitB }))).toBe(false);
  });

  it('should let every role read a published bulletin, only the office and the admin a draft, and only the office publish', () => {
    for (const role of ['admin', 'office', 'inspector', 'leader', 'liaison'] as const) {
      const a = defineAbilityFor(as(role, role === 'leader' || role === 'liaison' ? unitA : null));
      expect(a.can('read', subject('Bulletin', { status: 'published' }))).toBe(true);
      expect(a.can('read', subject('Bulletin', { status: 'draft' }))).toBe(role === 'admin' || role === 'office');
      expect(a.can('publish', 'Bulletin')).toBe(role === 'office');
    }
  });
});

/** The field names a rules AST reads (what a record must carry for a check on it to mean anything). */
function fieldsOf(node: { field?: string; value?: unknown } | null): string[] {
  if (!node) return [];
  if (node.field) return [node.field];
  return Array.isArray(node.value) ? node.value.flatMap((n) => fieldsOf(n as { field?: string; value?: unknown })) : [];
}

describe('the console and the API on a draft report’s evidence', () => {
  it('should decide alike: the console’s canAccess(record) with the rules /api/auth/me sends, and the rules the API turns into SQL', () => {
    const users = [as('admin'), as('office', unitA), as('inspector'), as('leader', unitA), as('liaison', unitA)];
    for (const user of users) {
      // The API: the ability itself (core/access renders its AST as the WHERE clause). The console: the same rules
      // after the JSON round trip of GET /api/auth/me, checked against the evidence record the API returns.
      const api = defineAbilityFor(user);
      const consoleAbility = abilityFromRules(JSON.parse(JSON.stringify(rulesFor(user))));
      // The API's evidence record carries every field the rules read (orgUnitId, reportStatus).
      const record = { id: 'e1', orgUnitId: unitA, reportId: 'r1', reportStatus: 'draft', filename: 'a.jpg' };
      for (const field of fieldsOf(rulesToAST(api, 'read', 'Evidence') as never)) expect(Object.keys(record)).toContain(field);
      for (const orgUnitId of [unitA, unitB]) {
        for (const reportStatus of REPORT_STATUSES) {
          const row = subject('Evidence', { ...record, orgUnitId, reportStatus });
          const expected =
            user.role === 'leader' || user.role === 'liaison'
              ? orgUnitId === user.orgUnitId
              : !(REPORT_UNIT_ONLY_STATUSES as readonly string[]).includes(reportStatus);
          expect(api.can('read', row), `${user.role} ${reportStatus} ${orgUnitId === unitA ? 'own' : 'other'}`).toBe(expected);
          expect(consoleAbility.can('read', row), `console ${user.role} ${reportStatus}`).toBe(expected);
        }
      }
    }
    // A draft's evidence: the unit's alone.
    const draft = subject('Evidence', { orgUnitId: unitA, reportStatus: 'draft' });
    expect(abilityFromRules(rulesFor(as('office', unitA))).can('read', draft)).toBe(false);
    expect(abilityFromRules(rulesFor(as('inspector'))).can('read', draft)).toBe(false);
    expect(abilityFromRules(rulesFor(as('liaison', unitA))).can('read', draft)).toBe(true);
  });
});
