import { Column, Entity } from 'typeorm';
import type { Role } from '@duban/domain';
import { BaseRecord } from '../database/base.entity';

@Entity('users')
export class User extends BaseRecord {
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'uuid', nullable: true })
  orgUnitId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Bumped when the user is disabled or changes role, unit or password: older tokens stop working. */
  @Column({ type: 'int', default: 1, select: false })
  tokenVersion!: number;
}
