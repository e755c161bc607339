/**
 * The assignments read model: one SQL statement per page (plus one count) that joins the item and the unit and
 * derives `overdue`, `daysOverdue` and `escalationLevel` from stored facts, the clock's today and the
 * `calendar_dates` table (DESIGN.md "Store facts, derive counts"). Plain SQL rather than TypeORM's builder:
 * the derived columns need parameters inside SELECT, ORDER BY and WHERE alike.
 */
import {
  ASSIGNMENT_IN_WORK_STATUSES,
  ASSIGNMENT_OPEN_STATUSES,
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  LIGHT_OF_CAUSE,
  LIGHTS,
  REPORT_CYCLES,
  REPORT_COUNTED_STATUSES,
  type AssignmentRole,
  type Light,
  type LightCause,
  type AssignmentStatus,
  type OrgUnitKind,
  type ReportCycle,
} from '@duban/domain';
import { asBoolean, asDate, asIntList, asStringList, asText, asUuidList, likePattern, type ListFilter } from '../../core/http/list-query';
import { sqlList } from '../../core/database/sql-list';
import type { AssignmentMilestone } from './assignment.entity';
import type { ReadContext } from './read-context.service';
import { refuse } from '../../core/http/messages';

/** The stored fields, as the API names them (also the RETURNING list of writes, and what the audit records). */
export function recordColumns(alias = ''): string {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  return `
  ${c('id')} AS id, ${c('plan_id')} AS "planId", ${c('plan_item_id')} AS "planItemId", ${c('org_unit_id')} AS "orgUnitId", ${c('role')} AS role,
  to_char(${c('deadline')}, 'YYYY-MM-DD') AS deadline, ${c('milestones')} AS milestones, ${c('report_cycle')} AS "reportCycle",
  ${c('status')} AS status, ${c('progress')} AS progress, to_char(${c('assigned_on')}, 'YYYY-MM-DD') AS "assignedOn",
  to_char(${c('closure_requested_on')}, 'YYYY-MM-DD') AS "closureRequestedOn", ${c('completed_at')} AS "completedAt",
  ${c('completed_by')} AS "completedBy", ${c('cancelled_at')} AS "cancelledAt", ${c('acknowledged_at')} AS "acknowledgedAt",
  ${c('acknowledged_by')} AS "acknowledgedBy", ${c('created_at')} AS "createdAt",
  ${c('updated_at')} AS "updatedAt", ${c('version')} AS version`;
}

export interface AssignmentRecord {
  id: string;
  planId: string;
  planItemId: string;
  orgUnitId: string;
  role: AssignmentRole;
  deadline: string;
  milestones: AssignmentMilestone[];
  reportCycle: ReportCycle;
  status: AssignmentStatus;
  progress: number;
  assignedOn: string;
  closureRequestedOn: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  cancelledAt: Date | null;
  /** 签收: when and by whom the unit acknowledged it; null until then. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A row as the list returns it: the record, what a list needs to render it, and the derived fields. */
export interface AssignmentView extends AssignmentRecord {
  planItemNumber: string;
  planItemTitle: string;
  orgUnitName: string;
  orgUnitKind: OrgUnitKind;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: number;
  /** The due date of the oldest period not yet reported, and that period; null when nothing is asked for. */
  nextReportDue: string | null;
  nextReportPeriod: string | null;
  /** 序时进度 (0–100) and the progress of the latest counted report. */
  expectedProgress: number;
  reportedProgress: number;
  /** 红黄绿灯, why (a code, and in words). */
  light: Light;
  lightCause: LightCause;
  lightReason: string;
  /** The first open milestone or the deadline, and the working days until it and until the next report's due date. */
  nextDate: string;
  workingDaysToNextDate: number;
  workingDaysToReport: number;
  /** Set when a date of this row falls in a year the calendar lacks (counted as weekends-only). */
  calendarWarning: string | null;
}

/** A raw row: the view before its words (the light's reason, the calendar warning). */
export type AssignmentRawRow = Omit<AssignmentView, 'lightReason' | 'calendarWarning'>;

/**
 * Whether removing the assignment must keep it (cancel) rather than delete it: something already refers to it.
 * Issue 6 adds its notices here.
 */
/** Work with a history (a report, or a notice sent about it) is cancelled rather than deleted when the office removes it. */
export const HAS_HISTORY_SQL = `(EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id)
  OR EXISTS (SELECT 1 FROM escalations e WHERE e.assignment_id = a.id AND e.plan_id = a.plan_id))`;

/**
 * The rows of an UPDATE … RETURNING through TypeORM's `query()`, which answers `[rows, rowCount]` for UPDATE and
 * DELETE but the rows alone for SELECT and INSERT.
 */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * Positional parameters and WHERE conditions of one statement. Each context value (today, the report periods, the
 * light's settings) is bound on first use, so a count whose conditions do not need it carries no unused parameter.
 */
export class SqlParts {
  readonly params: unknown[] = [];
  readonly where: string[] = [];
  private readonly bound = new Map<string, string>();
  /** Whether a condition reads the item (i.*); the count joins it only then. */
  readsItem = false;
  /** Whether a condition reads the derived facts (f.*, c.*); the count joins them only then. */
  readsFacts = false;
  private usesPeriods = false;

  constructor(readonly ctx: ReadContext) {}

  /** Binds a value; returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  private once(key: string, value: () => unknown): string {
    let placeholder = this.bound.get(key);
    if (!placeholder) {
      placeholder = this.p(value());
      this.bound.set(key, placeholder);
    }
    return placeholder;
  }

  /** The placeholder of today's date. */
  today(): string {
    return this.once('today', () => this.ctx.today);
  }

  /** Every report period with its due date, as a FROM item `p(cycle, period, pstart, pend, due)` (see `withSql`). */
  periods(): string {
    this.usesPeriods = true;
    return `report_periods p`;
  }

  /**
   * The statement's common table: the report periods, unnested once (a correlated unnest would unpack the arrays
   * again for every row). Call after the statement's text is built.
   */
  withPeriods(): string {
    if (!this.usesPeriods) return '';
    const rows = this.ctx.periods;
    return `report_periods AS MATERIALIZED (SELECT * FROM unnest(${this.once('cycle', () => rows.cycle)}::text[],
      ${this.once('period', () => rows.period)}::text[], ${this.once('start', () => rows.start)}::date[],
      ${this.once('end', () => rows.end)}::date[], ${this.once('due', () => rows.due)}::date[]) AS p(cycle, period, pstart, pend, due))`;
  }

  lightGap(): string {
    return this.once('gap', () => this.ctx.lightGap);
  }

  reminderWindow(): string {
    return this.once('window', () => this.ctx.reminderWindow);
  }

  and(condition: string): void {
    this.where.push(condition);
  }

  get whereSql(): string {
    return this.where.length ? `WHERE ${this.where.join(' AND ')}` : '';
  }
}

/** The earliest date the assignment is measured against: its first open milestone, or its deadline. */
const MISSED_SINCE = `(CASE WHEN a.milestones = '[]'::jsonb THEN a.deadline
  ELSE LEAST(a.deadline, (SELECT min((m->>'date')::date) FROM jsonb_array_elements(a.milestones) m WHERE m->>'status' = 'open')) END)`;

/**
 * Overdue: open, the deadline or an open milestone passed, and the clock not stopped — it stops while a final
 * report submitted by the deadline is under review (closure_requested_on, cleared when that report is returned).
 */
export function overdueSql(today: string): string {
  // Written so that the deadline decides most rows and a milestone list is only opened when there is one.
  return `(a.status IN ${sqlList(ASSIGNMENT_OPEN_STATUSES)}
    AND NOT (a.closure_requested_on IS NOT NULL AND a.closure_requested_on <= a.deadline)
    AND (a.deadline < ${today}::date OR (a.milestones <> '[]'::jsonb AND EXISTS (
      SELECT 1 FROM jsonb_array_elements(a.milestones) m WHERE m->>'status' = 'open' AND (m->>'date')::date < ${today}::date))))`;
}

/** The running count of working days at a date (calendar_dates covers missing years as weekends-only). */
const seq = (date: string) => `(SELECT cd.work_seq FROM calendar_dates cd WHERE cd.date = ${date})`;

/** Working days after the date missed up to and including today (calendar_dates.work_seq), 0 when not overdue. */
export function daysOverdueSql(today: string): string {
  return `(CASE WHEN ${overdueSql(today)} THEN coalesce(${seq(`${today}::date`)} - ${seq(MISSED_SINCE)}, 0) ELSE 0 END)`;
}

/**
 * The escalation level (0–3): the highest level among the assignment's notices still in force (the sweep closes a
 * notice when its target is met). Reminders are level 0 and never raise it. Served by escalations_open_level_idx.
 */
export function escalationLevelSql(): string {
  return `(SELECT coalesce(max(e.level), 0) FROM escalations e
            WHERE e.assignment_id = a.id AND e.plan_id = a.plan_id AND e.resolved_at IS NULL AND e.kind <> 'reminder')`;
}

/** The oldest report period still asked for and not reported (counted statuses): a FROM item `np(due, period)`. */
function nextReportSql(sql: SqlParts): string {
  return `(SELECT p.due, p.period FROM ${sql.periods()}
    WHERE p.cycle = a.report_cycle AND p.pend > a.assigned_on AND p.pstart <= greatest(a.deadline, a.assigned_on + 1)
      AND a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)}
      AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id AND r.period = p.period AND r.status IN ${sqlList(REPORT_COUNTED_STATUSES)})
    ORDER BY p.pend LIMIT 1) np`;
}

/**
 * The derived facts of each row, as a LATERAL join `f` (then `c` for the light's cause), so the select, the sorts
 * and the filters read one definition:
 * - next_due / next_period: the oldest period asked for and not reported, and its due date;
 * - expected: 序时进度, the share of the working days from the assignment day to the deadline already past (0–100);
 * - reported: the progress of the latest counted report (else the stored progress);
 * - next_date: the first open milestone or the deadline; to_date / to_report: working days until it / the report due.
 * `OFFSET 0` keeps each LATERAL a subquery of its own, evaluated once per row: flattened, every reference to one of
 * its columns would repeat the expression behind it (a sort by light took minutes).
 */
export function factsJoinSql(sql: SqlParts): string {
  const today = sql.today();
  return `CROSS JOIN LATERAL (SELECT f0.*,
        coalesce(${seq('f0.next_date')} - ${seq(`${today}::date`)}, 0) AS to_date,
        coalesce(${seq('f0.next_due')} - ${seq(`${today}::date`)}, 0) AS to_report
      FROM (SELECT ${overdueSql(today)} AS overdue,
        ${daysOverdueSql(today)} AS days_overdue,
        np.due AS next_due, np.period AS next_period,
        ${MISSED_SINCE} AS next_date,
        (CASE WHEN a.status = 'completed' THEN 100 ELSE coalesce((
          SELECT CASE WHEN dl.work_seq <= s.work_seq THEN (CASE WHEN t.work_seq >= dl.work_seq THEN 100 ELSE 0 END)
                      ELSE least(100, greatest(0, round(100.0 * (t.work_seq - s.work_seq) / (dl.work_seq - s.work_seq))))::int END
            FROM calendar_dates s, calendar_dates dl, calendar_dates t
           WHERE s.date = a.assigned_on AND dl.date = a.deadline AND t.date = ${today}::date), 0) END) AS expected,
        coalesce((SELECT r.progress FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id AND r.status IN ${sqlList(REPORT_COUNTED_STATUSES)}
                   ORDER BY r.period DESC LIMIT 1), a.progress) AS reported
        FROM (SELECT 1) one LEFT JOIN LATERAL ${nextReportSql(sql)} ON true OFFSET 0) f0 OFFSET 0) f
    CROSS JOIN LATERAL (SELECT CASE
        WHEN a.status = 'completed' THEN 'completed'
        WHEN a.status = 'cancelled' THEN 'cancelled'
        WHEN f.overdue THEN 'overdue'
        WHEN a.status = 'closure_requested' THEN 'closure_review'
        WHEN f.next_due < ${today}::date THEN 'report_late'
        WHEN f.expected - f.reported > ${sql.lightGap()}::int THEN 'behind'
        WHEN f.to_date <= ${sql.reminderWindow()}::int THEN 'deadline_soon'
        WHEN f.next_due IS NOT NULL AND f.to_report <= ${sql.reminderWindow()}::int THEN 'report_soon'
        ELSE 'on_schedule' END AS cause OFFSET 0) c`;
}

/** The light from the cause (LIGHT_OF_CAUSE in libs/domain), and its order: green 0, yellow 1, red 2. */
const LIGHT_SQL = `(CASE ${Object.entries(LIGHT_OF_CAUSE)
  .map(([cause, light]) => `WHEN c.cause = '${cause}' THEN '${light}'`)
  .join(' ')} END)`;
const LIGHT_RANK_SQL = `(CASE ${LIGHT_SQL} WHEN 'red' THEN 2 WHEN 'yellow' THEN 1 ELSE 0 END)`;

/** The light of the row in SQL, for aggregates (dashboards) that join factsJoinSql. */
export const lightSql = (): string => LIGHT_SQL;

export const FROM_SQL = `
  FROM assignments a
  JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id
  JOIN org_units u ON u.id = a.org_unit_id`;

/** The count: the joins never change the number of rows (foreign keys), so only what a condition reads. */
export function countSql(sql: SqlParts): string {
  const from = [
    `FROM assignments a`,
    sql.readsItem ? `JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id` : '',
    sql.readsFacts ? factsJoinSql(sql) : '',
  ].join(' ');
  return withSql(sql, `SELECT count(*)::int AS total ${from} ${sql.whereSql}`);
}

/** Prefixes the statement with the common tables it uses (the report periods, then `ctes`). */
export function withSql(sql: SqlParts, statement: string, ...ctes: string[]): string {
  const all = [sql.withPeriods(), ...ctes].filter(Boolean);
  return all.length ? `WITH ${all.join(', ')} ${statement}` : statement;
}

/** The row's columns (FROM_SQL and factsJoinSql give the aliases). */
export const SELECT_SQL = `SELECT ${recordColumns('a')},
    i.number AS "planItemNumber", i.title AS "planItemTitle", u.name AS "orgUnitName", u.kind AS "orgUnitKind",
    f.overdue AS overdue, f.days_overdue AS "daysOverdue", ${escalationLevelSql()} AS "escalationLevel",
    to_char(f.next_due, 'YYYY-MM-DD') AS "nextReportDue", f.next_period AS "nextReportPeriod",
    f.expected AS "expectedProgress", f.reported AS "reportedProgress", ${LIGHT_SQL} AS light, c.cause AS "lightCause",
    to_char(f.next_date, 'YYYY-MM-DD') AS "nextDate", f.to_date AS "workingDaysToNextDate", f.to_report AS "workingDaysToReport"`;

const ROLE_ORDER = `CASE a.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END`;

/** Sort name → SQL expressions (the tie-breaker a.id is appended). */
const SORTS: Record<string, string[]> = {
  // deadline, createdAt and id are index-backed ((plan_id|org_unit_id,) deadline, id); the others sort the filtered rows
  id: [],
  deadline: ['a.deadline'],
  createdAt: ['a.created_at'],
  updatedAt: ['a.updated_at'],
  assignedOn: ['a.assigned_on'],
  status: ['a.status'],
  progress: ['a.progress'],
  role: [ROLE_ORDER],
  reportCycle: [`CASE a.report_cycle WHEN 'monthly' THEN 0 WHEN 'quarterly' THEN 1 WHEN 'semiannual' THEN 2 ELSE 3 END`],
  orgUnitId: ['u.name'],
  orgUnitName: ['u.name'],
  planItemId: ['i.position'],
  planItemNumber: ['i.position'],
  planItemTitle: ['i.title'],
  escalationLevel: [escalationLevelSql()],
  overdue: ['f.overdue'],
  daysOverdue: ['f.days_overdue'],
  nextReportDue: ['f.next_due'],
  expectedProgress: ['f.expected'],
  light: [LIGHT_RANK_SQL, 'f.days_overdue'],
  // a leader's or liaison's list: the first of an open milestone, the deadline and the next report's due date
  soonest: ['least(f.next_date, f.next_due)'],
  // the document's order: item, then lead, supports, counties, then unit name (the ledger's default)
  position: ['i.position', ROLE_ORDER, 'u.name'],
};

export type SortSpec = [string, 'ASC' | 'DESC'];
export const DEFAULT_SORT: SortSpec = ['deadline', 'ASC'];
export const DOCUMENT_ORDER: SortSpec = ['position', 'ASC'];

export interface OrderBy {
  sql: string;
  /** Whether the order reads the item (i.*), the unit (u.*) or the derived facts, so the page's id query joins them. */
  readsItem: boolean;
  readsUnit: boolean;
  readsFacts: boolean;
}

/** Chapter numbers, given as "6", 6, or a list of them. */
function asChapters(value: unknown): string[] {
  const list = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' ? String(v) : v));
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && /^\d{1,3}$/.test(v))) {
    throw refuse(400, 'list.filterChapter');
  }
  return list as string[];
}

/** Filter name → adds its condition (validating the value: a malformed one is a 400 that says which). */
export const FILTERS: Record<string, ListFilter<SqlParts>> = {
  id: (sql, v) => sql.and(`a.id = ANY(${sql.p(asUuidList('id', v))}::uuid[])`),
  planId: (sql, v) => sql.and(`a.plan_id = ANY(${sql.p(asUuidList('planId', v))}::uuid[])`),
  orgUnitId: (sql, v) => sql.and(`a.org_unit_id = ANY(${sql.p(asUuidList('orgUnitId', v))}::uuid[])`),
  planItemId: (sql, v) => sql.and(`a.plan_item_id = ANY(${sql.p(asUuidList('planItemId', v))}::uuid[])`),
  // The item's chapter by its number ("6"): every item under that chapter (plan_items_parent_idx).
  chapter: (sql, v) => {
    const chapters = asChapters(v);
    sql.and(`a.plan_item_id IN (
      WITH RECURSIVE under(id) AS (
        SELECT c.id FROM plan_items c WHERE c.kind = 'chapter' AND c.number = ANY(${sql.p(chapters)}::text[])
        UNION ALL SELECT s.id FROM plan_items s JOIN under ON s.parent_id = under.id)
      SELECT id FROM under)`);
  },
  role: (sql, v) => sql.and(`a.role = ANY(${sql.p(asStringList('role', v, ASSIGNMENT_ROLES))}::text[])`),
  status: (sql, v) => sql.and(`a.status = ANY(${sql.p(asStringList('status', v, ASSIGNMENT_STATUSES))}::text[])`),
  reportCycle: (sql, v) => sql.and(`a.report_cycle = ANY(${sql.p(asStringList('reportCycle', v, REPORT_CYCLES))}::text[])`),
  // 签收: false lists what the units have not acknowledged yet (assignments_unacknowledged_idx).
  acknowledged: (sql, v) => sql.and(asBoolean('acknowledged', v) ? 'a.acknowledged_at IS NOT NULL' : 'a.acknowledged_at IS NULL'),
  overdue: (sql, v) => sql.and(asBoolean('overdue', v) ? overdueSql(sql.today()) : `NOT ${overdueSql(sql.today())}`),
  escalationLevel: (sql, v) => sql.and(`${escalationLevelSql()} = ANY(${sql.p(asIntList('escalationLevel', v, 0, 3))}::int[])`),
  light: (sql, v) => {
    sql.readsFacts = true;
    sql.and(`${LIGHT_SQL} = ANY(${sql.p(asStringList('light', v, LIGHTS))}::text[])`);
  },
  dueBefore: (sql, v) => sql.and(`a.deadline <= ${sql.p(asDate('dueBefore', v))}::date`),
  dueAfter: (sql, v) => sql.and(`a.deadline >= ${sql.p(asDate('dueAfter', v))}::date`),
  // The item's number or title (trigram index plan_items_number_title_trgm_idx).
  q: (sql, v) => {
    sql.readsItem = true;
    sql.and(`(i.number || ' ' || i.title) ILIKE ${sql.p(likePattern(asText('q', v)))}`);
  },
};

/** The sorts the list offers. */
export const SORT_NAMES: readonly string[] = Object.keys(SORTS);

/** A sort already read and checked (readListRequest) → ORDER BY. */
export function orderSql([field, order]: SortSpec): OrderBy {
  const exprs = SORTS[field];
  // Only next_due can be null (nothing asked for): last either way, so rows with a date come first.
  const text = [...exprs, 'a.id'].map((e) => (e === 'f.next_due' ? `${e} ${order} NULLS LAST` : `${e} ${order}`)).join(', ');
  return {
    sql: `ORDER BY ${text}`,
    readsItem: /\bi\./.test(text),
    readsUnit: /\bu\./.test(text),
    readsFacts: /\b[fc]\./.test(text),
  };
}

/**
 * One page: first the page's ids (joining only what the conditions and the order read, so an index on
 * (…, deadline, id) can serve it), then the full rows and their derived columns for those ids alone.
 */
export function pageSql(sql: SqlParts, order: OrderBy, limit: number, offset: number): string {
  const joins = [
    sql.readsItem || order.readsItem ? `JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id` : '',
    order.readsUnit ? `JOIN org_units u ON u.id = a.org_unit_id` : '',
    sql.readsFacts || order.readsFacts ? factsJoinSql(sql) : '',
  ].join(' ');
  const page = `page AS MATERIALIZED (SELECT a.id FROM assignments a ${joins} ${sql.whereSql} ${order.sql} LIMIT ${limit} OFFSET ${offset})`;
  return withSql(sql, `${SELECT_SQL} ${FROM_SQL} JOIN page ON page.id = a.id ${factsJoinSql(sql)} ${order.sql}`, page);
}

/** Every row the conditions select, in the order given, at most `limit` (the ledger export, one record). */
export function allSql(sql: SqlParts, order: OrderBy, limit: number): string {
  return withSql(sql, `${SELECT_SQL} ${FROM_SQL} ${factsJoinSql(sql)} ${sql.whereSql} ${order.sql} LIMIT ${limit}`);
}
