import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asBoolean, asIntList, asStringList, asText, asUuidList, likePattern } from '../../core/http/list-query';
import { PlanRowsReader } from '../plans/plan-rows';
import { Indicator } from './indicator.entity';

@Injectable()
export class IndicatorsService extends PlanRowsReader<Indicator> {
  constructor(db: DataSource) {
    super(db, Indicator, {
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
        q: (qb, v, p) => qb.andWhere(`(x.name || ' ' || x.category) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
      },
      sorts: { position: 'x.position', number: 'x.number', name: 'x.name' },
      defaultSort: ['position', 'ASC'],
      tieBreaker: 'x.id',
    });
  }
}
