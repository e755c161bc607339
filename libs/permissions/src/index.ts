/**
 * The one definition of who may do what (DESIGN.md "One ability definition").
 * Used by the API's guard and row scoping, and by the console's canAccess / <Can>.
 */
import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { REPORT_UNIT_ONLY_STATUSES } from '@duban/domain';

export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'publish'
  | 'decompose'
  | 'submit'
  | 'confirm'
  | 'approve'
  | 'return'
  | 'accept'
  | 'respond'
  | 'acknowledge'
  | 'run'
  | 'export';

export type Subject =
  | 'all'
  | 'User'
  | 'OrgUnit'
  | 'Plan'
  | 'PlanItem'
  | 'Indicator'
  | 'IndicatorValue'
  | 'GlossaryTerm'
  | 'DutyRule'
  | 'Assignment'
  | 'Report'
  | 'Evidence'
  | 'Escalation'
  | 'Notification'
  | 'AuditEvent'
  | 'Setting'
  | 'Calendar'
  | 'Job'
  | 'Dashboard'
  | 'Evaluation'
  | 'Bulletin'
  | 'Export';

/** A subject type, or a record tagged with one (`subject('Report', row)`) so conditions are checked. */
export type AppAbility = MongoAbility<[Action, Subject | ForcedSubject<Subject>]>;
export type AppRule = RawRuleOf<AppAbility>;

export interface AbilityUser {
  id: string;
  role: 'admin' | 'office' | 'inspector' | 'leader' | 'liaison';
  orgUnitId: string | null;
}

/** Subjects whose rows belong to one org unit: leaders and liaisons only ever see their own. */
export const UNIT_SCOPED: readonly Subject[] = ['Assignment', 'Report', 'IndicatorValue', 'Evidence', 'Escalation', 'User'];

/** Everything every logged-in user reads: the plan itself and what is published city-wide. */
const PUBLIC_READS: Subject[] = ['Plan', 'PlanItem', 'Indicator', 'GlossaryTerm', 'OrgUnit', 'Evaluation', 'Calendar'];

/** The unit of a leader or liaison without one: matches no row. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** Whether the role works for one unit (leader, liaison) and so only ever sees that unit's rows. */
export function isUnitBound(role: AbilityUser['role']): boolean {
  return role === 'leader' || role === 'liaison';
}

/**
 * The rules, conditions included. Conditions name fields of the subject as the API returns it (`orgUnitId`,
 * `status`, `userId`) or facts about it (`reportStatus`: the status of the report a row belongs to). The API turns
 * them into the WHERE clause of every query (apps/api/src/core/access), the console checks records with them.
 */
export function rulesFor(user: AbilityUser): AppRule[] {
  const rules: AppRule[] = [
    { action: 'read', subject: PUBLIC_READS },
    // A bulletin is public once the office has published it; the live draft is the office's (and the admin's) to preview.
    { action: 'read', subject: 'Bulletin', conditions: { status: 'published' } },
    { action: ['read', 'update'], subject: 'Notification' },
  ];
  const own = { orgUnitId: user.orgUnitId ?? NO_UNIT };
  switch (user.role) {
    case 'admin':
      rules.push(
        { action: 'read', subject: 'all' },
        { action: 'manage', subject: ['User', 'OrgUnit', 'Setting', 'Calendar', 'DutyRule', 'Job'] },
        { action: ['import', 'create', 'update'], subject: 'Plan' },
        { action: 'export', subject: 'Export' },
      );
      break;
    case 'office':
      rules.push(
        { action: 'read', subject: 'all' },
        { action: ['import', 'create', 'update', 'publish', 'decompose'], subject: 'Plan' },
        { action: ['update', 'decompose'], subject: 'PlanItem' },
        { action: ['create', 'update', 'delete', 'decompose'], subject: 'Assignment' },
        { action: ['return', 'accept'], subject: 'Report' },
        { action: ['create', 'update'], subject: 'Escalation' },
        { action: ['create', 'update', 'delete'], subject: 'DutyRule' },
        { action: ['create', 'update', 'publish'], subject: 'Indicator' },
        { action: ['return', 'accept'], subject: 'IndicatorValue' },
        { action: 'run', subject: 'Job' },
        { action: 'export', subject: 'Export' },
        { action: 'publish', subject: 'Bulletin' },
        { action: 'publish', subject: 'Evaluation' },
      );
      break;
    case 'inspector':
      rules.push(
        { action: 'read', subject: ['Assignment', 'Report', 'Evidence', 'Escalation', 'IndicatorValue', 'Dashboard', 'DutyRule', 'User'] },
        { action: ['approve', 'return'], subject: ['Report', 'IndicatorValue'] },
        { action: 'export', subject: 'Export' },
      );
      break;
    case 'leader':
      rules.push(
        { action: 'read', subject: ['Assignment', 'Report', 'Evidence', 'Escalation', 'User', 'Dashboard'], conditions: own },
        { action: 'read', subject: 'IndicatorValue', conditions: own },
        { action: ['confirm', 'return'], subject: 'Report', conditions: own },
        { action: ['confirm', 'return'], subject: 'IndicatorValue', conditions: own },
        { action: 'respond', subject: 'Escalation', conditions: own },
        // 签收: the unit's leader or liaison acknowledges its own unit's assignment.
        { action: 'acknowledge', subject: 'Assignment', conditions: own },
      );
      break;
    case 'liaison':
      rules.push(
        { action: 'read', subject: ['Assignment', 'Report', 'Evidence', 'Escalation', 'User', 'Dashboard'], conditions: own },
        { action: 'read', subject: 'IndicatorValue', conditions: own },
        { action: ['create', 'update', 'submit'], subject: ['Report', 'IndicatorValue'], conditions: own },
        { action: ['create', 'delete'], subject: 'Evidence', conditions: own },
        { action: 'acknowledge', subject: 'Assignment', conditions: own },
        // A liaison answers reminders and urges; only a leader answers a 督办 supervision notice.
        { action: 'respond', subject: 'Escalation', conditions: { ...own, kind: { $in: ['reminder', 'urge'] } } },
      );
      break;
  }
  // Each user's own inbox only, and only what was sent to them in their present unit (a user moved to another
  // unit no longer reads the old unit's notices). Inverted, so that `read all` does not open other inboxes.
  rules.push(
    { inverted: true, action: ['read', 'update'], subject: 'Notification', conditions: { userId: { $ne: user.id } } },
    { inverted: true, action: ['read', 'update'], subject: 'Notification', conditions: { orgUnitId: { $ne: user.orgUnitId } } },
  );
  if (isUnitBound(user.role)) {
    // A draft plan is the office's work in progress: units read published plans and what is in them.
    rules.push(
      { inverted: true, action: 'read', subject: 'Plan', conditions: { status: 'draft' } },
      { inverted: true, action: 'read', subject: ['PlanItem', 'Indicator', 'GlossaryTerm'], conditions: { planStatus: 'draft' } },
    );
  } else {
    // A draft is its unit's own work: nobody outside the unit reads it, its evidence, or its audit trail.
    const unitOnly = { $in: REPORT_UNIT_ONLY_STATUSES };
    rules.push(
      { inverted: true, action: 'read', subject: ['Report', 'IndicatorValue'], conditions: { status: unitOnly } },
      { inverted: true, action: 'read', subject: ['Evidence', 'AuditEvent'], conditions: { reportStatus: unitOnly } },
    );
  }
  return rules;
}

export function defineAbilityFor(user: AbilityUser): AppAbility {
  return createMongoAbility<AppAbility>(rulesFor(user));
}

/** The console rebuilds the same ability from the rules that GET /api/auth/me returns. */
export function abilityFromRules(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}
