import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asText, asUuidList, likePattern } from '../../core/http/list-query';
import { PlanRowsReader } from '../plans/plan-rows';
import { GlossaryTerm } from './glossary-term.entity';

@Injectable()
export class GlossaryTermsService extends PlanRowsReader<GlossaryTerm> {
  constructor(db: DataSource) {
    super(db, GlossaryTerm, {
      resource: 'glossary-terms',
      alias: 'g',
      subject: 'GlossaryTerm',
      what: '术语',
      filters: {
        id: (qb, v, p) => qb.andWhere(`g.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`g.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        itemId: (qb, v, p) => qb.andWhere(`g.itemIds && :${p}::uuid[]`, { [p]: asUuidList('itemId', v) }),
        term: (qb, v, p) => qb.andWhere(`g.term = :${p}`, { [p]: asText('term', v) }),
        q: (qb, v, p) => qb.andWhere(`(g.term || ' ' || g.explanation) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
      },
      sorts: { number: 'g.number', term: 'g.term' },
      defaultSort: ['number', 'ASC'],
      tieBreaker: 'g.id',
    });
  }
}
