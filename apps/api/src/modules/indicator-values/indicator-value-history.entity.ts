import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportAction, ReportStatus } from '@duban/domain';

/** One step of an indicator value through the report machine. */
@Entity('indicator_value_history')
export class IndicatorValueHistory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  indicatorValueId!: string;

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
