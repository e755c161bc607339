import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportAction, ReportStatus } from '@duban/domain';

/** One transition of one report: who did what, when, and why (append only). */
@Entity('report_history')
export class ReportHistory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  action!: ReportAction;

  @Column({ type: 'text' })
  fromStatus!: ReportStatus;

  @Column({ type: 'text' })
  toStatus!: ReportStatus;

  @Column({ type: 'uuid' })
  actorId!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
