import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditChainHead, AuditEvent } from './audit-event.entity';
import { eventHash, GENESIS_HASH, toJsonValue } from './canonical';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  planId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: string | null;
  problem?: string;
}

const BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  private chainOf(entry: AuditEntry): string {
    return this.config.auditChainScope === 'plan' && entry.planId ? `plan:${entry.planId}` : 'global';
  }

  /**
   * Appends events to the chain inside the caller's transaction. Call it last: it holds the chain head's
   * row lock until the transaction commits, which is what serialises the chain.
   */
  async record(manager: EntityManager, actorId: string | null, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) throw new Error('audit events are written inside the change’s transaction');
    const byChain = new Map<string, AuditEntry[]>();
    for (const e of list) byChain.set(this.chainOf(e), [...(byChain.get(this.chainOf(e)) ?? []), e]);
    for (const [chain, events] of [...byChain.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await manager.query(
        `INSERT INTO audit_chain_heads (chain, last_seq, last_hash, count) VALUES ($1, 0, $2, 0) ON CONFLICT (chain) DO NOTHING`,
        [chain, GENESIS_HASH],
      );
      const [head] = (await manager.query(`SELECT last_hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`, [chain])) as {
        last_hash: string;
      }[];
      let prevHash = head.last_hash;
      const at = new Date();
      const rows = events.map((e) => {
        const fields = {
          id: randomUUID(),
          chain,
          at,
          actorId,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId ?? null,
          planId: e.planId ?? null,
          before: toJsonValue(e.before),
          after: toJsonValue(e.after),
        };
        const hash = eventHash(prevHash, fields);
        const row = { ...fields, prevHash, hash };
        prevHash = hash;
        return row;
      });
      const inserted: { seq: string }[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(AuditEvent)
          .values(rows.slice(i, i + 1000))
          .returning('seq')
          .execute();
        inserted.push(...(result.raw as { seq: string }[]));
      }
      await manager.query(`UPDATE audit_chain_heads SET last_seq = $2, last_hash = $3, count = count + $4 WHERE chain = $1`, [
        chain,
        inserted[inserted.length - 1].seq,
        prevHash,
        rows.length,
      ]);
    }
  }

  /** Walks every chain in order and finds the first event that was edited, inserted or deleted. */
  async verify(): Promise<VerifyResult> {
    const heads = await this.db.getRepository(AuditChainHead).find();
    const chains = (await this.db.query(`SELECT DISTINCT chain FROM audit_events`)) as { chain: string }[];
    const known = new Set(heads.map((h) => h.chain));
    let checked = 0;
    for (const { chain } of chains) {
      if (!known.has(chain)) {
        const [first] = (await this.db.query(`SELECT id FROM audit_events WHERE chain = $1 ORDER BY seq LIMIT 1`, [chain])) as {
          id: string;
        }[];
        return { ok: false, checked, firstBadId: first?.id ?? null, problem: `链 ${chain} 没有链头记录` };
      }
    }
    for (const head of heads) {
      let prevHash = GENESIS_HASH;
      let lastSeq = '0';
      let count = 0;
      for (;;) {
        const batch = (await this.db.query(
          `SELECT id, seq, chain, at, actor_id, action, entity, entity_id, plan_id, before, after, prev_hash, hash
             FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT ${BATCH}`,
          [head.chain, lastSeq],
        )) as {
          id: string;
          seq: string;
          chain: string;
          at: Date;
          actor_id: string | null;
          action: string;
          entity: string;
          entity_id: string | null;
          plan_id: string | null;
          before: unknown;
          after: unknown;
          prev_hash: string;
          hash: string;
        }[];
        for (const r of batch) {
          checked++;
          count++;
          const expected = eventHash(prevHash, {
            id: r.id,
            chain: r.chain,
            at: r.at,
            actorId: r.actor_id,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            planId: r.plan_id,
            before: r.before,
            after: r.after,
          });
          if (r.prev_hash !== prevHash) return { ok: false, checked, firstBadId: r.id, problem: '前一事件缺失或被插入（prevHash 不连续）' };
          if (r.hash !== expected) return { ok: false, checked, firstBadId: r.id, problem: '事件内容与其哈希不符（被修改）' };
          prevHash = r.hash;
          lastSeq = r.seq;
        }
        if (batch.length < BATCH) break;
      }
      if (prevHash !== head.lastHash || String(count) !== String(head.count)) {
        return { ok: false, checked, firstBadId: null, problem: `链 ${head.chain} 末尾的事件被删除或链头被改动` };
      }
    }
    return { ok: true, checked, firstBadId: null };
  }
}
