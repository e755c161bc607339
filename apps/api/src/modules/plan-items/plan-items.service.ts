import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asBoolean, asStringList, asText, asUuidList, likePattern } from '../../core/http/list-query';
import { PlanRowsReader } from '../plans/plan-rows';
import { PlanItem } from './plan-item.entity';

const KINDS = ['chapter', 'section', 'measure', 'column', 'project', 'block'] as const;

@Injectable()
export class PlanItemsService extends PlanRowsReader<PlanItem> {
  constructor(db: DataSource) {
    super(db, PlanItem, {
      resource: 'plan-items',
      alias: 'i',
      subject: 'PlanItem',
      what: '规划条目',
      filters: {
        id: (qb, v, p) => qb.andWhere(`i.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`i.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        parentId: (qb, v, p) =>
          v === null ? qb.andWhere('i.parentId IS NULL') : qb.andWhere(`i.parentId IN (:...${p})`, { [p]: asUuidList('parentId', v) }),
        kind: (qb, v, p) => qb.andWhere(`i.kind IN (:...${p})`, { [p]: asStringList('kind', v, KINDS) }),
        number: (qb, v, p) => qb.andWhere(`i.number IN (:...${p})`, { [p]: asStringList('number', v) }),
        assignable: (qb, v, p) => qb.andWhere(`i.assignable = :${p}`, { [p]: asBoolean('assignable', v) }),
        orgUnitId: (qb, v, p) => qb.andWhere(`i.mentionedOrgUnitIds && :${p}::uuid[]`, { [p]: asUuidList('orgUnitId', v) }),
        // Chinese has no spaces to split words on: a substring match over title and body, backed by a trigram index.
        q: (qb, v, p) => qb.andWhere(`(i.title || ' ' || i.body) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
      },
      sorts: { position: 'i.position', number: 'i.number', title: 'i.title', kind: 'i.kind' },
      defaultSort: ['position', 'ASC'],
      tieBreaker: 'i.id',
    });
  }
}
