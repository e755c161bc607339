import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ASSIGNMENT_OPEN_STATUSES } from '@duban/domain';
import { createApp } from '../app.factory';
import { seedAll } from '../app.seed';
import { loadConfig } from '../core/config/app-config';
import { AuditService } from '../core/audit/audit.service';
import { migrate } from '../core/database/data-source';
import { sqlList } from '../core/database/sql-list';
import { dropDatabase, ensureDatabase } from '../core/database/database-url';
import { startEmbeddedPostgres, type EmbeddedServer } from '../core/database/embedded-postgres';
import { SweepService, type SweepResult } from '../modules/escalations/sweep.service';

/**
 * `npm run bench [-- --assignments N]`: the deadline sweep over N open assignments (default 1,000,000) in a
 * database of its own (on DATABASE_URL's server, or an embedded PostgreSQL), then dropped.
 * `--keep` leaves the database for EXPLAIN (DATABASE_URL only). Prints the figures; exits 1 when a second or concurrent run adds rows (the sweep must be idempotent).
 */
const SWEEP_DAY = '2025-04-21';
const NEXT_DAY = '2025-04-22';

async function main(args: string[]): Promise<number> {
  const at = args.indexOf('--assignments');
  const target = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  const keep = args.includes('--keep');
  if (!Number.isInteger(target) || target < 1000) throw new Error('--assignments must be a whole number ≥ 1000');
  let embedded: EmbeddedServer | null = null;
  let dir: string | null = null;
  let url: string;
  const name = `duban_bench_${randomBytes(4).toString('hex')}`;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
    chmodSync(dir, 0o755);
    console.log('▸ 启动内置 PostgreSQL…');
    embedded = await startEmbeddedPostgres(join(dir, 'pg'));
    url = embedded.url(name);
  }
  const config = {
    ...loadConfig({ ...process.env, DUBAN_NOW: SWEEP_DAY, LOG_LEVEL: 'warn', DUBAN_DATA_DIR: dir ?? join(tmpdir(), name) }),
    databaseUrl: url,
  };
  try {
    await ensureDatabase(url);
    await migrate(url);
    const app = await createApp(config, url);
    await app.init();
    try {
      await seedAll(app);
      const db = app.get(DataSource);
      await generate(db, target);
      const sweep = app.get(SweepService);
      const first = await sweep.run({ today: SWEEP_DAY });
      const rowsAfterFirst = await counts(db);
      const second = await sweep.run({ today: SWEEP_DAY });
      const concurrent = await Promise.all([sweep.run({ today: SWEEP_DAY }), sweep.run({ today: SWEEP_DAY })]);
      const rowsAfterAll = await counts(db);
      const nextDay = await sweep.run({ today: NEXT_DAY });
      const open = Number(
        (await db.query(`SELECT count(*) AS n FROM assignments WHERE status IN ${sqlList(ASSIGNMENT_OPEN_STATUSES)}`))[0].n,
      );
      console.log(
        `\n督办扫描基准（${SWEEP_DAY}，${open.toLocaleString()} 个未办结任务，${process.env.DATABASE_URL ? 'DATABASE_URL' : '内置 PostgreSQL'}）`,
      );
      console.table({
        首次扫描: row(first),
        再次扫描: row(second),
        '并发扫描 A': row(concurrent[0]),
        '并发扫描 B': row(concurrent[1]),
        [`次日扫描 ${NEXT_DAY}`]: row(nextDay),
      });
      console.log(
        `督办事项 ${rowsAfterFirst.escalations} → ${rowsAfterAll.escalations}，站内通知 ${rowsAfterFirst.notifications} → ${rowsAfterAll.notifications}`,
      );
      const idempotent =
        rowsAfterFirst.escalations === rowsAfterAll.escalations && rowsAfterFirst.notifications === rowsAfterAll.notifications;
      console.log(idempotent ? '✓ 再次与并发扫描没有新增任何记录' : '✗ 再次或并发扫描新增了记录');
      console.log('\n审计链（单链）在并发写入下的代价：每个事务写一条审计事件');
      const audit: Record<string, Awaited<ReturnType<typeof auditLoad>>> = {};
      for (const c of [1, 8, 32]) audit[`并发 ${c}`] = await auditLoad(app.get(AuditService), db, c);
      console.table(audit);
      const verified = await app.get(AuditService).verify();
      console.log(`审计链校验：${verified.ok ? '完好' : '损坏'}，${verified.checked} 个事件`);
      return idempotent ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    if (keep && !embedded) console.log(`数据库保留为 ${name}（--keep）`);
    else await dropDatabase(url).catch(() => undefined);
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** `concurrency` writers, 1,000 transactions in all, each appending one event to the single chain. */
async function auditLoad(audit: AuditService, db: DataSource, concurrency: number): Promise<{ 事务每秒: number; 平均毫秒: number }> {
  const total = 1000;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await db.transaction((m) =>
          audit.record(m, null, { action: 'bench', entity: 'Bench', entityId: String(next), after: { n: next } }),
        );
      }
    }),
  );
  const ms = Date.now() - started;
  return { 事务每秒: Math.round((total * 1000) / ms), 平均毫秒: Number(((ms * concurrency) / total).toFixed(2)) };
}

function row(r: SweepResult) {
  const created = r.created.reminder + r.created.urge + r.created.supervision + r.created.interview;
  return {
    毫秒: r.ms,
    新增提醒: r.created.reminder,
    新增催办: r.created.urge,
    新增督办: r.created.supervision,
    新增约谈候选: r.created.interview,
    新增合计: created,
    关闭: r.resolved,
  };
}

async function counts(db: DataSource): Promise<{ escalations: number; notifications: number }> {
  const [r] = await db.query(
    `SELECT (SELECT count(*) FROM escalations)::int AS escalations, (SELECT count(*) FROM notifications)::int AS notifications`,
  );
  return r;
}

/**
 * A nation's worth of plan work: copies of the Yichun plan's assignable items under many plans, every item assigned
 * to every department, county and zone, with deadlines spread over 2024–2026, mixed report cycles, a few milestones,
 * and most 2025-Q1 reports already in. Set-based SQL, one plan per statement, with a progress bar.
 */
async function generate(db: DataSource, target: number): Promise<void> {
  const [{ seed }] = await db.query(`SELECT id AS seed FROM plans LIMIT 1`);
  const [{ items }] = await db.query(`SELECT count(*)::int AS items FROM plan_items WHERE plan_id = $1 AND assignable`, [seed]);
  const [{ units }] = await db.query(`SELECT count(*)::int AS units FROM org_units WHERE kind <> 'office'`);
  const plans = Math.ceil(target / (items * units));
  const [{ liaison }] = await db.query(`SELECT id AS liaison FROM users WHERE role = 'liaison' LIMIT 1`);
  const bar = new SingleBar(
    { format: '  生成数据 [{bar}] {value}/{total} 个任务  {stage}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 3000 },
    Presets.shades_classic,
  );
  bar.start(target, 0, { stage: '规划与条目' });
  await db.query(
    `INSERT INTO plans (code, title, period_start, period_end, status, published_at)
     SELECT 'bench-' || g, '基准测试规划 ' || g, '2021-01-01', '2026-12-31', 'published', now() FROM generate_series(1, $1) g`,
    [plans],
  );
  await db.query(
    `INSERT INTO plan_items (plan_id, kind, number, title, body, assignable, position)
     SELECT p.id, i.kind, i.number, i.title, '', true, i.position
       FROM plans p CROSS JOIN plan_items i WHERE p.code LIKE 'bench-%' AND i.plan_id = $1 AND i.assignable`,
    [seed],
  );
  const planIds = (await db.query(`SELECT id FROM plans WHERE code LIKE 'bench-%' ORDER BY code`)) as { id: string }[];
  let made = 0;
  for (const { id } of planIds) {
    const limit = Math.min(target - made, items * units);
    if (limit <= 0) break;
    bar.update(made, { stage: '任务' });
    // h: a stable pseudo-random 0..9999 per (item, unit), so the mix is the same on every run.
    await db.query(
      `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, status, assigned_on)
       SELECT $1, x.item_id, x.unit_id, CASE WHEN x.kind = 'department' THEN 'support' ELSE 'county' END, x.deadline,
              CASE WHEN x.h % 10 = 0 THEN jsonb_build_array(jsonb_build_object('date', to_char(x.deadline - 60, 'YYYY-MM-DD'), 'text', '阶段节点', 'status', 'open')) ELSE '[]'::jsonb END,
              CASE WHEN x.h % 20 < 14 THEN 'quarterly' WHEN x.h % 20 < 17 THEN 'monthly' WHEN x.h % 20 < 19 THEN 'semiannual' ELSE 'annual' END,
              CASE WHEN x.h % 100 < 10 THEN 'not_started' ELSE 'in_progress' END,
              date '2025-01-02'
         FROM (SELECT i.id AS item_id, u.id AS unit_id, u.kind, h,
                      -- 2% already past their deadline (the backlog a first sweep finds); the rest due mid-2025 to 2026.
                      CASE WHEN h % 50 = 0 THEN date '2025-03-01' + (h % 45) ELSE date '2025-06-30' + (h % 550) END AS deadline
                 FROM (SELECT i.id, abs(hashtext(i.id::text || u.id::text)) % 10000 AS h, u.id AS uid
                         FROM plan_items i CROSS JOIN org_units u WHERE i.plan_id = $1 AND u.kind <> 'office' LIMIT $2) y
                 JOIN plan_items i ON i.id = y.id JOIN org_units u ON u.id = y.uid) x`,
      [id, limit],
    );
    made += limit;
  }
  bar.update(made, { stage: '报告' });
  // Most units are on time: 97% of every report period that has ended (2025-Q1; 2025-01 … 03) is in.
  await db.query(
    `INSERT INTO reports (assignment_id, plan_id, org_unit_id, period, summary, progress, final, status, submitted_at, waiting_since, created_by)
     SELECT a.id, a.plan_id, a.org_unit_id, p.period, '进展', 30, false, 'submitted', now(), now(), $1
       FROM assignments a
       JOIN (VALUES ('quarterly', '2025-Q1'), ('monthly', '2025-01'), ('monthly', '2025-02'), ('monthly', '2025-03')) AS p(cycle, period)
         ON p.cycle = a.report_cycle
      WHERE abs(hashtext(a.id::text || p.period)) % 100 < 97`,
    [liaison],
  );
  // What autovacuum does to a live database: statistics, hint bits and the visibility map.
  bar.update(made, { stage: 'VACUUM ANALYZE' });
  await db.query('VACUUM (ANALYZE)');
  bar.stop();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
