import { Column, Entity } from 'typeorm';
import type { ItemKind, Milestone, ParsedSubItem, QuantitativeTarget, RecurringPeriod } from '@duban/plan-parser';
import { BaseRecord } from '../../core/database/base.entity';

@Entity('plan_items')
export class PlanItem extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  kind!: ItemKind;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  body!: string;

  /** Whether the office splits it into assignments (measures of the action chapters, projects). */
  @Column({ type: 'boolean', default: false })
  assignable!: boolean;

  /** Order in the document. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'int', nullable: true })
  line!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Milestone[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  periods!: RecurringPeriod[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  targets!: QuantitativeTarget[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  subItems!: ParsedSubItem[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentionedOrgUnitIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  glossaryTermIds!: string[];
}
