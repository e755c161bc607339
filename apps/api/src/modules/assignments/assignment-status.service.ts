import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assignmentStatusAfter, REPORT_UNDER_REVIEW_STATUSES, type AssignmentEvent, type AssignmentStatus } from '@duban/domain';
import { ClockService } from '../../core/clock/clock.service';
import { sqlList } from '../../core/database/sql-list';
import { refuse } from '../../core/http/messages';
import { recordColumns, updatedRows, type AssignmentRecord } from './assignment-read';

/** What the status rules need to know of the assignment (locked by the caller for the change). */
export interface AssignmentStatusRow {
  id: string;
  planId: string;
  status: AssignmentStatus;
  closureRequestedOn: string | null;
}

export interface MoveOptions {
  /** A column the caller changes in the same statement: the progress of the latest approved report. */
  progress?: number;
  /** The instant of the change (the report transition's), for completed/cancelled; the clock's now by default. */
  at?: Date;
}

const REFUSALS = {
  report: { completed: 'assignments.completed.report', cancelled: 'assignments.cancelled.report' },
  cancel: { completed: 'assignments.completed.remove', cancelled: 'assignments.cancelled.remove' },
  restore: { completed: 'assignments.completed.remove', cancelled: 'assignments.cancelled.remove' },
} as const;

/**
 * The one writer of `assignments.status` (and the dates that go with it: closure requested, completed, cancelled).
 * The rules are libs/domain assignment-machine; reports, removal and decomposition all move an assignment through here.
 */
@Injectable()
export class AssignmentStatusService {
  constructor(private readonly clock: ClockService) {}

  /** Throws the 409 when `event` may not happen to the assignment (销号 or cancelled). */
  check(current: Pick<AssignmentStatusRow, 'status'>, event: AssignmentEvent): void {
    const move = assignmentStatusAfter(current.status, event);
    if (!move.ok) throw refuse(409, REFUSALS[event.kind][move.refused]);
  }

  /**
   * Applies `event` to the locked assignment: the new status and its dates, plus `opts.progress`, in one statement with one
   * new version. Returns the stored record after it, or null when nothing changed.
   */
  async move(
    m: EntityManager,
    actorId: string,
    current: AssignmentStatusRow,
    event: AssignmentEvent,
    opts: MoveOptions = {},
  ): Promise<AssignmentRecord | null> {
    if (event.kind === 'report' && event.action === 'return' && event.final && current.status === 'closure_requested') {
      const [pending] = (await m.query(
        `SELECT 1 FROM reports WHERE assignment_id = $1 AND plan_id = $2 AND final AND status IN ${sqlList(REPORT_UNDER_REVIEW_STATUSES)} LIMIT 1`,
        [current.id, current.planId],
      )) as unknown[];
      event = { ...event, otherFinalUnderReview: pending !== undefined };
    }
    const move = assignmentStatusAfter(current.status, event);
    if (!move.ok) throw refuse(409, REFUSALS[event.kind][move.refused]);
    const to = move.status;
    const at = opts.at ?? this.clock.now();
    const set: string[] = [];
    const params: unknown[] = [current.id];
    const put = (column: string, value: unknown) => {
      params.push(value);
      set.push(`${column} = $${params.length}`);
    };
    if (to !== current.status) put('status', to);
    if (event.kind === 'report' && event.action === 'submit' && event.final && !current.closureRequestedOn)
      put('closure_requested_on', this.clock.today());
    if (current.status === 'closure_requested' && to === 'in_progress') put('closure_requested_on', null);
    if (to === 'completed' && current.status !== 'completed') {
      put('completed_at', at);
      put('completed_by', actorId);
    }
    if (to === 'cancelled' && current.status !== 'cancelled') put('cancelled_at', at);
    if (current.status === 'cancelled' && to !== 'cancelled') put('cancelled_at', null);
    if (opts.progress !== undefined) put('progress', opts.progress);
    if (set.length === 0) return null;
    const [after] = updatedRows<AssignmentRecord>(
      await m.query(
        `UPDATE assignments SET ${set.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING ${recordColumns()}`,
        params,
      ),
    );
    return after;
  }
}
