import { readListRequest, type ListFilter, type ListQueryParams } from '../http/list-query';
import type { ListPage } from '../http/list.decorator';

/**
 * A constant set of identifiers (a status set of libs/domain) written as a SQL list, `('a','b')`, for statements
 * whose text must stay constant (partial indexes match on the literal list). Values from a request are bound as
 * parameters instead, never rendered.
 */
export function sqlList(values: readonly string[]): string {
  if (values.length === 0 || !values.every((v) => /^[a-z_]+$/.test(v)))
    throw new Error(`sqlList: not a set of identifiers: ${values.join(',')}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** A list whose statements are raw SQL: its filters add conditions to `Q` (the statement being built). */
export interface SqlListSpec<Q> {
  filters: Record<string, ListFilter<Q>>;
  /** The sort names offered (the caller renders the chosen one into its ORDER BY). */
  sorts: readonly string[];
  defaultSort: [string, 'ASC' | 'DESC'];
  maxPageSize: number;
}

/**
 * The list engine for raw SQL, the same reading of `filter`, `sort` and `range` as `runList` (readListRequest): the
 * filters are applied to `query`, then the count runs, then (unless the page starts past the total) the page.
 */
export async function runSqlList<Q, R>(
  query: Q,
  spec: SqlListSpec<Q>,
  params: Pick<ListQueryParams, 'filter' | 'sort' | 'range'>,
  run: { count(): Promise<number>; page(sort: [string, 'ASC' | 'DESC'], limit: number, offset: number): Promise<R[]> },
): Promise<ListPage<R>> {
  const { sort, start, end } = readListRequest(query, spec.filters, spec.sorts, params, spec.defaultSort, spec.maxPageSize);
  const total = await run.count();
  if (start >= total) return { rows: [], total, start };
  return { rows: await run.page(sort, end - start + 1, start), total, start };
}
