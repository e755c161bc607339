import { Column, Entity, type ValueTransformer } from 'typeorm';
import type { IndicatorComparator, IndicatorDirection } from '@duban/plan-parser';
import { BaseRecord } from '../../core/database/base.entity';

/** PostgreSQL numeric arrives as a string; the API speaks numbers. */
export const numericColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** One row per indicator and scope of the plan's table 2. */
@Entity('indicators')
export class Indicator extends BaseRecord {
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text', default: '' })
  category!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ type: 'text', default: '' })
  unit!: string;

  @Column({ type: 'numeric', nullable: true, transformer: numericColumn })
  baseline!: number | null;

  @Column({ type: 'text', default: '' })
  baselineText!: string;

  @Column({ type: 'numeric', nullable: true, transformer: numericColumn })
  target!: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericColumn })
  cumulativeTarget!: number | null;

  @Column({ type: 'text', default: '' })
  targetText!: string;

  @Column({ type: 'text', default: '' })
  cumulativeText!: string;

  /** 约束性 (binding) or 预期性 (expected). */
  @Column({ type: 'boolean' })
  binding!: boolean;

  @Column({ type: 'text' })
  direction!: IndicatorDirection;

  /** The bound the target writes (≥, <, 以内, 左右 …): decides how a value is judged. */
  @Column({ type: 'text', default: '=' })
  comparator!: IndicatorComparator;

  /** The unit that reports the yearly values (a default from seeds/indicator-duties.ts; the office may change it). */
  @Column({ type: 'uuid', nullable: true })
  responsibleOrgUnitId!: string | null;

  /** The county or zone the scope row names, when it names one. */
  @Column({ type: 'uuid', nullable: true })
  orgUnitId!: string | null;
}
