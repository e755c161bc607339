import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of one user's in-app inbox. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'uuid' })
  userId!: string;

  /** The recipient's unit when it was sent (null for users without one); only readable while they are still in it. */
  @Column({ type: 'uuid', nullable: true })
  orgUnitId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** The business instant it was raised (the clock's now). */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true, select: false })
  dedupeKey!: string | null;
}
