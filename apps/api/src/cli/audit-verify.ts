import 'reflect-metadata';
import { createApp } from '../app.factory';
import { loadConfig } from '../core/config/app-config';
import { AuditService } from '../core/audit/audit.service';
import { openDatabase } from '../core/database/open-database';

/** `npm run audit:verify`: walks the audit chain; exits 1 and names the first bad event when it is broken. */
async function run(): Promise<number> {
  const config = { ...loadConfig(), logLevel: 'warn' };
  const db = await openDatabase(config, (m) => console.error(m));
  const app = await createApp(config, db.url);
  try {
    await app.init();
    const started = Date.now();
    const result = await app.get(AuditService).verify();
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    if (result.ok) {
      console.log(`审计链完好：检查了 ${result.checked} 个事件（${seconds} 秒）`);
      return 0;
    }
    console.log(`审计链已损坏：${result.problem ?? ''}；首个有问题的事件 ${result.firstBadId ?? '（末尾）'}；已检查 ${result.checked} 个`);
    return 1;
  } finally {
    await app.close();
    await db.close();
  }
}

run().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
