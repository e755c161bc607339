import type { INestApplication } from '@nestjs/common';
import { SeedService, type SeedLogin } from './core/seed/seed.service';
import { PlanSeedService } from './modules/plans/plan-seed.service';
import { CalendarSeedService } from './modules/calendar/calendar-seed.service';
import { DutyRulesSeedService } from './modules/duty-rules/duty-rules-seed.service';

/**
 * What an empty database gets, in order: org units, users, the duty map (keywords → departments), the working calendar,
 * then the Yichun plan (imported and published).
 * Each step only does what is missing, so running it again changes nothing.
 */
export async function seedAll(app: INestApplication): Promise<{ created: SeedLogin[] }> {
  const { created } = await app.get(SeedService).seed();
  await app.get(DutyRulesSeedService).seed();
  await app.get(CalendarSeedService).seed();
  await app.get(PlanSeedService).seed();
  return { created };
}
