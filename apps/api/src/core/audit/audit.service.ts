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

/** A chain's head as saved earlier (`npm run audit:verify -- --checkpoint FILE`): its hash after `count` events. */
export interface ChainCheckpoint {
  chain: string;
  count: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: string | null;
  problem?: string;
  /** Every chain's head in the snapshot verified: what a new checkpoint saves. */
  heads: ChainCheckpoint[];
}

type EventRow = {
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
};

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

  /**
   * Walks every chain in order and finds the first event that was edited, inserted or deleted. It reads one
   * snapshot (a read-only REPEATABLE READ transaction), so events committed meanwhile are neither half seen nor
   * mistaken for tampering. Given a checkpoint, each chain must still hold, at the checkpoint's length, the hash
   * saved then: an emptied, truncated or rebuilt chain is found even though it is consistent in itself.
   */
  verify(checkpoint: ChainCheckpoint[] = []): Promise<VerifyResult> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const heads = await m.getRepository(AuditChainHead).find({ order: { chain: 'ASC' } });
      const current = heads.map((h) => ({ chain: h.chain, count: Number(h.count), hash: h.lastHash }));
      const fail = (checked: number, firstBadId: string | null, problem: string): VerifyResult => ({
        ok: false,
        checked,
        firstBadId,
        problem,
        heads: current,
      });
      const chains = (await m.query(`SELECT DISTINCT chain FROM audit_events`)) as { chain: string }[];
      const known = new Set(heads.map((h) => h.chain));
      for (const { chain } of chains) {
        if (!known.has(chain)) {
          const [first] = (await m.query(`SELECT id FROM audit_events WHERE chain = $1 ORDER BY seq LIMIT 1`, [chain])) as { id: string }[];
          return fail(0, first?.id ?? null, `链 ${chain} 没有链头记录`);
        }
      }
      const missing = checkpoint.find((c) => !known.has(c.chain) && c.count > 0);
      if (missing) return fail(0, null, `检查点中的链 ${missing.chain}（${missing.count} 个事件）已不存在：审计链被清空或重建`);
      const saved = new Map(checkpoint.map((c) => [c.chain, c]));
      let checked = 0;
      for (const head of heads) {
        const mark = saved.get(head.chain);
        let prevHash = GENESIS_HASH;
        let lastSeq = '0';
        let count = 0;
        for (;;) {
          const batch = (await m.query(
            `SELECT id, seq, chain, at, actor_id, action, entity, entity_id, plan_id, before, after, prev_hash, hash
               FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT ${BATCH}`,
            [head.chain, lastSeq],
          )) as EventRow[];
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
            if (r.prev_hash !== prevHash) return fail(checked, r.id, '前一事件缺失或被插入（prevHash 不连续）');
            if (r.hash !== expected) return fail(checked, r.id, '事件内容与其哈希不符（被修改）');
            prevHash = r.hash;
            lastSeq = r.seq;
            if (mark && count === mark.count && prevHash !== mark.hash) {
              return fail(checked, r.id, `链 ${head.chain} 的第 ${count} 个事件与检查点不符：检查点之前的事件被改写或整条链被重建`);
            }
          }
          if (batch.length < BATCH) break;
        }
        if (prevHash !== head.lastHash || String(count) !== String(head.count)) {
          return fail(checked, null, `链 ${head.chain} 末尾的事件被删除或链头被改动`);
        }
        if (mark && count < mark.count) {
          return fail(checked, null, `链 ${head.chain} 只有 ${count} 个事件，少于检查点记录的 ${mark.count} 个：审计链被清空或截断`);
        }
      }
      return { ok: true, checked, firstBadId: null, heads: current };
    });
  }
}
