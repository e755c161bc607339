import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { repoRoot } from '../../core/config/app-config';
import { PlanImportService } from './plan-import.service';
import { PlansService } from './plans.service';

export const SEED_PLAN_FILE = 'yichun-eco-plan-2021-2025.txt';

/** On an empty database: imports and publishes the Yichun plan from seeds/. */
@Injectable()
export class PlanSeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: DataSource,
    private readonly importer: PlanImportService,
    private readonly plans: PlansService,
  ) {}

  async seed(): Promise<{ planId: string; items: number } | null> {
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM plans`)) as { n: number }[];
    if (n > 0) return null;
    const text = await readFile(join(repoRoot(), 'seeds', SEED_PLAN_FILE), 'utf8');
    const result = await this.importer.importText(null, text);
    await this.plans.publish(null, result.plan.id);
    const items = Object.values(result.counts).reduce((a, b) => a + b, 0);
    this.logger.log(`plan ${result.plan.code}: ${items} rows imported and published`);
    return { planId: result.plan.id, items };
  }
}
