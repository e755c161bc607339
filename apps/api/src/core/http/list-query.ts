import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { isDateString } from '@duban/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
export const UuidPipe = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id 必须是 UUID') });

/** Parses one of react-admin's JSON query parameters (a 400 that says which when malformed). */
export function parseJsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new BadRequestException(`${name} 参数只能出现一次，且必须是 JSON`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestException(`${name} 参数不是合法的 JSON`);
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
    throw new BadRequestException('range 必须是两个整数 [start, end]');
  }
  const [start, end] = range as [number, number];
  if (start < 0 || end < start) throw new BadRequestException('range 不能为负数，end 不能小于 start');
  if (end - start + 1 > max) throw new BadRequestException(`range 一页最多 ${max} 条`);
  return [start, end];
}

/** `filter={…}`: a JSON object (empty when absent). */
export function parseFilter(raw: unknown): Record<string, unknown> {
  const filter = parseJsonParam('filter', raw) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new BadRequestException('filter 必须是 JSON 对象');
  return filter as Record<string, unknown>;
}

/** `sort=["field","ASC"|"DESC"]`, or the fallback when absent; the caller checks the field is one it offers. */
export function parseSort(raw: unknown, fallback: [string, 'ASC' | 'DESC']): [string, 'ASC' | 'DESC'] {
  const sortParam = parseJsonParam('sort', raw);
  if (sortParam === undefined) return fallback;
  if (!Array.isArray(sortParam) || sortParam.length !== 2 || typeof sortParam[0] !== 'string') {
    throw new BadRequestException('sort 必须是 ["字段", "ASC|DESC"]');
  }
  const dir = String(sortParam[1]).toUpperCase();
  if (dir !== 'ASC' && dir !== 'DESC') throw new BadRequestException('sort 的方向只能是 ASC 或 DESC');
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
    if (!apply) throw new BadRequestException(`不支持按 ${key} 筛选；可用：${Object.keys(filters).join(', ')}`);
    apply(query, value, `f_${key.replace(/[^A-Za-z0-9_]/g, '_')}`);
  }
  const sort = parseSort(params.sort, defaultSort);
  if (!sorts.includes(sort[0])) throw new BadRequestException(`不支持按 ${sort[0]} 排序；可用：${sorts.join(', ')}`);
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
    throw new BadRequestException(`筛选 ${name} 必须是 UUID 或 UUID 数组（最多 1000 个）`);
  }
  return list as string[];
}

export function asStringList(name: string, value: unknown, allowed?: readonly string[]): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && v.length <= 200)) {
    throw new BadRequestException(`筛选 ${name} 必须是字符串或字符串数组`);
  }
  if (allowed && !list.every((v) => allowed.includes(v as string))) {
    throw new BadRequestException(`筛选 ${name} 只能取：${allowed.join(', ')}`);
  }
  return list as string[];
}

export function asIntList(name: string, value: unknown, min: number, max: number): number[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > 1000 || !list.every((n) => Number.isInteger(n) && n >= min && n <= max)) {
    throw new BadRequestException(`筛选 ${name} 必须是 ${min}–${max} 的整数或整数数组`);
  }
  return list as number[];
}

/** A real calendar date written YYYY-MM-DD. */
export function asDate(name: string, value: unknown): string {
  if (!isDateString(value)) throw new BadRequestException(`筛选 ${name} 必须是 YYYY-MM-DD 格式的真实日期`);
  return value;
}

export function asBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new BadRequestException(`筛选 ${name} 必须是 true 或 false`);
  return value;
}

export function asText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 200) throw new BadRequestException(`筛选 ${name} 必须是不超过 200 字的文本`);
  return value;
}

/** Escapes % and _ so a user's text is matched literally by ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
