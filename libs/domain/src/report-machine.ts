/**
 * The report state machine (CONTRACT.md "Report status"); indicator values follow the same machine.
 * The API enforces it, the console reads it to decide which buttons to show.
 *
 *   draft/returned →(liaison: submit) submitted →(leader: confirm) confirmed →(inspector: approve) approved
 *   → a routine report ends there; a final one →(office: accept) accepted.
 *   Leader (submitted), inspector (confirmed) or office (approved, final) may return it instead: → returned.
 */
import type { ReportStatus, Role } from './enums';

export const REPORT_ACTIONS = ['submit', 'confirm', 'approve', 'return', 'accept'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export interface ReportTransition {
  action: ReportAction;
  role: Role;
  from: ReportStatus;
  to: ReportStatus;
  /** Only for a final report (申请销号). */
  finalOnly: boolean;
  /** A comment (the reason) is required. */
  reasonRequired: boolean;
}

function t(action: ReportAction, role: Role, from: ReportStatus, to: ReportStatus, finalOnly = false): ReportTransition {
  return { action, role, from, to, finalOnly, reasonRequired: action === 'return' };
}

export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  t('submit', 'liaison', 'draft', 'submitted'),
  t('submit', 'liaison', 'returned', 'submitted'),
  t('confirm', 'leader', 'submitted', 'confirmed'),
  t('approve', 'inspector', 'confirmed', 'approved'),
  t('accept', 'office', 'approved', 'accepted', true),
  t('return', 'leader', 'submitted', 'returned'),
  t('return', 'inspector', 'confirmed', 'returned'),
  t('return', 'office', 'approved', 'returned', true),
];

/** The states in which the liaison may edit the report and add or withdraw evidence. */
export const REPORT_EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

export function isReportEditable(status: ReportStatus): boolean {
  return REPORT_EDITABLE_STATUSES.includes(status);
}

/** The transition `action` from `status`, if any; with `role`, only that role's transition. */
export function findReportTransition(
  status: ReportStatus,
  action: ReportAction,
  opts: { final: boolean; role?: Role },
): ReportTransition | undefined {
  return REPORT_TRANSITIONS.find(
    (tr) =>
      tr.from === status && tr.action === action && (!tr.finalOnly || opts.final) && (opts.role === undefined || tr.role === opts.role),
  );
}

/**
 * The status after `action`, or null when it is not allowed from `status` (→ 409).
 * Pass `role` to also require that this role is the one that performs it from this state.
 */
export function nextReportStatus(status: ReportStatus, action: ReportAction, opts: { final: boolean; role?: Role }): ReportStatus | null {
  return findReportTransition(status, action, opts)?.to ?? null;
}

/** The actions `role` may take on a report in `status` (the console's buttons). */
export function allowedReportActions(status: ReportStatus, role: Role, final: boolean): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => findReportTransition(status, action, { final, role }) !== undefined);
}
