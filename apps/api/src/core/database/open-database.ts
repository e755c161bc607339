import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { migrate } from './data-source';
import { ensureDatabase } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  url: string;
  /** Stops the embedded server, if this process started one. */
  close(): Promise<void>;
}

/** DATABASE_URL, or the embedded PostgreSQL under the data directory; created if missing and migrated. */
export async function openDatabase(config: AppConfig, log: (msg: string) => void = console.log): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let close: () => Promise<void> = async () => undefined;
  if (!url) {
    log(`▸ 启动内置 PostgreSQL（数据目录 ${join(config.dataDir, 'pg')}）…`);
    const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'));
    url = embedded.url('duban');
    close = () => embedded.stop();
  }
  try {
    await ensureDatabase(url);
    log('▸ 执行数据库迁移…');
    await migrate(url);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
