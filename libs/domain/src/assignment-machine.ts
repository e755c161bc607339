/**
 * How an assignment's status moves (CONTRACT.md "Assignment status"). The one set of rules: the API's
 * AssignmentStatusService (apps/api/src/modules/assignments) asks this function before it writes a status.
 *
 *   not_started →(first report submitted) in_progress →(final report submitted) closure_requested
 *   closure_requested →(final report returned, no other final under review) in_progress
 *   closure_requested →(final report accepted, 销号) completed
 *   any open status →(the office removes a unit that already has history) cancelled
 *   cancelled →(the decomposition names the unit again) in_progress when it has reports, else not_started
 * Completed and cancelled are closed: reviews already under way may finish, but nothing starts or completes them.
 */
import type { AssignmentStatus } from './enums';
import type { ReportAction } from './report-machine';

export type AssignmentEvent =
  /** A report of the assignment moved; `otherFinalUnderReview`: another final report is still submitted/confirmed/approved. */
  | { kind: 'report'; action: ReportAction; final: boolean; otherFinalUnderReview?: boolean }
  /** The office removes the unit from its item while reports or notices refer to it. */
  | { kind: 'cancel' }
  /** A decomposition names a unit again; `hasReports`: reports outside their draft state exist. */
  | { kind: 'restore'; hasReports: boolean };

export type AssignmentMove =
  | { ok: true; status: AssignmentStatus }
  /** Refused: the assignment is closed (`completed` or `cancelled`) for this event. */
  | { ok: false; refused: 'completed' | 'cancelled' };

function closed(current: AssignmentStatus): current is 'completed' | 'cancelled' {
  return current === 'completed' || current === 'cancelled';
}

export function assignmentStatusAfter(current: AssignmentStatus, event: AssignmentEvent): AssignmentMove {
  const to = (status: AssignmentStatus): AssignmentMove => ({ ok: true, status });
  switch (event.kind) {
    case 'cancel':
      return closed(current) ? { ok: false, refused: current } : to('cancelled');
    case 'restore':
      if (current !== 'cancelled') return to(current);
      return to(event.hasReports ? 'in_progress' : 'not_started');
    case 'report':
      if (closed(current)) {
        return event.action === 'submit' || event.action === 'accept' ? { ok: false, refused: current } : to(current);
      }
      switch (event.action) {
        case 'submit':
          if (event.final) return to('closure_requested');
          return to(current === 'not_started' ? 'in_progress' : current);
        case 'return':
          return to(event.final && current === 'closure_requested' && !event.otherFinalUnderReview ? 'in_progress' : current);
        case 'accept':
          return to(event.final ? 'completed' : current);
        default:
          return to(current);
      }
  }
}
