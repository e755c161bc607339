import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadConfig } from '../core/config/app-config';
import { openDatabase } from '../core/database/open-database';
import { SweepService } from '../modules/escalations/sweep.service';

/** `npm run sweep -- [--now YYYY-MM-DD]`: runs the deadline sweep once (the same code as the daily job). */
async function run(args: string[]): Promise<number> {
  const at = args.indexOf('--now');
  const today = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(today ?? '')) {
    console.error('用法：npm run sweep -- [--now YYYY-MM-DD]');
    return 2;
  }
  const config = { ...loadConfig(), logLevel: 'warn' };
  const db = await openDatabase(config, (m) => console.error(m));
  const app = await createApp(config, db.url);
  try {
    await app.init();
    const r = await app.get(SweepService).run({ today });
    console.log(`督办扫描 ${r.today}（${r.ms} ms）`);
    console.log(
      `  新提醒 ${r.created.reminder}，新催办 ${r.created.urge}，新督办单 ${r.created.supervision}，新约谈/通报候选 ${r.created.interview}`,
    );
    console.log(`  已办结而关闭 ${r.resolved}，被退回而重开 ${r.reopened}，站内通知 ${r.notifications}`);
    return 0;
  } finally {
    await app.close();
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
