import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLAN_STATUSES } from '@duban/domain';
import { accessibleBy } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { asStringList, asText, asUuidList, likePattern, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { assertVersion, found } from '../../core/http/record';
import { Plan } from './plan.entity';
import { refuse } from '../../core/http/messages';

const LIST: ListSpec<Plan> = {
  resource: 'plans',
  filters: {
    id: (qb, v, p) => qb.andWhere(`p.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    status: (qb, v, p) => qb.andWhere(`p.status IN (:...${p})`, { [p]: asStringList('status', v, PLAN_STATUSES) }),
    code: (qb, v, p) => qb.andWhere(`p.code IN (:...${p})`, { [p]: asStringList('code', v) }),
    q: (qb, v, p) => qb.andWhere(`(p.title ILIKE :${p} OR p.code ILIKE :${p})`, { [p]: likePattern(asText('q', v)) }),
  },
  sorts: { title: 'p.title', code: 'p.code', periodStart: 'p.periodStart', createdAt: 'p.createdAt', status: 'p.status' },
  defaultSort: ['periodStart', 'DESC'],
  tieBreaker: 'p.id',
};

@Injectable()
export class PlansService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  private scoped(caller: AuthUser) {
    return accessibleBy(this.db.getRepository(Plan).createQueryBuilder('p'), caller, 'Plan');
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), LIST, params);
  }

  async get(caller: AuthUser, id: string): Promise<Plan> {
    return found(await this.scoped(caller).andWhere('p.id = :id', { id }).getOne(), '规划');
  }

  /** Makes a draft plan ready for decomposition. */
  async publish(actor: AuthUser | null, id: string, version?: number): Promise<Plan> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Plan);
      const plan = found(await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '规划');
      if (version !== undefined) assertVersion(plan, version);
      if (plan.status !== 'draft') throw refuse(409, 'plans.published');
      const items = Number((await m.query(`SELECT count(*) AS n FROM plan_items WHERE plan_id = $1 AND assignable`, [id]))[0].n);
      if (items === 0) throw refuse(409, 'plans.nothingAssignable');
      await repo.update({ id }, { status: 'published', publishedAt: this.clock.now(), version: plan.version + 1 });
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, actor?.id ?? null, {
        action: 'publish',
        entity: 'Plan',
        entityId: id,
        planId: id,
        before: { status: plan.status },
        after: { status: after.status, publishedAt: after.publishedAt },
      });
      return after;
    });
  }
}
