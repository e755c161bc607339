import type { DataSource, ObjectLiteral } from 'typeorm';
import { accessibleBy } from '../../core/access/access';
import type { AuthUser } from '../../core/auth/auth-user';
import { runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { found } from '../../core/http/record';
import type { RecordName } from '../../core/http/messages';

/** Read access to rows that belong to a plan (items, indicators, glossary), scoped to the plans the caller may read (core/access). */
export class PlanRowsReader<T extends ObjectLiteral> {
  constructor(
    private readonly db: DataSource,
    private readonly entity: new () => T,
    private readonly spec: ListSpec<T> & { alias: string; subject: 'PlanItem' | 'Indicator' | 'GlossaryTerm'; what: RecordName },
  ) {}

  private scoped(caller: AuthUser) {
    return accessibleBy(this.db.getRepository(this.entity).createQueryBuilder(this.spec.alias), caller, this.spec.subject);
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), this.spec, params);
  }

  async get(caller: AuthUser, id: string): Promise<T> {
    return found(await this.scoped(caller).andWhere(`${this.spec.alias}.id = :id`, { id }).getOne(), this.spec.what);
  }
}
