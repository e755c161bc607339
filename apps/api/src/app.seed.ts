import type { INestApplication } from '@nestjs/common';
import { SeedService, type SeedLogin } from './core/seed/seed.service';
import { PlanSeedService } from './modules/plans/plan-seed.service';

/**
 * What an empty database gets, in order: org units, users, then the Yichun plan (imported and published).
 * Each step only does what is missing, so running it again changes nothing.
 */
export async function seedAll(app: INestApplication): Promise<{ created: SeedLogin[] }> {
  const { created } = await app.get(SeedService).seed();
  await app.get(PlanSeedService).seed();
  return { created };
}
