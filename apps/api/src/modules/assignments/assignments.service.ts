import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ASSIGNMENT_OPEN_STATUSES, calendarWarningFor, lightReason, type WorkingCalendar } from '@duban/domain';
import { isUnitBound } from '@duban/permissions';
import { accessSql, bindTo } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { runSqlList } from '../../core/database/sql-list';
import { parseFilter, readListRequest, type ListQueryParams } from '../../core/http/list-query';
import { assertVersion, found } from '../../core/http/record';
import { SettingsService } from '../../core/settings/settings.service';
import { CalendarService } from '../calendar/calendar.service';
import {
  allSql,
  countSql,
  DEFAULT_SORT,
  DOCUMENT_ORDER,
  FILTERS,
  HAS_HISTORY_SQL,
  orderSql,
  pageSql,
  recordColumns,
  SORT_NAMES,
  SqlParts,
  updatedRows,
  type SortSpec,
  type AssignmentRawRow,
  type AssignmentRecord,
  type AssignmentView,
} from './assignment-read';
import type { AssignmentMilestone } from './assignment.entity';
import { AssignmentStatusService } from './assignment-status.service';
import type { AssignmentMilestoneDto, UpdateAssignmentDto } from './dto/assignment.dto';
import { ReadContextService, type ReadContext } from './read-context.service';
import { schedule, type ScheduledReport, type SchedulePeriod } from './report-schedule';
import { milestonesBefore, workingDayOnOrBefore } from './suggest';
import { LocalizedException, refuse, type Message } from '../../core/http/messages';

export const MAX_PAGE = 1000;
/** The most rows one export or one `mine` list reads. */
export const MAX_ROWS = 100_000;

export interface ListResult {
  rows: AssignmentView[];
  total: number;
  start: number;
}

/**
 * Reading and editing assignments. Leaders and liaisons only ever select their own unit's rows (the scope is a
 * condition of every statement), so a list, a count, a single read, the schedule and the export cannot leak.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly calendar: CalendarService,
    private readonly settings: SettingsService,
    private readonly reading: ReadContextService,
    private readonly status: AssignmentStatusService,
  ) {}

  private async parts(caller: AuthUser, m: EntityManager = this.db.manager): Promise<SqlParts> {
    const sql = new SqlParts(await this.reading.context(m));
    sql.and(accessSql(caller, 'Assignment', 'a', (v) => sql.p(v)));
    return sql;
  }

  /** A page on the shared list engine (runSqlList): one count and one select, whatever the page size (the calendar, periods and settings are cached). */
  async list(caller: AuthUser, params: ListQueryParams, m: EntityManager = this.db.manager, fallback?: SortSpec): Promise<ListResult> {
    const sql = await this.parts(caller, m);
    const spec = { filters: FILTERS, sorts: SORT_NAMES, defaultSort: fallback ?? DEFAULT_SORT, maxPageSize: MAX_PAGE };
    return runSqlList(sql, spec, params, {
      count: async () => {
        const count = countSql(sql);
        const [{ total }] = (await m.query(count, [...sql.params])) as { total: number }[];
        return total;
      },
      page: async (sort, limit, offset) => {
        const raw = (await m.query(pageSql(sql, orderSql(sort), limit, offset), sql.params)) as AssignmentRawRow[];
        return this.complete(raw, sql.ctx);
      },
    });
  }

  /** Every row the filter selects (the ledger export), by default in the document's order; at most MAX_ROWS. */
  async all(caller: AuthUser, params: Pick<ListQueryParams, 'filter' | 'sort'>): Promise<AssignmentView[]> {
    const sql = await this.parts(caller);
    const { sort } = readListRequest(sql, FILTERS, SORT_NAMES, params, DOCUMENT_ORDER, MAX_PAGE);
    const raw = (await this.db.query(allSql(sql, orderSql(sort), MAX_ROWS + 1), sql.params)) as AssignmentRawRow[];
    if (raw.length > MAX_ROWS) throw refuse(400, 'assignments.exportMax', { max: MAX_ROWS });
    return this.complete(raw, sql.ctx);
  }

  async get(caller: AuthUser, id: string, m: EntityManager = this.db.manager): Promise<AssignmentView> {
    const sql = await this.parts(caller, m);
    sql.and(`a.id = ${sql.p(id)}::uuid`);
    const raw = (await m.query(allSql(sql, orderSql(DEFAULT_SORT), 1), sql.params)) as AssignmentRawRow[];
    return found(this.complete(raw, sql.ctx)[0], '任务');
  }

  /**
   * A leader's or liaison's own unit's open work, soonest first: the earliest of its first open milestone, its
   * deadline and its next report's due date. The list's filters and sorts apply; by default this order.
   */
  async mine(caller: AuthUser, params: ListQueryParams): Promise<ListResult> {
    if (!isUnitBound(caller.role)) throw refuse(403, 'assignments.mineUnitOnly');
    const own = { ...params, filter: JSON.stringify({ status: ASSIGNMENT_OPEN_STATUSES, ...parseFilter(params.filter) }) };
    return this.list(caller, own, this.db.manager, ['soonest', 'ASC']);
  }

  /** Every report period of one assignment with its due date and its report (drafts only for the unit itself). */
  async schedule(caller: AuthUser, id: string): Promise<SchedulePeriod[]> {
    const a = await this.get(caller, id);
    const params: unknown[] = [a.id, a.planId];
    const reports = (await this.db.query(
      `SELECT id, period, status, final, submitted_at AS "submittedAt", first_submitted_at AS "firstSubmittedAt"
         FROM reports r WHERE assignment_id = $1 AND plan_id = $2 AND ${accessSql(caller, 'Report', 'r', bindTo(params))}`,
      params,
    )) as ScheduledReport[];
    const [calendar, settings] = await Promise.all([this.calendar.readingCalendar(), this.settings.get()]);
    return schedule(a, reports, calendar, settings.reportDue[a.reportCycle], this.clock.today());
  }

  /** The office changes the deadline, the report cycle or the milestones (version required), audited. */
  async update(actor: AuthUser, id: string, dto: UpdateAssignmentDto): Promise<AssignmentView> {
    return this.db.transaction(async (m) => {
      const current = await this.lockRecord(m, actor, id);
      const changed = (field: 'orgUnitId' | 'role' | 'planItemId' | 'planId') => dto[field] !== undefined && dto[field] !== current[field];
      const fixed = (['orgUnitId', 'role', 'planItemId', 'planId'] as const).filter(changed);
      if (fixed.length > 0) throw refuse(400, 'assignments.fixedFields', { fields: fixed });
      const [plan] = (await m.query(
        `SELECT to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd" FROM plans WHERE id = $1`,
        [current.planId],
      )) as { periodStart: string; periodEnd: string }[];
      const calendar = await this.calendar.calendar();
      const deadline = dto.deadline === undefined ? current.deadline : validDeadline('deadline', dto.deadline, plan, calendar);
      const milestones =
        dto.milestones !== undefined
          ? validMilestones('milestones', dto.milestones, deadline, plan, calendar)
          : current.milestones.filter((ms) => ms.date < deadline);
      const reportCycle = dto.reportCycle ?? current.reportCycle;
      assertVersion(current, dto.version);
      if (current.status === 'completed' || current.status === 'cancelled') {
        throw refuse(409, current.status === 'completed' ? 'assignments.completed.edit' : 'assignments.cancelled.edit');
      }
      if (reportCycle !== current.reportCycle && current.hasHistory) {
        throw refuse(409, 'assignments.cycleFixed');
      }
      const [after] = updatedRows<AssignmentRecord>(
        await m.query(
          `UPDATE assignments SET deadline = $2, report_cycle = $3, milestones = $4::jsonb, version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING ${recordColumns()}`,
          [id, deadline, reportCycle, JSON.stringify(milestones)],
        ),
      );
      await this.audit.record(m, actor.id, {
        action: 'update',
        entity: 'Assignment',
        entityId: id,
        planId: current.planId,
        before: record(current),
        after,
      });
      return this.get(actor, id, m);
    });
  }

  /**
   * 签收: the unit acknowledges the assignment. Once only (409 after), never when completed or cancelled (409); the
   * receipt's open notices close at once, so the ladder stops chasing it. Another unit's assignment is a 404.
   */
  async acknowledge(actor: AuthUser, id: string, version?: number): Promise<AssignmentView> {
    return this.db.transaction(async (m) => {
      const current = await this.lockRecord(m, actor, id);
      if (current.status === 'completed' || current.status === 'cancelled') {
        throw refuse(409, current.status === 'completed' ? 'assignments.completed.acknowledge' : 'assignments.cancelled.acknowledge');
      }
      if (current.acknowledgedAt) throw refuse(409, 'assignments.acknowledged', { at: new Date(current.acknowledgedAt).toISOString() });
      if (version !== undefined) assertVersion(current, version);
      const now = this.clock.now();
      const [after] = updatedRows<AssignmentRecord>(
        await m.query(
          `UPDATE assignments SET acknowledged_at = $2, acknowledged_by = $3, version = version + 1, updated_at = now()
            WHERE id = $1 AND acknowledged_at IS NULL RETURNING ${recordColumns()}`,
          [id, now, actor.id],
        ),
      );
      await m.query(
        `UPDATE escalations SET resolved_at = $2, updated_at = $2 WHERE assignment_id = $1 AND target = 'receipt' AND resolved_at IS NULL`,
        [id, now],
      );
      await this.audit.record(m, actor.id, {
        action: 'acknowledge',
        entity: 'Assignment',
        entityId: id,
        planId: current.planId,
        before: record(current),
        after,
      });
      return this.get(actor, id, m);
    });
  }

  /**
   * Removes one unit from an item: deleted when nothing refers to it yet, otherwise cancelled (kept, never chased).
   * The lead cannot go alone while others remain (the item would have none): decompose the item again instead.
   */
  async remove(actor: AuthUser, id: string): Promise<AssignmentView> {
    return this.db.transaction(async (m) => {
      const current = await this.lockRecord(m, actor, id);
      this.status.check(current, { kind: 'cancel' });
      if (current.role === 'lead') {
        const [{ n }] = (await m.query(
          `SELECT count(*)::int AS n FROM assignments WHERE plan_item_id = $1 AND plan_id = $2 AND id <> $3 AND status <> 'cancelled'`,
          [current.planItemId, current.planId, id],
        )) as { n: number }[];
        if (n > 0) throw refuse(409, 'assignments.leadNotAlone', { n });
      }
      const view = await this.get(actor, id, m);
      if (current.hasHistory) {
        const after = await this.status.move(m, actor.id, current, { kind: 'cancel' });
        await this.audit.record(m, actor.id, {
          action: 'cancel',
          entity: 'Assignment',
          entityId: id,
          planId: current.planId,
          before: record(current),
          after,
        });
        return this.get(actor, id, m);
      }
      await m.query(`DELETE FROM assignments WHERE id = $1`, [id]);
      await this.audit.record(m, actor.id, {
        action: 'delete',
        entity: 'Assignment',
        entityId: id,
        planId: current.planId,
        before: record(current),
      });
      return view;
    });
  }

  /** The stored record, locked for the change, with whether anything refers to it (404 when not visible). */
  private async lockRecord(m: EntityManager, caller: AuthUser, id: string): Promise<AssignmentRecord & { hasHistory: boolean }> {
    const sql = await this.parts(caller, m);
    sql.and(`a.id = ${sql.p(id)}::uuid`);
    const [row] = (await m.query(
      `SELECT ${recordColumns('a')}, ${HAS_HISTORY_SQL} AS "hasHistory" FROM assignments a ${sql.whereSql} FOR UPDATE OF a`,
      sql.params,
    )) as (AssignmentRecord & { hasHistory: boolean })[];
    return found(row, '任务');
  }

  /** Adds the words to raw rows: the light's reason and, when a date fell in a missing year, the calendar warning. */
  complete(raw: AssignmentRawRow[], ctx: ReadContext): AssignmentView[] {
    const todayYear = Number(ctx.today.slice(0, 4));
    return raw.map((row) => {
      const years = [todayYear, row.deadline, row.nextReportDue, row.assignedOn].map((d) =>
        typeof d === 'number' ? d : Number(d?.slice(0, 4)),
      );
      return {
        ...row,
        lightReason: lightReason({ ...row, cause: row.lightCause, nextDateIsDeadline: row.nextDate === row.deadline }),
        calendarWarning: calendarWarningFor(ctx.calendar.missingAmong(years.filter((y) => Number.isInteger(y)))),
      };
    });
  }
}

function record(row: AssignmentRecord & { hasHistory?: boolean }): AssignmentRecord {
  const { hasHistory: _h, ...rest } = row;
  return rest;
}

/** A deadline within the plan period, moved off a non-working day. */
export function validDeadline(
  field: string,
  date: string,
  plan: { periodStart: string; periodEnd: string },
  calendar: WorkingCalendar,
): string {
  if (date < plan.periodStart || date > plan.periodEnd) {
    throw refuse(400, 'assignments.dateOutsidePlan', { name: field, date, start: plan.periodStart, end: plan.periodEnd });
  }
  return workingDayOnOrBefore(date, plan, calendar);
}

/** Milestones within the plan period and before the deadline, moved off non-working days, oldest first. */
export function validMilestones(
  field: string,
  list: AssignmentMilestoneDto[],
  deadline: string,
  plan: { periodStart: string; periodEnd: string },
  calendar: WorkingCalendar,
): AssignmentMilestone[] {
  const problems: Message[] = [];
  list.forEach((ms, i) => {
    if (ms.date < plan.periodStart || ms.date > plan.periodEnd)
      problems.push({
        key: 'assignments.milestoneOutsidePlan',
        params: { name: field, i, date: ms.date, start: plan.periodStart, end: plan.periodEnd },
      });
    else if (workingDayOnOrBefore(ms.date, plan, calendar) >= deadline)
      problems.push({ key: 'assignments.milestoneAfterDeadline', params: { name: field, i, date: ms.date, deadline } });
  });
  if (problems.length > 0) throw new LocalizedException(400, problems);
  const done = new Set(list.filter((ms) => ms.status === 'done').map((ms) => workingDayOnOrBefore(ms.date, plan, calendar)));
  return milestonesBefore(list, deadline, plan, calendar).map((ms) => ({ ...ms, status: done.has(ms.date) ? 'done' : 'open' }));
}
