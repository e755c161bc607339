import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Worker threads started from the TypeScript sources (the plan parser's) load them through this.
process.env.DUBAN_TS_LOADER ??= `${root}tests/support/register-ts.cjs`;
const alias = {
  '@duban/domain': `${root}libs/domain/src/index.ts`,
  '@duban/permissions': `${root}libs/permissions/src/index.ts`,
  '@duban/plan-parser': `${root}libs/plan-parser/src/index.ts`,
};
// SWC keeps Nest's decorator metadata identical to tsc (TOOLCHAIN.md).
const plugins = [
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  }),
];

export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/api/src/**/*.spec.ts', 'tests/lint/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.int-spec.ts', 'tests/e2e/**/*.e2e-spec.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          // `npm run bench` (after the sweep benchmark): figures printed, no duration asserted; never part of `npm test`.
          name: 'bench',
          include: ['tests/bench/**/*.bench-spec.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: 'forks',
        },
      },
    ],
  },
});
