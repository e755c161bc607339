import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asBoolean, asStringList, asText, asUuidList, likePattern } from '../../core/http/list-query';
import { BadRequestException } from '@nestjs/common';
import { PlanRowsReader } from '../plans/plan-rows';
import { Indicator } from './indicator.entity';

function asNumbers(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((n) => Number.isInteger(n) && n >= 1 && n <= 999)) throw new BadRequestException('筛选 number 必须是正整数或其数组');
  return list as number[];
}

@Injectable()
export class IndicatorsService extends PlanRowsReader<Indicator> {
  constructor(db: DataSource) {
    super(db, Indicator, {
      resource: 'indicators',
      alias: 'x',
      what: '指标',
      filters: {
        id: (qb, v, p) => qb.andWhere(`x.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`x.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        number: (qb, v, p) => qb.andWhere(`x.number IN (:...${p})`, { [p]: asNumbers(v) }),
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
