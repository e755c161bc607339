import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from '@duban/domain';

/** A statutory holiday or a 调休 make-up working day (every other date follows the weekend rule). */
@Entity('calendar_days')
export class CalendarDayRow {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  kind!: CalendarDayKind;

  @Column({ type: 'text' })
  name!: string;
}
