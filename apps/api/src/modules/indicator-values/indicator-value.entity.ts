import { Column, Entity } from 'typeorm';
import type { IndicatorAssessment, ReportStatus } from '@duban/domain';
import { BaseRecord } from '../../core/database/base.entity';
import { numericColumn } from '../indicators/indicator.entity';

/** One indicator row's value for one year (2021–2025), carried through the report machine (CONTRACT.md `/api/indicator-values`). */
@Entity('indicator_values')
export class IndicatorValue extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  indicatorId!: string;

  /** The responsible unit when the value was started: scoping never needs a join. */
  @Column({ type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'numeric', nullable: true, transformer: numericColumn })
  value!: number | null;

  /** What the unit says of it (how measured, the source, the words of a judged target). */
  @Column({ type: 'text', default: '' })
  text!: string;

  /** The inspector's judgement of a target in words (稳中向好, 完成省下达目标), given when approving. */
  @Column({ type: 'text', nullable: true })
  assessment!: IndicatorAssessment | null;

  @Column({ type: 'text', nullable: true })
  assessmentReason!: string | null;

  @Column({ type: 'text', default: 'draft' })
  status!: ReportStatus;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  waitingSince!: Date;
}
