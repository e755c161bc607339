import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed log-ins per (username, client address); blocks for a while, never for ever. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;

  @Column({ type: 'timestamptz' })
  lastFailureAt!: Date;
}
