import type { Action, Subject } from '@duban/permissions';

/**
 * react-admin resource names (the REST paths, DESIGN.md) → the ability's string subjects.
 * A resource missing here is denied by canAccess, so a new resource has to be named here once.
 */
export const SUBJECT_OF_RESOURCE: Readonly<Record<string, Subject>> = {
  'org-units': 'OrgUnit',
  users: 'User',
  plans: 'Plan',
  'plan-items': 'PlanItem',
  'glossary-terms': 'GlossaryTerm',
  indicators: 'Indicator',
  'indicator-values': 'IndicatorValue',
  'duty-rules': 'DutyRule',
  assignments: 'Assignment',
  reports: 'Report',
  evidence: 'Evidence',
  escalations: 'Escalation',
  notifications: 'Notification',
  'audit-events': 'AuditEvent',
  settings: 'Setting',
  calendar: 'Calendar',
  jobs: 'Job',
  dashboard: 'Dashboard',
  evaluations: 'Evaluation',
  exports: 'Export',
  bulletins: 'Bulletin',
};

/** react-admin's page actions → the ability's actions; workflow actions (`approve`, `submit`…) pass through. */
const ACTION_OF_RA_ACTION: Readonly<Record<string, Action>> = {
  list: 'read',
  show: 'read',
  read: 'read',
  edit: 'update',
  update: 'update',
  create: 'create',
  clone: 'create',
  delete: 'delete',
  export: 'export',
};

const ABILITY_ACTIONS: ReadonlySet<string> = new Set<Action>([
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'import',
  'publish',
  'decompose',
  'submit',
  'confirm',
  'approve',
  'return',
  'accept',
  'respond',
  'run',
  'export',
]);

export function subjectOf(resource: string): Subject | undefined {
  return SUBJECT_OF_RESOURCE[resource];
}

export function abilityActionOf(raAction: string): Action | undefined {
  const action = ACTION_OF_RA_ACTION[raAction] ?? raAction;
  return ABILITY_ACTIONS.has(action) ? (action as Action) : undefined;
}
