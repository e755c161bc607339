import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from './core/audit/audit.service';
import type { AuthUser } from './core/auth/auth-user';
import { ClockService } from './core/clock/clock.service';
import { DecompositionService } from './modules/assignments/decomposition.service';
import { SweepService } from './modules/escalations/sweep.service';

export interface DemoSeedResult {
  decomposedOn: string;
  assignments: number;
  notices: Record<string, number>;
}

/**
 * `npm start` with DUBAN_DEMO on, on a database with no assignments yet: the published plan is decomposed by the
 * office on 1 March of the plan's third year (through the decomposition service, audited), the clock goes back to
 * the demo date, and the real sweep raises the notices due by then, so the first log-in finds work at every ladder
 * level. Tests opt in by calling it; the test template never runs it.
 */
export async function seedDemo(app: INestApplication, progress: (line: string) => void = () => undefined): Promise<DemoSeedResult | null> {
  const db = app.get(DataSource);
  const clock = app.get(ClockService);
  if (!clock.isFixed) return null;
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM assignments`)) as { n: number }[];
  if (n > 0) return null;
  const [office] = (await db.query(
    `SELECT id, username, display_name AS "displayName", role, org_unit_id AS "orgUnitId" FROM users WHERE username = 'office' AND active`,
  )) as AuthUser[];
  const [plan] = (await db.query(
    `SELECT id, extract(year FROM period_start)::int AS "startYear" FROM plans WHERE status = 'published' ORDER BY period_start LIMIT 1`,
  )) as { id: string; startYear: number }[];
  if (!office || !plan) return null;

  const demoDay = clock.today();
  const decomposedOn = [`${plan.startYear + 2}-03-01`, demoDay].sort()[0];
  const step = (i: number, text: string) => progress(`[${'#'.repeat(i * 8).padEnd(24, '.')}] ${i}/3 ${text}`);
  step(0, `演示数据：${decomposedOn} 分解规划…`);
  await moveClock(app, office, decomposedOn);
  let assignments = 0;
  try {
    assignments = (await app.get(DecompositionService).decomposeAll(office, plan.id, {})).assignments;
  } finally {
    await moveClock(app, office, demoDay);
  }
  step(1, `已分解 ${assignments} 项任务；运行 ${demoDay} 的督办扫描…`);
  const sweep = await app.get(SweepService).run({ today: demoDay, actorId: office.id });
  step(2, `督办扫描完成：${JSON.stringify(sweep.created)}`);
  step(3, `演示日期 ${demoDay}（管理员可在“设置”中调整）`);
  return { decomposedOn, assignments, notices: sweep.created };
}

/** Moves the demo clock as the settings endpoint does: audited in the same transaction. */
async function moveClock(app: INestApplication, actor: AuthUser, today: string): Promise<void> {
  const clock = app.get(ClockService);
  const before = clock.today();
  if (before === today) return;
  await app.get(DataSource).transaction(async (m) => {
    await clock.setToday(today, m);
    await app.get(AuditService).record(m, actor.id, {
      action: 'update',
      entity: 'Setting',
      entityId: 'clock.today',
      before: { today: before },
      after: { today },
    });
  });
}
