/**
 * The one definition of who may do what (DESIGN.md "One ability definition").
 * Used by the API's guard and row scoping, and by the console's canAccess / <Can>.
 */
import { createMongoAbility, type ForcedSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';

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
export const UNIT_SCOPED: readonly Subject[] = ['Assignment', 'Report', 'Evidence', 'Escalation', 'User'];

/** Everything every logged-in user reads: the plan itself and what is published city-wide. */
const PUBLIC_READS: Subject[] = ['Plan', 'PlanItem', 'Indicator', 'GlossaryTerm', 'OrgUnit', 'Evaluation', 'Bulletin', 'Calendar'];

/**
 * The unit a user's reads of unit-scoped rows are confined to, or null when they see every unit.
 * The API applies this inside its queries; the ability's conditions say the same thing.
 */
export function unitScope(user: AbilityUser): string | null {
  return user.role === 'leader' || user.role === 'liaison' ? (user.orgUnitId ?? '00000000-0000-0000-0000-000000000000') : null;
}

export function rulesFor(user: AbilityUser): AppRule[] {
  const rules: AppRule[] = [
    { action: 'read', subject: PUBLIC_READS },
    // Each user's own inbox; the API selects by recipient, so no other inbox is reachable.
    { action: ['read', 'update'], subject: 'Notification', conditions: { userId: user.id } },
  ];
  const own = { orgUnitId: unitScope(user) };
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
        { action: 'read', subject: 'IndicatorValue' },
        { action: ['confirm', 'return'], subject: 'Report', conditions: own },
        { action: ['confirm', 'return'], subject: 'IndicatorValue', conditions: own },
        { action: 'respond', subject: 'Escalation', conditions: own },
      );
      break;
    case 'liaison':
      rules.push(
        { action: 'read', subject: ['Assignment', 'Report', 'Evidence', 'Escalation', 'User', 'Dashboard'], conditions: own },
        { action: 'read', subject: 'IndicatorValue' },
        { action: ['create', 'update', 'submit'], subject: ['Report', 'IndicatorValue'], conditions: own },
        { action: ['create', 'delete'], subject: 'Evidence', conditions: own },
        // A liaison answers reminders and urges; only a leader answers a 督办 supervision notice.
        { action: 'respond', subject: 'Escalation', conditions: { ...own, kind: { $in: ['reminder', 'urge'] } } },
      );
      break;
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
