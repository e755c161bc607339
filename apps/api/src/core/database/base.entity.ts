import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** id, createdAt, updatedAt and version: the fields every resource carries (CONTRACT.md). */
export abstract class BaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Optimistic lock: every update names the version it read; a stale one is a 409. */
  @Column({ type: 'int', default: 1 })
  version!: number;
}
