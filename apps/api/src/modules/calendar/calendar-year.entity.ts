import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CALENDAR_SOURCES = ['chinese-days', 'state-council', 'weekends-only'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** A year the working calendar covers completely, and where its holidays came from. */
@Entity('calendar_years')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  source!: CalendarSource;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
