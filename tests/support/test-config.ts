import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../apps/api/src/core/config/app-config';

export const ADMIN_PASSWORD = 'admin-pass-123';
export { DEMO_PASSWORD } from '../../apps/api/src/core/seed/seed.service';

/** The configuration every test app runs with: demo users on, a fixed "today", quiet logs, its own files. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'duban-test-data-')),
    JWT_SECRET: 'test-secret-not-for-production',
    ADMIN_PASSWORD,
    DUBAN_NOW: '2024-06-03',
    DUBAN_DEMO: '1',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    ...env,
  });
}
