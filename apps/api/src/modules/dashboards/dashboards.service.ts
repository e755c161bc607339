import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ASSIGNMENT_OPEN_STATUSES,
  calendarWarningFor,
  ESCALATION_KINDS,
  type DashboardChapterRow,
  type DashboardLevels,
  type DashboardSummary,
  type DashboardUnitRow,
} from '@duban/domain';
import { accessSql } from '../../core/access/access';
import type { AuthUser } from '../../core/auth/auth-user';
import { sqlList } from '../../core/database/sql-list';
import { escalationLevelSql, factsJoinSql, lightSql, SqlParts } from '../assignments/assignment-read';
import { ReadContextService } from '../assignments/read-context.service';
import type { DashboardQueryDto } from './dto/dashboard-query.dto';

const OPEN = sqlList(ASSIGNMENT_OPEN_STATUSES);

/** Aggregates of the `work` rows (one per assignment, with its light and level). */
const COUNTS_SQL = `count(*)::int AS total,
  count(*) FILTER (WHERE w.status IN ${OPEN})::int AS open,
  count(*) FILTER (WHERE w.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE w.status = 'closure_requested')::int AS "closureRequested",
  count(*) FILTER (WHERE w.overdue)::int AS overdue,
  count(*) FILTER (WHERE w.light = 'green')::int AS green,
  count(*) FILTER (WHERE w.light = 'yellow')::int AS yellow,
  count(*) FILTER (WHERE w.light = 'red')::int AS red,
  coalesce(round(100.0 * count(*) FILTER (WHERE w.status = 'completed') / nullif(count(*), 0), 1), 0)::float8 AS "completionRate",
  coalesce(max(w.level), 0)::int AS "maxLevel"`;

/**
 * The dashboards (GET /api/dashboard/…): set-based SQL over the same derived facts as the assignments list
 * (assignment-read.ts: overdue, light, ladder level), one statement per answer whatever the number of units.
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly db: DataSource,
    private readonly reading: ReadContextService,
  ) {}

  async summary(caller: AuthUser, query: DashboardQueryDto): Promise<DashboardSummary> {
    const { sql, ctes } = await this.work(caller, query);
    const today = sql.today();
    const reports = this.conditions(caller, sql, query, 'r');
    const notices = this.conditions(caller, sql, query, 'e');
    const [row] = (await this.db.query(
      `WITH ${ctes}
       SELECT ${COUNTS_SQL},
         ARRAY(SELECT count(*) FILTER (WHERE w2.level = l AND w2.status IN ${OPEN})::int FROM generate_series(0, 3) l
               LEFT JOIN work w2 ON true GROUP BY l ORDER BY l) AS levels,
         -- Reports in each queue: submitted (the leader confirms), confirmed (an inspector reviews), approved finals (销号).
         (SELECT count(*)::int FROM reports r WHERE ${reports} AND r.status = 'submitted') AS "awaitingConfirmation",
         (SELECT count(*)::int FROM reports r WHERE ${reports} AND r.status = 'confirmed') AS "awaitingReview",
         (SELECT count(*)::int FROM reports r WHERE ${reports} AND r.status = 'approved' AND r.final) AS "awaitingAcceptance",
         -- 签收: open work the unit has not acknowledged yet.
         count(*) FILTER (WHERE w.unacknowledged AND w.status IN ${OPEN})::int AS unacknowledged,
         -- The escalations list's "unanswered": the answer date passed with no answer and the target still open.
         (SELECT count(*)::int FROM escalations e WHERE ${notices}
             AND e.responded_at IS NULL AND e.resolved_at IS NULL AND e.due_at IS NOT NULL AND e.due_at < ${today}::date) AS "unansweredNotices"
       FROM work w`,
      sql.params,
    )) as Omit<DashboardSummary, 'today' | 'calendarWarning'>[];
    return {
      ...row,
      today: sql.ctx.today,
      calendarWarning: calendarWarningFor(sql.ctx.calendar.missingAmong([Number(sql.ctx.today.slice(0, 4))])),
    };
  }

  byUnit(caller: AuthUser, query: DashboardQueryDto): Promise<DashboardUnitRow[]> {
    return this.units(caller, query, false);
  }

  byCounty(caller: AuthUser, query: DashboardQueryDto): Promise<DashboardUnitRow[]> {
    return this.units(caller, query, true);
  }

  async byChapter(caller: AuthUser, query: DashboardQueryDto): Promise<DashboardChapterRow[]> {
    const { sql, ctes } = await this.work(caller, query);
    return (await this.db.query(
      `WITH RECURSIVE ${ctes},
       -- Every item under each chapter (plan_items_parent_idx), so each assignment counts once, under its chapter.
       under(id, chapter_id) AS (
         SELECT c.id, c.id FROM plan_items c WHERE c.kind = 'chapter' AND c.plan_id IN (SELECT DISTINCT plan_id FROM work)
         UNION ALL SELECT s.id, under.chapter_id FROM plan_items s JOIN under ON s.parent_id = under.id)
       SELECT c.id AS "chapterId", c.number AS "chapterNumber", c.title AS "chapterTitle", ${COUNTS_SQL}
         FROM work w JOIN under ON under.id = w.plan_item_id JOIN plan_items c ON c.id = under.chapter_id
        GROUP BY c.id, c.number, c.title, c.position, c.plan_id
        ORDER BY c.plan_id, c.position`,
      sql.params,
    )) as DashboardChapterRow[];
  }

  async byLevel(caller: AuthUser, query: DashboardQueryDto): Promise<DashboardLevels> {
    const { sql, ctes } = await this.work(caller, query);
    const notices = this.conditions(caller, sql, query, 'e');
    const [row] = (await this.db.query(
      `WITH ${ctes}
       SELECT
         (SELECT json_agg(json_build_object('level', l, 'open',
             (SELECT count(*)::int FROM work w WHERE w.level = l AND w.status IN ${OPEN})) ORDER BY l)
            FROM generate_series(0, 3) l) AS levels,
         (SELECT coalesce(json_agg(k ORDER BY k.kind), '[]'::json) FROM (
             SELECT e.kind, count(*)::int AS total, count(*) FILTER (WHERE e.resolved_at IS NULL)::int AS open,
                    count(*) FILTER (WHERE e.responded_at IS NOT NULL)::int AS answered,
                    count(*) FILTER (WHERE e.responded_at IS NULL AND e.resolved_at IS NULL AND e.due_at IS NOT NULL
                                      AND e.due_at < ${sql.today()}::date)::int AS unanswered
               FROM escalations e WHERE ${notices} GROUP BY e.kind) k) AS notices`,
      sql.params,
    )) as { levels: DashboardLevels['levels']; notices: DashboardLevels['notices'] }[];
    // Every kind appears, in the ladder's order, even with no notice yet.
    const byKind = new Map(row.notices.map((n) => [n.kind, n]));
    return {
      levels: row.levels,
      notices: ESCALATION_KINDS.map((kind) => byKind.get(kind) ?? { kind, total: 0, open: 0, answered: 0, unanswered: 0 }),
    };
  }

  private async units(caller: AuthUser, query: DashboardQueryDto, countiesOnly: boolean): Promise<DashboardUnitRow[]> {
    const { sql, ctes } = await this.work(caller, query);
    const notices = this.conditions(caller, sql, query, 'e');
    return (await this.db.query(
      `WITH ${ctes},
       late AS (SELECT e.org_unit_id, count(*)::int AS n FROM escalations e WHERE ${notices}
                   AND e.responded_at IS NULL AND e.resolved_at IS NULL AND e.due_at IS NOT NULL AND e.due_at < ${sql.today()}::date
                 GROUP BY e.org_unit_id)
       SELECT u.id AS "orgUnitId", u.name AS "orgUnitName", u.kind AS "orgUnitKind", ${COUNTS_SQL},
              coalesce(max(late.n), 0)::int AS "unansweredNotices"
         FROM work w JOIN org_units u ON u.id = w.org_unit_id LEFT JOIN late ON late.org_unit_id = u.id
        ${countiesOnly ? `WHERE u.kind IN ('county', 'zone')` : ''}
        GROUP BY u.id, u.name, u.kind, u.code
        ORDER BY u.code`,
      sql.params,
    )) as DashboardUnitRow[];
  }

  /**
   * The `work` common table: the caller's visible assignments (cancelled ones left out) with their overdue flag,
   * light and ladder level, as the assignments list derives them.
   */
  private async work(caller: AuthUser, query: DashboardQueryDto): Promise<{ sql: SqlParts; ctes: string }> {
    const sql = new SqlParts(await this.reading.context());
    sql.and(this.conditions(caller, sql, query, 'a'));
    sql.and(`a.status <> 'cancelled'`);
    const work = `work AS MATERIALIZED (SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, a.status, f.overdue,
        a.acknowledged_at IS NULL AS unacknowledged,
        ${lightSql()} AS light, ${escalationLevelSql()} AS level
      FROM assignments a ${factsJoinSql(sql)} ${sql.whereSql})`;
    return { sql, ctes: [sql.withPeriods(), work].filter(Boolean).join(', ') };
  }

  /**
   * The rows of plan work (alias a, r or e: assignments, reports, notices) this caller's dashboard counts: a leader's
   * or liaison's own unit's; office and inspectors see reports once submitted (core/access decides).
   */
  private conditions(caller: AuthUser, sql: SqlParts, query: DashboardQueryDto, alias: 'a' | 'r' | 'e'): string {
    const subject = ({ a: 'Assignment', r: 'Report', e: 'Escalation' } as const)[alias];
    const where = [accessSql(caller, subject, alias, (v) => sql.p(v))];
    if (query.planId) where.push(`${alias}.plan_id = ${sql.p(query.planId)}::uuid`);
    return where.join(' AND ');
  }
}
