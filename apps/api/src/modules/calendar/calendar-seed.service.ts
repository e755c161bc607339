import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chineseDaysCalendar } from '../../../../../seeds/calendar';
import { AuditService } from '../../core/audit/audit.service';
import { CalendarService } from './calendar.service';

export const SEED_CALENDAR_YEARS = [2004, 2026] as const;

/** On an empty calendar: the statutory years chinese-days knows (2004–2026), nothing guessed beyond them. */
@Injectable()
export class CalendarSeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  async seed(): Promise<{ years: number; days: number } | null> {
    const result = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:calendar'))`);
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM calendar_years`)) as { n: number }[];
      if (n > 0) return null;
      const seed = chineseDaysCalendar(...SEED_CALENDAR_YEARS);
      await m.query(`INSERT INTO calendar_years (year, source) SELECT unnest($1::int[]), 'chinese-days'`, [seed.years]);
      await this.calendar.insertDays(m, seed.days);
      await this.calendar.rebuildDates(m);
      await this.audit.record(m, null, {
        action: 'seed',
        entity: 'Calendar',
        after: { source: 'chinese-days', years: seed.years, days: seed.days.length },
      });
      return { years: seed.years.length, days: seed.days.length };
    });
    this.calendar.invalidate();
    if (result) this.logger.log(`calendar: ${result.years} years, ${result.days} holidays and make-up working days`);
    return result;
  }
}
