import type { DataSource, ObjectLiteral } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { found } from '../../core/http/record';
import { scopeToVisiblePlans } from './plan-visibility';

/** Read access to rows that belong to a plan (items, indicators, glossary), scoped to the plans the caller may read. */
export class PlanRowsReader<T extends ObjectLiteral> {
  constructor(
    private readonly db: DataSource,
    private readonly entity: new () => T,
    private readonly spec: ListSpec<T> & { alias: string; what: string },
  ) {}

  private scoped(caller: AuthUser) {
    return scopeToVisiblePlans(this.db.getRepository(this.entity).createQueryBuilder(this.spec.alias), this.spec.alias, caller);
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), this.spec, params);
  }

  async get(caller: AuthUser, id: string): Promise<T> {
    return found(await this.scoped(caller).andWhere(`${this.spec.alias}.id = :id`, { id }).getOne(), this.spec.what);
  }
}
