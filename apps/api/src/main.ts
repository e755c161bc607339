import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { DEFAULT_DEMO_DATE, loadConfig, type AppConfig } from './core/config/app-config';
import { openDatabase, type OpenDatabase } from './core/database/open-database';
import { seedAll } from './app.seed';
import { seedDemo } from './app.demo';
import type { SeedLogin } from './core/seed/seed.service';

/**
 * `npm start`: the database (DATABASE_URL, or an embedded PostgreSQL under .data/), migrations,
 * seed data on an empty database, then the API and the console on one port.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let db: OpenDatabase | null = null;
  let app: INestApplication | null = null;
  const shutdown = async (code: number) => {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  try {
    db = await openDatabase(config);
    app = await createApp(config, db.url);
    await app.init();
    const seeded = await seedAll(app);
    if (config.demoUsers) await seedDemo(app, (line) => console.log(line));
    await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
    // Evidence uploads of up to 200 MB over a slow county link take longer than Node's default 5 minutes.
    (app.getHttpServer() as import('node:http').Server).requestTimeout = 30 * 60_000;
    printWelcome(config.port, seeded.created, config);
  } catch (err) {
    console.error(err);
    await shutdown(1);
  }
}

function printWelcome(port: number, created: SeedLogin[], config: AppConfig): void {
  const base = `http://localhost:${port}`;
  console.log(`\n督办 Duban 已启动\n  控制台  ${base}/\n  API     ${base}/api\n  文档    ${base}/api/docs\n`);
  const clock = !config.fixedToday
    ? '真实时间（DUBAN_DEMO=0，未设 DUBAN_NOW；不可调整）'
    : process.env.DUBAN_NOW
      ? `固定日期（DUBAN_NOW）；管理员可在“设置”中调整`
      : `演示日期（DUBAN_DEMO，默认 ${DEFAULT_DEMO_DATE}）；管理员可在“设置”中调整`;
  console.log(`  时钟    ${clock}\n`);
  if (created.length > 0) {
    console.log('本次创建的登录账号（生成的管理员密码只显示这一次，请妥善保存）：');
    for (const u of created) {
      const password = u.password ?? '（ADMIN_PASSWORD 所设，不显示）';
      console.log(`  ${u.username.padEnd(30)} ${password.padEnd(14)} ${u.role}${u.unit ? ` · ${u.unit}` : ''}`);
    }
  } else {
    console.log('账号已存在；演示账号见 README（如 office、inspector1、forestry-liaison，密码 Duban@2025）。');
  }
}

void main();
