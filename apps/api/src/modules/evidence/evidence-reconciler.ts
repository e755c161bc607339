import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../../core/storage/evidence-storage';

const BATCH = 1000;

/**
 * At start, storage and rows are made to agree. An upload moves its file into place as the last step before its
 * transaction commits, so a crash between the two leaves a file without a row: such files are moved aside (kept
 * for an operator, never served) and logged. Rows are never deleted; a row whose file is missing is logged.
 */
@Injectable()
export class EvidenceReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Evidence');

  constructor(
    private readonly db: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { movedAside, missing } = await this.reconcile();
    if (movedAside.length > 0)
      this.logger.warn(`moved ${movedAside.length} stored file(s) without an evidence row aside: ${movedAside.join(', ')}`);
    if (missing > 0) this.logger.error(`${missing} evidence row(s) have no file in the storage`);
  }

  async reconcile(): Promise<{ movedAside: string[]; missing: number }> {
    const movedAside: string[] = [];
    let found = 0;
    let batch: string[] = [];
    const check = async () => {
      const rows = (await this.db.query(`SELECT storage_key AS key FROM evidence WHERE storage_key = ANY($1::text[])`, [batch])) as {
        key: string;
      }[];
      found += rows.length;
      const known = new Set(rows.map((r) => r.key));
      for (const key of batch) {
        if (known.has(key)) continue;
        await this.storage.moveAside(key);
        movedAside.push(key);
      }
      batch = [];
    };
    for await (const key of this.storage.keys()) {
      batch.push(key);
      if (batch.length >= BATCH) await check();
    }
    if (batch.length > 0) await check();
    const [{ count }] = (await this.db.query(`SELECT count(*)::int AS count FROM evidence`)) as { count: number }[];
    return { movedAside, missing: count - found };
  }
}
