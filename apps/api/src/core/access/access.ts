/**
 * Row access: the ONE place where the ability definition (libs/permissions) becomes the WHERE clause of a query.
 *
 * Every query that reads or writes plan work selects its rows through one of these, so a list, a count, a single
 * read, an export and an update see exactly the rows the caller's rules allow (another unit's row is a 404):
 *
 *   // TypeORM query builder: the rows of qb's main alias the caller may read
 *   const qb = accessibleBy(m.getRepository(Report).createQueryBuilder('r'), caller, 'Report');
 *
 *   // raw SQL: a parameterised condition over alias `a`; `bind` adds a value and returns its placeholder
 *   const params: unknown[] = [];
 *   const where = accessSql(caller, 'Assignment', 'a', bindTo(params));   // e.g. `a.org_unit_id = $1`
 *   await m.query(`SELECT … FROM assignments a WHERE ${where}`, params);
 *
 * The conditions come from CASL (`rulesToAST`); SUBJECT_COLUMNS maps each subject's ability fields to its SQL.
 * A subject the caller may not act on at all gives `FALSE`; one without conditions gives `TRUE`.
 */
import { rulesToAST } from '@casl/ability/extra';
import { defineAbilityFor, type AbilityUser, type Action } from '@duban/permissions';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Column expressions of one subject's ability fields, given the table alias. */
type Columns = Record<string, (alias: string) => string>;

const orgUnitId = (a: string) => `${a}.org_unit_id`;

/** The status of the plan a row belongs to. */
const planStatus = (a: string) => `(SELECT xp.status FROM plans xp WHERE xp.id = ${a}.plan_id)`;

/** The status of the report or indicator value an evidence row belongs to (both follow the report machine). */
export const evidenceReportStatus = (a: string) =>
  `coalesce((SELECT xr.status FROM reports xr WHERE xr.id = ${a}.report_id),
            (SELECT xv.status FROM indicator_values xv WHERE xv.id = ${a}.indicator_value_id))`;

/**
 * Ability field → SQL, per subject: the one map from the rules' names to the tables' columns.
 * AuditEvent.reportStatus is the report's status as the event recorded it (a report's event), or the status of the
 * evidence's report now (an evidence event: evidence never moves to another report); null for any other event.
 */
export const SUBJECT_COLUMNS = {
  Plan: { status: (a) => `${a}.status` },
  PlanItem: { planStatus },
  Indicator: { planStatus },
  GlossaryTerm: { planStatus },
  Assignment: { orgUnitId },
  Report: { orgUnitId, status: (a) => `${a}.status` },
  IndicatorValue: { orgUnitId, status: (a) => `${a}.status` },
  Evidence: { orgUnitId, reportStatus: evidenceReportStatus },
  Escalation: { orgUnitId, kind: (a) => `${a}.kind` },
  User: { orgUnitId },
  Notification: { userId: (a) => `${a}.user_id`, orgUnitId },
  Bulletin: { status: (a) => `${a}.status` },
  AuditEvent: {
    reportStatus: (a) => `(CASE ${a}.entity
      WHEN 'Report' THEN coalesce(${a}.after->>'status', ${a}.before->>'status')
      WHEN 'IndicatorValue' THEN coalesce(${a}.after->>'status', ${a}.before->>'status')
      WHEN 'Evidence' THEN coalesce(
        (SELECT xr.status FROM reports xr WHERE xr.id = (coalesce(${a}.after, ${a}.before)->>'reportId')::uuid),
        (SELECT xv.status FROM indicator_values xv
          WHERE xv.id = (coalesce(${a}.after, ${a}.before)->>'indicatorValueId')::uuid)) END)`,
  },
} satisfies Record<string, Columns>;

export type ScopedSubject = keyof typeof SUBJECT_COLUMNS;

/** Adds a value to a statement's parameters and returns its placeholder. */
export type Bind = (value: unknown) => string;

/** A Bind for positional parameters (`$1`, `$2`, …) collected in `params`. */
export function bindTo(params: unknown[]): Bind {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

interface Node {
  operator: string;
  field?: string;
  value: unknown;
}

const NEGATED: Record<string, string> = { and: 'or', or: 'and', eq: 'ne', ne: 'eq', in: 'nin', nin: 'in' };

/** `not` pushed down to the fields (an inverted rule becomes `user_id = $1`, which an index can serve). */
function negate(node: Node): Node {
  if (node.operator === 'not') return (node.value as Node[])[0];
  const operator = NEGATED[node.operator];
  if (!operator) throw new Error(`access: the condition operator "${node.operator}" has no SQL form`);
  return node.operator === 'and' || node.operator === 'or'
    ? { operator, value: (node.value as Node[]).map(negate) }
    : { ...node, operator };
}

/** Mongo semantics: `ne` and `nin` also match a row whose field is NULL; `eq` and `in` do not. */
function render(node: Node, columns: Columns, alias: string, bind: Bind): string {
  switch (node.operator) {
    case 'and':
    case 'or': {
      const parts = (node.value as Node[]).map((n) => render(n, columns, alias, bind));
      if (parts.length === 0) return node.operator === 'and' ? 'TRUE' : 'FALSE';
      return `(${parts.join(node.operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return render(negate((node.value as Node[])[0]), columns, alias, bind);
  }
  const column = node.field !== undefined && Object.hasOwn(columns, node.field) ? columns[node.field] : undefined;
  if (!column) throw new Error(`access: no SQL column for the ability field "${node.field}"`);
  const col = column(alias);
  switch (node.operator) {
    case 'eq':
      return node.value === null ? `${col} IS NULL` : `${col} = ${bind(node.value)}`;
    case 'ne':
      return node.value === null ? `${col} IS NOT NULL` : `${col} IS DISTINCT FROM ${bind(node.value)}`;
    case 'in':
      return `${col} = ANY(${bind(node.value)})`;
    case 'nin':
      return `(${col} = ANY(${bind(node.value)})) IS NOT TRUE`;
    default:
      throw new Error(`access: the condition operator "${node.operator}" has no SQL form`);
  }
}

/**
 * The SQL condition selecting the rows of `subject` (table alias `alias`) that `caller` may `action` (read by
 * default), with its values bound through `bind`. Use it in raw SQL; for the query builder use `accessibleBy`.
 */
export function accessSql(caller: AbilityUser, subject: ScopedSubject, alias: string, bind: Bind, action: Action = 'read'): string {
  const ast = rulesToAST(defineAbilityFor(caller), action, subject) as Node | null;
  if (ast === null) return 'FALSE';
  return render(ast, SUBJECT_COLUMNS[subject], alias, bind);
}

let sequence = 0;

/** Narrows `qb` (its main alias, or `alias`) to the rows of `subject` the caller may `action` (read by default). */
export function accessibleBy<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  caller: AbilityUser,
  subject: ScopedSubject,
  opts: { action?: Action; alias?: string } = {},
): SelectQueryBuilder<T> {
  const params: Record<string, unknown> = {};
  const bind: Bind = (value) => {
    const name = `access_${(sequence = (sequence + 1) % 1_000_000)}`;
    params[name] = value;
    return `:${name}`;
  };
  return qb.andWhere(accessSql(caller, subject, opts.alias ?? qb.alias, bind, opts.action), params);
}
