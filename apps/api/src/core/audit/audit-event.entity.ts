import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only and hash-chained: hash = sha256(prevHash + canonical event). */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false })
  seq!: string;

  @Column({ type: 'text' })
  chain!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}

/** The newest event of each chain; locked for a moment at the end of every audited transaction. */
@Entity('audit_chain_heads')
export class AuditChainHead {
  @PrimaryColumn({ type: 'text' })
  chain!: string;

  @Column({ type: 'bigint' })
  lastSeq!: string;

  @Column({ type: 'text' })
  lastHash!: string;

  @Column({ type: 'bigint', default: 0 })
  count!: string;
}
