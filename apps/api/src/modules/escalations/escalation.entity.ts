import { Column, Entity } from 'typeorm';
import type { EscalationKind } from '@duban/domain';
import { BaseRecord } from '../../core/database/base.entity';

/**
 * One notice on the ladder 提醒 → 催办 → 督办 → 约谈/通报, for one target of one assignment:
 * `deadline`, `milestone:YYYY-MM-DD`, `report:<period>`, `promise:<id>` (a broken promised date) or `manual:<date>`.
 */
@Entity('escalations')
export class Escalation extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  assignmentId!: string;

  @Column({ type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'text' })
  target!: string;

  /** The date chased: the deadline, milestone, report due date or promised date. */
  @Column({ type: 'date' })
  targetDate!: string;

  @Column({ type: 'text' })
  kind!: EscalationKind;

  @Column({ type: 'int' })
  level!: number;

  /** Working days before the target (reminders) or after it (the rest) at which this notice was due. */
  @Column({ type: 'int' })
  threshold!: number;

  @Column({ type: 'int', default: 0 })
  daysOverdue!: number;

  @Column({ type: 'boolean', default: false })
  manual!: boolean;

  /** The 督办单's 文号, for supervision notices. */
  @Column({ type: 'text', nullable: true })
  number!: string | null;

  @Column({ type: 'int', nullable: true, select: false })
  numberSeq!: number | null;

  @Column({ type: 'text', default: '' })
  reason!: string;

  /** The date an answer is due by. */
  @Column({ type: 'date', nullable: true })
  dueAt!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  respondedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: 'date', nullable: true })
  promisedDate!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  /** Set by the sweep when the target is no longer open (reported, completed, milestone done). */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;
}
