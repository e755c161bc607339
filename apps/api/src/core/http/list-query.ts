import { ParseUUIDPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { isDateString } from '@duban/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { refuse } from './messages';

/**
 * react-admin's simple REST list convention (ra-data-simple-rest):
 *   ?filter={"field":value}&range=[start,end]&sort=["field","ASC"]
 * Every filter and sort a list offers is declared; anything else is a 400 that says what is wrong.
 */
export interface ListSpec<T extends ObjectLiteral> {
  /** The resource name used in the Content-Range header. */
  resource: string;
  /** Filter name → applies it to the query (validate the value; throw BadRequestException when malformed). */
  filters: Record<string, ListFilter<SelectQueryBuilder<T>>>;
  /** Sort name → SQL expression (must be index-backed). */
  sorts: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  /** Tie-breaker for a stable order, e.g. `${alias}.id`. */
  tieBreaker: string;
  maxPageSize?: number;
}

/** The three query parameters of a list; anything else in the query string is a 400. */
export class ListQueryParams {
  @ApiPropertyOptional({ description: 'JSON object, e.g. {"kind":"county"}' })
  @IsOptional()
  @IsString({ message: 'filter 只能出现一次，且必须是 JSON' })
  filter?: string;

  @ApiPropertyOptional({ description: 'JSON [start, end], inclusive, e.g. [0,24]' })
  @IsOptional()
  @IsString({ message: 'range 只能出现一次，且必须是 JSON' })
  range?: string;

  @ApiPropertyOptional({ description: 'JSON ["field", "ASC"|"DESC"]' })
  @IsOptional()
  @IsString({ message: 'sort 只能出现一次，且必须是 JSON' })
  sort?: string;
}

/** `:id` path parameters: a malformed id is a 400 that says so. */
export const UuidPipe = new ParseUUIDPipe({ exceptionFactory: () => refuse(400, 'list.idUuid') });

/** Parses one of react-admin's JSON query parameters (a 400 that says which when malformed). */
export function parseJsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw refuse(400, 'list.paramOnceJson', { name });
  try {
    return JSON.parse(raw);
  } catch {
    throw refuse(400, 'list.paramNotJson', { name });
  }
}

/**
 * `range=[start,end]` (inclusive). Without one, a page of 25 rows, or, when the filter asks for ids
 * (react-admin's getMany sends `filter={"id":[…]}` and no range), every id asked for up to the page cap.
 */
export function parseRange(raw: unknown, max: number, filter: Record<string, unknown> = {}): [number, number] {
  const range = parseJsonParam('range', raw);
  if (range === undefined) {
    const ids = Array.isArray(filter.id) ? filter.id.length : 1;
    return [0, Math.min(Math.max(ids, 25), max) - 1];
  }
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n))) {
    throw refuse(400, 'list.rangePair');
  }
  const [start, end] = range as [number, number];
  if (start < 0 || end < start) throw refuse(400, 'list.rangeOrder');
  if (end - start + 1 > max) throw refuse(400, 'list.rangeMax', { max });
  return [start, end];
}

/** `filter={…}`: a JSON object (empty when absent). */
export function parseFilter(raw: unknown): Record<string, unknown> {
  const filter = parseJsonParam('filter', raw) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw refuse(400, 'list.filterObject');
  return filter as Record<string, unknown>;
}

/** `sort=["field","ASC"|"DESC"]`, or the fallback when absent; the caller checks the field is one it offers. */
export function parseSort(raw: unknown, fallback: [string, 'ASC' | 'DESC']): [string, 'ASC' | 'DESC'] {
  const sortParam = parseJsonParam('sort', raw);
  if (sortParam === undefined) return fallback;
  if (!Array.isArray(sortParam) || sortParam.length !== 2 || typeof sortParam[0] !== 'string') {
    throw refuse(400, 'list.sortPair');
  }
  const dir = String(sortParam[1]).toUpperCase();
  if (dir !== 'ASC' && dir !== 'DESC') throw refuse(400, 'list.sortDirection');
  return [sortParam[0], dir];
}

/**
 * The sorts a list offers: those the spec declares, then `id` (react-admin's default sort) and every scalar column of
 * the entity under its API name, so any column the console shows can be sorted without a list of its own.
 */
export function listSorts<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, spec: ListSpec<T>): Record<string, string> {
  const alias = qb.alias;
  const columns: Record<string, string> = { id: spec.tieBreaker };
  for (const column of qb.expressionMap.mainAlias?.metadata.columns ?? []) {
    const type = typeof column.type === 'string' ? column.type : '';
    if (column.isSelect && !column.isArray && !column.isVirtualProperty && !['jsonb', 'json', 'simple-json'].includes(type)) {
      columns[column.propertyName] = `${alias}.${column.propertyName}`;
    }
  }
  return { ...columns, ...spec.sorts };
}

/** A filter of a list: adds its condition to the query being built (validating the value; a 400 when malformed). */
export type ListFilter<Q> = (query: Q, value: unknown, param: string) => void;

/** What a list request asks for, once read: its filter (already applied), its sort among those offered, its page. */
export interface ListRequest {
  filter: Record<string, unknown>;
  sort: [string, 'ASC' | 'DESC'];
  start: number;
  end: number;
}

/**
 * The one reading of a list's `filter`, `sort` and `range` for every list, whatever runs its query (the query
 * builder in `runList`, raw SQL in `runSqlList`): each filter is applied to `query` (an unknown one is a 400 naming
 * the known ones), the sort must be one offered (else a 400 naming them), the page is within the cap.
 */
export function readListRequest<Q>(
  query: Q,
  filters: Record<string, ListFilter<Q>>,
  sorts: readonly string[],
  params: Pick<ListQueryParams, 'filter' | 'sort' | 'range'>,
  defaultSort: [string, 'ASC' | 'DESC'],
  maxPageSize: number,
): ListRequest {
  const filter = parseFilter(params.filter);
  for (const [key, value] of Object.entries(filter)) {
    const apply = Object.hasOwn(filters, key) ? filters[key] : undefined;
    if (!apply) throw refuse(400, 'list.unknownFilter', { name: key, allowed: Object.keys(filters).join(', ') });
    apply(query, value, `f_${key.replace(/[^A-Za-z0-9_]/g, '_')}`);
  }
  const sort = parseSort(params.sort, defaultSort);
  if (!sorts.includes(sort[0])) throw refuse(400, 'list.unknownSort', { name: sort[0], allowed: sorts.join(', ') });
  const [start, end] = parseRange(params.range, maxPageSize, filter);
  return { filter, sort, start, end };
}

/** Applies filter, sort and range; returns the page and the true total (one query each). */
export async function runList<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  spec: ListSpec<T>,
  params: ListQueryParams,
): Promise<{ rows: T[]; total: number; start: number }> {
  const sorts = listSorts(qb, spec);
  const { sort, start, end } = readListRequest(qb, spec.filters, Object.keys(sorts), params, spec.defaultSort, spec.maxPageSize ?? 1000);
  const [field, order] = sort;
  qb.orderBy(sorts[field], order, order === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST').addOrderBy(spec.tieBreaker, order);
  const total = await qb.getCount();
  const rows =
    start >= total
      ? []
      : await qb
          .offset(start)
          .limit(end - start + 1)
          .getMany();
  return { rows, total, start };
}

// ---- small validators for filter values ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function asUuidList(name: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > 1000 || !list.every((v) => typeof v === 'string' && UUID.test(v))) {
    throw refuse(400, 'list.filterUuids', { name });
  }
  return list as string[];
}

export function asStringList(name: string, value: unknown, allowed?: readonly string[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && v.length <= 200)) {
    throw refuse(400, 'list.filterStrings', { name });
  }
  if (allowed && !list.every((v) => allowed.includes(v as string))) {
    throw refuse(400, 'list.filterAllowed', { name, allowed: allowed.join(', ') });
  }
  return list as string[];
}

export function asIntList(name: string, value: unknown, min: number, max: number): number[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > 1000 || !list.every((n) => Number.isInteger(n) && n >= min && n <= max)) {
    throw refuse(400, 'list.filterInts', { name, min, max });
  }
  return list as number[];
}

/** A real calendar date written YYYY-MM-DD. */
export function asDate(name: string, value: unknown): string {
  if (!isDateString(value)) throw refuse(400, 'list.filterDate', { name });
  return value;
}

export function asBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw refuse(400, 'list.filterBoolean', { name });
  return value;
}

export function asText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 200) throw refuse(400, 'list.filterText', { name });
  return value;
}

/** Escapes % and _ so a user's text is matched literally by ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
