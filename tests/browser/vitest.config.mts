import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Browser tests: Playwright (playwright-core) drives Debian's chromium against the built console
 * served by the built API. `npm run test:browser` (nx run console:test-browser) builds both first.
 */
export default defineConfig({
  root,
  test: {
    name: 'browser',
    include: ['tests/browser/**/*.browser-spec.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server and one browser at a time: the tests share the API's log-in throttle.
    fileParallelism: false,
    pool: 'forks',
  },
});
