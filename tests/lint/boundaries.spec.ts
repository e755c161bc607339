import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The `no-restricted-imports` messages the repository's own ESLint config gives `code` placed at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

// Loading the config and the TypeScript parser takes seconds on a busy machine: the timeout is no assertion.
describe('import boundaries (eslint.config.mjs)', { timeout: 60_000 }, () => {
  it('should fail a lib that imports a framework, a database driver, a UI library or application code', async () => {
    const file = 'libs/domain/src/offender.ts';
    for (const code of [
      "import { Injectable } from '@nestjs/common';",
      "import type { Repository } from 'typeorm';",
      "import { Pool } from 'pg';",
      "import { useState } from 'react';",
      "import { List } from 'react-admin';",
      "import Button from '@mui/material/Button';",
      "import express from 'express';",
      "export { Plan } from '../../../apps/api/src/modules/plans/plan.entity';",
    ]) {
      expect(await boundaryErrors(file, `${code}\n`), code).toHaveLength(1);
    }
  });

  it('should fail the API core importing a feature module, and pass it importing the core', async () => {
    const file = 'apps/api/src/core/database/offender.ts';
    expect(await boundaryErrors(file, "import { Plan } from '../../modules/plans/plan.entity';\n")).toEqual([
      expect.stringContaining('core knows no feature'),
    ]);
    expect(await boundaryErrors(file, "import { OrgUnit } from '../org-units/org-unit.entity';\n")).toEqual([]);
  });

  it('should fail the console importing API code, and pass it importing the shared libs', async () => {
    const file = 'apps/console/src/resources/offender.ts';
    expect(await boundaryErrors(file, "import type { Plan } from '../../../api/src/modules/plans/plan.entity';\n")).toHaveLength(1);
    expect(await boundaryErrors(file, "import { Controller } from '@nestjs/common';\n")).toHaveLength(1);
    expect(await boundaryErrors(file, "import { LABELS } from '@duban/domain';\nimport { List } from 'react-admin';\n")).toEqual([]);
  });

  it('should let libs import their own code, each other and the maintained pure libraries they use', async () => {
    const code =
      "import { abilityFromRules } from '@duban/permissions';\nimport { createMongoAbility } from '@casl/ability';\nimport { addDays } from './dates';\n";
    expect(await boundaryErrors('libs/domain/src/fine.ts', code)).toEqual([]);
  });
});
