import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { refuse } from '../../core/http/messages';
import { assertVersion, found } from '../../core/http/record';
import { OrgUnit } from '../../core/org-units/org-unit.entity';
import type { UpdateIndicatorDto } from './dto/update-indicator.dto';
import { asBoolean, asIntList, asStringList, asText, asUuidList, likePattern } from '../../core/http/list-query';
import { PlanRowsReader } from '../plans/plan-rows';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsService extends PlanRowsReader<Indicator> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    super(dataSource, Indicator, {
      resource: 'indicators',
      alias: 'x',
      subject: 'Indicator',
      what: '指标',
      filters: {
        id: (qb, v, p) => qb.andWhere(`x.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`x.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        number: (qb, v, p) => qb.andWhere(`x.number IN (:...${p})`, { [p]: asIntList('number', v, 1, 999) }),
        scope: (qb, v, p) => qb.andWhere(`x.scope IN (:...${p})`, { [p]: asStringList('scope', v) }),
        binding: (qb, v, p) => qb.andWhere(`x.binding = :${p}`, { [p]: asBoolean('binding', v) }),
        orgUnitId: (qb, v, p) => qb.andWhere(`x.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
        responsibleOrgUnitId: (qb, v, p) =>
          qb.andWhere(`x.responsibleOrgUnitId IN (:...${p})`, { [p]: asUuidList('responsibleOrgUnitId', v) }),
        q: (qb, v, p) => qb.andWhere(`(x.name || ' ' || x.category) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
      },
      sorts: {
        position: 'x.position',
        number: 'x.number',
        name: 'x.name',
        scope: 'x.scope',
        binding: 'x.binding',
        responsibleOrgUnitId: 'x.responsibleOrgUnitId',
      },
      defaultSort: ['position', 'ASC'],
      tieBreaker: 'x.id',
    });
  }

  /** The office names the unit that reports an indicator (audited; a stale version is a 409). */
  async update(actor: AuthUser, id: string, dto: UpdateIndicatorDto): Promise<Indicator> {
    await this.get(actor, id);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Indicator);
      const row = found(await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '指标');
      assertVersion(row, dto.version);
      const unit = await m.getRepository(OrgUnit).findOneBy({ id: dto.responsibleOrgUnitId });
      if (!unit) throw refuse(400, 'users.unitMissing', { field: 'responsibleOrgUnitId' });
      if (unit.kind === 'office') throw refuse(400, 'indicators.officeUnit', { name: unit.name });
      const before = { responsibleOrgUnitId: row.responsibleOrgUnitId };
      row.responsibleOrgUnitId = unit.id;
      row.version += 1;
      const saved = await repo.save(row);
      await this.audit.record(m, actor.id, {
        action: 'update',
        entity: 'Indicator',
        entityId: id,
        planId: row.planId,
        before,
        after: { responsibleOrgUnitId: unit.id },
      });
      return saved;
    });
  }
}
