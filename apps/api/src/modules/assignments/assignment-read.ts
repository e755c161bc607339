/**
 * The assignments read model: one SQL statement per page (plus one count) that joins the item and the unit and
 * derives `overdue`, `daysOverdue` and `escalationLevel` from stored facts, the clock's today and the
 * `calendar_dates` table (DESIGN.md "Store facts, derive counts"). Plain SQL rather than TypeORM's builder:
 * the derived columns need parameters inside SELECT, ORDER BY and WHERE alike.
 */
import { BadRequestException } from '@nestjs/common';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  type AssignmentRole,
  type AssignmentStatus,
  type OrgUnitKind,
  type ReportCycle,
} from '@duban/domain';
import {
  asBoolean,
  asDate,
  asIntList,
  asStringList,
  asText,
  asUuidList,
  likePattern,
  parseFilter,
  parseSort,
} from '../../core/http/list-query';
import type { AssignmentMilestone } from './assignment.entity';

/** The stored fields, as the API names them (also the RETURNING list of writes, and what the audit records). */
export function recordColumns(alias = ''): string {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  return `
  ${c('id')} AS id, ${c('plan_id')} AS "planId", ${c('plan_item_id')} AS "planItemId", ${c('org_unit_id')} AS "orgUnitId", ${c('role')} AS role,
  to_char(${c('deadline')}, 'YYYY-MM-DD') AS deadline, ${c('milestones')} AS milestones, ${c('report_cycle')} AS "reportCycle",
  ${c('status')} AS status, ${c('progress')} AS progress, to_char(${c('assigned_on')}, 'YYYY-MM-DD') AS "assignedOn",
  to_char(${c('closure_requested_on')}, 'YYYY-MM-DD') AS "closureRequestedOn", ${c('completed_at')} AS "completedAt",
  ${c('completed_by')} AS "completedBy", ${c('cancelled_at')} AS "cancelledAt", ${c('created_at')} AS "createdAt",
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
}

/** A raw row: the view without the report schedule, plus the periods already reported. */
export type AssignmentRawRow = Omit<AssignmentView, 'nextReportDue' | 'nextReportPeriod'> & { reportedPeriods: string[] };

/**
 * Whether removing the assignment must keep it (cancel) rather than delete it: something already refers to it.
 * Issue 6 adds its notices here.
 */
/** Work with a history (a report, or a notice sent about it) is cancelled rather than deleted when the office removes it. */
export const HAS_HISTORY_SQL = `(EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id)
  OR EXISTS (SELECT 1 FROM escalations e WHERE e.assignment_id = a.id AND e.plan_id = a.plan_id))`;

/** Reports that count as the period's report: submitted and on their way (a draft or a returned one does not). */
export const COUNTED_REPORT_STATUSES = ['submitted', 'confirmed', 'approved', 'accepted'] as const;
export const OPEN_STATUSES: readonly AssignmentStatus[] = ['not_started', 'in_progress', 'closure_requested'];

/**
 * The rows of an UPDATE … RETURNING through TypeORM's `query()`, which answers `[rows, rowCount]` for UPDATE and
 * DELETE but the rows alone for SELECT and INSERT.
 */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * Positional parameters and WHERE conditions of one statement. Today's date is bound on first use, so a count
 * whose conditions do not need it does not carry an untyped unused parameter.
 */
export class SqlParts {
  readonly params: unknown[] = [];
  readonly where: string[] = [];
  private todayPlaceholder: string | null = null;
  /** Whether a condition reads the item (i.*); the count joins it only then. */
  readsItem = false;

  constructor(private readonly todayValue: string) {}

  /** The placeholder of today's date. */
  today(): string {
    this.todayPlaceholder ??= this.p(this.todayValue);
    return this.todayPlaceholder;
  }

  /** Binds a value; returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
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
  return `(a.status IN ('not_started','in_progress','closure_requested')
    AND NOT (a.closure_requested_on IS NOT NULL AND a.closure_requested_on <= a.deadline)
    AND (a.deadline < ${today}::date OR (a.milestones <> '[]'::jsonb AND EXISTS (
      SELECT 1 FROM jsonb_array_elements(a.milestones) m WHERE m->>'status' = 'open' AND (m->>'date')::date < ${today}::date))))`;
}

/** Working days after the date missed up to and including today (calendar_dates.work_seq), 0 when not overdue. */
export function daysOverdueSql(today: string): string {
  return `(CASE WHEN ${overdueSql(today)}
    THEN (SELECT t.work_seq FROM calendar_dates t WHERE t.date = ${today}::date)
       - (SELECT d.work_seq FROM calendar_dates d WHERE d.date = ${MISSED_SINCE})
    ELSE 0 END)`;
}

/**
 * The escalation level (0–3): the highest level among the assignment's notices still in force (the sweep closes a
 * notice when its target is met). Reminders are level 0 and never raise it. Served by escalations_open_level_idx.
 */
export function escalationLevelSql(): string {
  return `(SELECT coalesce(max(e.level), 0) FROM escalations e
            WHERE e.assignment_id = a.id AND e.plan_id = a.plan_id AND e.resolved_at IS NULL AND e.kind <> 'reminder')`;
}

export const FROM_SQL = `
  FROM assignments a
  JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id
  JOIN org_units u ON u.id = a.org_unit_id`;

/** The count's FROM: the joins never change the number of rows (foreign keys), so only what a condition reads. */
export function countFromSql(sql: SqlParts): string {
  return sql.readsItem ? `FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id` : `FROM assignments a`;
}

export function selectSql(today: string): string {
  return `SELECT ${recordColumns('a')},
    i.number AS "planItemNumber", i.title AS "planItemTitle", u.name AS "orgUnitName", u.kind AS "orgUnitKind",
    ${overdueSql(today)} AS overdue,
    ${daysOverdueSql(today)} AS "daysOverdue",
    ${escalationLevelSql()} AS "escalationLevel",
    ARRAY(SELECT r.period FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id AND r.status IN (${COUNTED_REPORT_STATUSES.map((s) => `'${s}'`).join(',')})) AS "reportedPeriods"`;
}

const ROLE_ORDER = `CASE a.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END`;

/** Sort name → SQL expressions (the tie-breaker a.id is appended). */
export function sortSql(sql: SqlParts): Record<string, string[]> {
  return {
    // deadline and createdAt are index-backed ((plan_id|org_unit_id,) deadline, id); the others sort the filtered rows
    deadline: ['a.deadline'],
    createdAt: ['a.created_at'],
    status: ['a.status'],
    daysOverdue: [daysOverdueSql(sql.today())],
    orgUnitId: ['u.name'],
    // the document's order: item, then lead, supports, counties, then unit name (the ledger's default)
    position: ['i.position', ROLE_ORDER, 'u.name'],
  };
}

export type SortSpec = [string, 'ASC' | 'DESC'];
export const DEFAULT_SORT: SortSpec = ['deadline', 'ASC'];
export const DOCUMENT_ORDER: SortSpec = ['position', 'ASC'];

export interface OrderBy {
  sql: string;
  /** Whether the order reads the item (i.*) or the unit (u.*), so the page's id query joins them. */
  readsItem: boolean;
  readsUnit: boolean;
}

/** Chapter numbers, given as "6", 6, or a list of them. */
function asChapters(value: unknown): string[] {
  const list = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' ? String(v) : v));
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && /^\d{1,3}$/.test(v))) {
    throw new BadRequestException('筛选 chapter 必须是章的编号（如 "6"）或编号数组');
  }
  return list as string[];
}

/** Filter name → adds its condition (validating the value: a malformed one is a 400 that says which). */
export const FILTERS: Record<string, (sql: SqlParts, value: unknown) => void> = {
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
  overdue: (sql, v) => sql.and(asBoolean('overdue', v) ? overdueSql(sql.today()) : `NOT ${overdueSql(sql.today())}`),
  escalationLevel: (sql, v) => sql.and(`${escalationLevelSql()} = ANY(${sql.p(asIntList('escalationLevel', v, 0, 3))}::int[])`),
  dueBefore: (sql, v) => sql.and(`a.deadline <= ${sql.p(asDate('dueBefore', v))}::date`),
  dueAfter: (sql, v) => sql.and(`a.deadline >= ${sql.p(asDate('dueAfter', v))}::date`),
  // The item's number or title (trigram index plan_items_number_title_trgm_idx).
  q: (sql, v) => {
    sql.readsItem = true;
    sql.and(`(i.number || ' ' || i.title) ILIKE ${sql.p(likePattern(asText('q', v)))}`);
  },
};

/** Applies `filter={…}` to `sql` (unknown filters are a 400 that lists the known ones). */
export function applyFilter(sql: SqlParts, raw: unknown): void {
  const filters = FILTERS;
  for (const [key, value] of Object.entries(parseFilter(raw))) {
    const apply = Object.hasOwn(filters, key) ? filters[key] : undefined;
    if (!apply) throw new BadRequestException(`不支持按 ${key} 筛选；可用：${Object.keys(filters).join(', ')}`);
    apply(sql, value);
  }
}

/** `sort=["field","ASC"]` → ORDER BY (unknown fields are a 400). */
export function orderSql(raw: unknown, sql: SqlParts, fallback: SortSpec = DEFAULT_SORT): OrderBy {
  const [field, order] = parseSort(raw, fallback);
  const sorts = sortSql(sql);
  const exprs = Object.hasOwn(sorts, field) ? sorts[field] : undefined;
  if (!exprs) throw new BadRequestException(`不支持按 ${field} 排序；可用：${Object.keys(sorts).join(', ')}`);
  // No sort column is nullable, so the default NULLS placement, which lets btree indexes serve the order.
  const text = [...exprs, 'a.id'].map((e) => `${e} ${order}`).join(', ');
  return { sql: `ORDER BY ${text}`, readsItem: /\bi\./.test(text), readsUnit: /\bu\./.test(text) };
}

/**
 * One page: first the page's ids (joining only what the conditions and the order read, so an index on
 * (…, deadline, id) can serve it), then the full rows and their derived columns for those ids alone.
 */
export function pageSql(sql: SqlParts, order: OrderBy, limit: number, offset: number): string {
  const joins = [
    sql.readsItem || order.readsItem ? `JOIN plan_items i ON i.id = a.plan_item_id AND i.plan_id = a.plan_id` : '',
    order.readsUnit ? `JOIN org_units u ON u.id = a.org_unit_id` : '',
  ].join(' ');
  return `WITH page AS MATERIALIZED (SELECT a.id FROM assignments a ${joins} ${sql.whereSql} ${order.sql} LIMIT ${limit} OFFSET ${offset})
    ${selectSql(sql.today())} ${FROM_SQL} JOIN page ON page.id = a.id ${order.sql}`;
}
