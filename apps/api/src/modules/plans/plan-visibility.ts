import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';

/** Drafts are the office's work in progress: leaders and liaisons read published plans only. */
export function seesDrafts(caller: AuthUser): boolean {
  return caller.role === 'admin' || caller.role === 'office' || caller.role === 'inspector';
}

/** Restricts a query over plan rows (`alias.planId`) to the plans this caller may read. */
export function scopeToVisiblePlans<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  caller: AuthUser,
): SelectQueryBuilder<T> {
  if (!seesDrafts(caller)) qb.andWhere(`${alias}.planId IN (SELECT p.id FROM plans p WHERE p.status = 'published')`);
  return qb;
}
