import 'reflect-metadata';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../core/config/app-config';
import { AuditChainHead, AuditEvent } from '../core/audit/audit-event.entity';
import { AuditService, type ChainCheckpoint } from '../core/audit/audit.service';
import { dataSourceOptions } from '../core/database/data-source';
import { openDatabase } from '../core/database/open-database';

const USAGE = '用法：npm run audit:verify [-- --checkpoint 文件 [--update]]';

interface CheckpointFile {
  writtenAt: string;
  chains: ChainCheckpoint[];
}

/** A checkpoint written earlier; a file that is not one is a usage error, never an empty checkpoint. */
function readCheckpoint(file: string): CheckpointFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`检查点文件 ${file} 无法读取或不是 JSON：${err instanceof Error ? err.message : String(err)}`);
  }
  const p = parsed as Partial<CheckpointFile>;
  const valid =
    typeof p?.writtenAt === 'string' &&
    Array.isArray(p.chains) &&
    p.chains.every(
      (c) => typeof c?.chain === 'string' && Number.isSafeInteger(c.count) && c.count >= 0 && /^[0-9a-f]{64}$/.test(String(c.hash)),
    );
  if (!valid) throw new UsageError(`检查点文件 ${file} 的格式不对（应为 {writtenAt, chains: [{chain, count, hash}]}）`);
  return p as CheckpointFile;
}

function writeCheckpoint(file: string, chains: ChainCheckpoint[]): void {
  const body: CheckpointFile = { writtenAt: new Date().toISOString(), chains };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

class UsageError extends Error {}

/**
 * `npm run audit:verify`: walks the audit chain; exits 1 and names the first bad event when it is broken.
 * `-- --checkpoint FILE` also compares the chain with the head saved in FILE (written there when FILE is absent,
 * rewritten with `--update` after a good run), so an emptied or rebuilt chain is found.
 */
async function run(args: string[]): Promise<number> {
  const at = args.indexOf('--checkpoint');
  const file = at >= 0 ? args[at + 1] : undefined;
  const update = args.includes('--update');
  const known = new Set(['--checkpoint', '--update', file]);
  if ((at >= 0 && (!file || file.startsWith('--'))) || (update && !file) || args.some((a) => !known.has(a))) {
    console.error(USAGE);
    return 2;
  }
  const saved = file && existsSync(file) ? readCheckpoint(file) : null;
  const config = { ...loadConfig(), logLevel: 'warn' };
  const db = await openDatabase(config, (m) => console.error(m));
  // The chain needs only a connection, not the whole application.
  const ds = new DataSource({ ...dataSourceOptions(db.url), entities: [AuditEvent, AuditChainHead] });
  try {
    await ds.initialize();
    const started = Date.now();
    const result = await new AuditService(config, ds).verify(saved?.chains);
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    if (!result.ok) {
      console.log(
        `审计链已损坏：${result.problem ?? ''}；首个有问题的事件 ${result.firstBadId ?? '（末尾）'}；已检查 ${result.checked} 个`,
      );
      return 1;
    }
    console.log(`审计链完好：检查了 ${result.checked} 个事件（${seconds} 秒）`);
    if (saved) console.log(`与检查点一致：${file}（写于 ${saved.writtenAt}）之前的事件都在，未被改写`);
    if (file && (!saved || update)) {
      writeCheckpoint(file, result.heads);
      const heads = result.heads.map((h) => `${h.chain} 第 ${h.count} 个事件 ${h.hash.slice(0, 12)}…`).join('；') || '（空链）';
      console.log(`${saved ? '已更新检查点' : '检查点文件不存在，已写入当前链头'}：${file}（${heads}）`);
    }
    return 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UsageError ? err.message : err);
    process.exit(2);
  },
);
