import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../../core/database/base.entity';

/**
 * One line of the duty map (职责分工): when a plan item's text uses one of these words, `orgUnitId` is a
 * candidate to lead or support it, with this weight per word found (title matches count double).
 */
@Entity('duty_rules')
export class DutyRule extends BaseRecord {
  @Column({ type: 'text', array: true })
  keywords!: string[];

  @Column({ type: 'uuid' })
  orgUnitId!: string;

  /** 1–10: 5 for a department's own field, 3 for a clear share, 1–2 for a supporting part. */
  @Column({ type: 'int' })
  weight!: number;
}
