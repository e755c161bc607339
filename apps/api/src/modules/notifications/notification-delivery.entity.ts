import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryChannel = 'email' | 'webhook';
/** pending (due at nextAttemptAt) → sent; failed = refused for good (not retried); dead = gave up after the last attempt. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'dead';

/** The outbox: one message to send on one channel, retried with backoff by DeliveryService. */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  notificationId!: string;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  /** The e-mail address, or the webhook URL. */
  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
