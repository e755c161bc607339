import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../../core/database/base.entity';

/** One footnote of the plan: a term and its explanation, linked to the items that use it. */
@Entity('glossary_terms')
export class GlossaryTerm extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  term!: string;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  itemIds!: string[];
}
