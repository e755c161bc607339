/** Status and kind enums shared by the API and the console. Each has a `const` array for validation. */

export const ROLES = ['admin', 'office', 'inspector', 'leader', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_UNIT_KINDS = ['office', 'department', 'county', 'zone'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ASSIGNMENT_ROLES = ['lead', 'support', 'county'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const REPORT_CYCLES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type ReportCycle = (typeof REPORT_CYCLES)[number];

export const ASSIGNMENT_STATUSES = ['not_started', 'in_progress', 'closure_requested', 'completed', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const REPORT_STATUSES = ['draft', 'submitted', 'confirmed', 'approved', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Index = escalation level: 0 reminder (提醒), 1 urge (催办), 2 supervision (督办), 3 interview (约谈/通报). */
export const ESCALATION_KINDS = ['reminder', 'urge', 'supervision', 'interview'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * Which org-unit kinds a user of each role may belong to; `null` means "no unit".
 * (CONTRACT.md "Roles": admin none; office the commission office; inspector none or the office;
 * leader and liaison one department, county or zone.)
 */
export const ROLE_UNIT_KINDS: Readonly<Record<Role, readonly (OrgUnitKind | null)[]>> = {
  admin: [null],
  office: ['office'],
  inspector: [null, 'office'],
  leader: ['department', 'county', 'zone'],
  liaison: ['department', 'county', 'zone'],
};

/** Whether a user with `role` may belong to a unit of `kind` (`null`: no unit). */
export function roleAllowsUnitKind(role: Role, kind: OrgUnitKind | null): boolean {
  return ROLE_UNIT_KINDS[role].includes(kind);
}

/** Type guard over one of the `const` arrays above: `isOneOf(REPORT_CYCLES, input)`. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
