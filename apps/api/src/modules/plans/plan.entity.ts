import { Column, Entity } from 'typeorm';
import type { PlanStatus } from '@duban/domain';
import type { ParsedIndicatorTable, ParsedReferenceTable } from '@duban/plan-parser';
import { BaseRecord } from '../../core/database/base.entity';

@Entity('plans')
export class Plan extends BaseRecord {
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: PlanStatus;

  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ type: 'text', default: '' })
  preface!: string;

  @Column({ type: 'text', default: '' })
  notice!: string;

  /** Table 2's caption and notes. */
  @Column({ type: 'jsonb', nullable: true })
  indicatorTable!: ParsedIndicatorTable | null;

  /** Tables kept as reference (table 1: the last plan's results). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  referenceTables!: ParsedReferenceTable[];

  /** sha256 of the text last imported, so a repeated import can say "nothing changed". */
  @Column({ type: 'text', nullable: true, select: false })
  sourceSha256!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
