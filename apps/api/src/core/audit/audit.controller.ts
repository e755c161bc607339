import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { accessibleBy } from '../access/access';
import type { AuthUser } from '../auth/auth-user';
import { Caller, Policy } from '../auth/policy.decorator';
import { asStringList, asText, asUuidList, ListQueryParams, runList, UuidPipe, type ListSpec } from '../http/list-query';
import { List } from '../http/list.decorator';
import { found } from '../http/record';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

const LIST: ListSpec<AuditEvent> = {
  resource: 'audit-events',
  filters: {
    id: (qb, v, p) => qb.andWhere(`e.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    actorId: (qb, v, p) => qb.andWhere(`e.actorId IN (:...${p})`, { [p]: asUuidList('actorId', v) }),
    entity: (qb, v, p) => qb.andWhere(`e.entity IN (:...${p})`, { [p]: asStringList('entity', v) }),
    entityId: (qb, v, p) => qb.andWhere(`e.entityId IN (:...${p})`, { [p]: asStringList('entityId', v) }),
    planId: (qb, v, p) => qb.andWhere(`e.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
    action: (qb, v, p) => qb.andWhere(`e.action = :${p}`, { [p]: asText('action', v) }),
  },
  sorts: { at: 'e.at', seq: 'e.seq' },
  defaultSort: ['seq', 'DESC'],
  tieBreaker: 'e.seq',
};

@ApiTags('audit-events')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  @Policy('read', 'AuditEvent')
  @Get()
  @List('audit-events')
  list(@Caller() caller: AuthUser, @Query() query: ListQueryParams) {
    return runList(this.scoped(caller), LIST, query);
  }

  /** `{ok, checked, firstBadId}`: walks the hash chain and names the first event that does not fit. */
  @Policy('read', 'AuditEvent')
  @Get('verify')
  verify() {
    return this.audit.verify();
  }

  @Policy('read', 'AuditEvent')
  @Get(':id')
  async get(@Caller() caller: AuthUser, @Param('id', UuidPipe) id: string) {
    return found(await this.scoped(caller).andWhere('e.id = :id', { id }).getOne(), '审计事件');
  }

  /** Events this caller may read (core/access): none that shows what the resource itself hides, such as a draft. */
  private scoped(caller: AuthUser) {
    return accessibleBy(this.db.getRepository(AuditEvent).createQueryBuilder('e'), caller, 'AuditEvent');
  }
}
