import { Column, Entity } from 'typeorm';
import type { AssignmentRole, AssignmentStatus, ReportCycle } from '@duban/domain';
import { BaseRecord } from '../../core/database/base.entity';

export interface AssignmentMilestone {
  date: string;
  text: string;
  /** 'open' until the unit reports it done; 'done' afterwards. */
  status: 'open' | 'done';
}

/**
 * One unit's share of one plan item. Stores facts only (deadline, milestones, when closure was requested,
 * when it was completed); overdue, daysOverdue, escalationLevel and nextReportDue are derived when read.
 */
@Entity('assignments')
export class Assignment extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  planItemId!: string;

  @Column({ type: 'uuid' })
  orgUnitId!: string;

  @Column({ type: 'text' })
  role!: AssignmentRole;

  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: AssignmentMilestone[];

  @Column({ type: 'text' })
  reportCycle!: ReportCycle;

  @Column({ type: 'text', default: 'not_started' })
  status!: AssignmentStatus;

  @Column({ type: 'int', default: 0 })
  progress!: number;

  /** The business day it was made: its first report period is the first that ends after this. */
  @Column({ type: 'date' })
  assignedOn!: string;

  /** The day a final report (申请销号) was submitted; the deadline clock stops while it is under review. */
  @Column({ type: 'date', nullable: true })
  closureRequestedOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** 签收: when the unit (leader or liaison) acknowledged it, and who; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;
}
