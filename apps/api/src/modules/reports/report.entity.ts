import { Column, Entity } from 'typeorm';
import type { ReportStatus } from '@duban/domain';
import { BaseRecord } from '../../core/database/base.entity';

/** A unit's progress report on one assignment for one period (CONTRACT.md `/api/reports`). */
@Entity('reports')
export class Report extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  assignmentId!: string;

  /** The assignment's unit, kept here so scoping never needs a join. */
  @Column({ type: 'uuid' })
  orgUnitId!: string;

  /** `2024-07`, `2024-Q3`, `2024-H2` or `2024`, after the assignment's cycle. */
  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'int' })
  progress!: number;

  /** Asks for closure (申请销号): goes on to the office's acceptance after approval. */
  @Column({ type: 'boolean', default: false })
  final!: boolean;

  @Column({ type: 'text', default: 'draft' })
  status!: ReportStatus;

  @Column({ type: 'uuid' })
  createdBy!: string;

  /** The first submission (whether the period was reported in time) and the latest one. */
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

  /** When it entered its current status: the queues sort by it. */
  @Column({ type: 'timestamptz' })
  waitingSince!: Date;
}
