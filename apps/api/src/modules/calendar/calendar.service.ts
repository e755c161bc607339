import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { dayOfWeek, WorkingCalendar, type CalendarData, type CalendarDay } from '@duban/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { found } from '../../core/http/record';
import { CalendarDayRow } from './calendar-day.entity';
import { CalendarYear, type CalendarSource } from './calendar-year.entity';
import type { PutCalendarYearDto } from './dto/calendar.dto';
import { LocalizedException, refuse, type Message } from '../../core/http/messages';

/** Another instance's calendar change is picked up within this time; this instance's own at once. */
const CACHE_MS = 60_000;
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export interface CalendarYearView {
  year: number;
  source: CalendarSource;
  days: CalendarDay[];
  workingDays: number;
}

/** $1: the last year with rows. Holidays and make-up days exist only for covered years; the rest is weekends. */
export const REBUILD_CALENDAR_DATES_SQL = `
  INSERT INTO calendar_dates (date, working, work_seq)
  SELECT d, working, sum(working::int) OVER (ORDER BY d)
    FROM (
      SELECT g::date AS d,
             CASE cd.kind WHEN 'workday' THEN true WHEN 'holiday' THEN false ELSE extract(isodow FROM g) < 6 END AS working
        FROM generate_series(make_date((SELECT min(year) FROM calendar_years), 1, 1), make_date($1::int, 12, 31), interval '1 day') g
        LEFT JOIN calendar_days cd ON cd.date = g::date
    ) s`;

interface Calendars {
  strict: WorkingCalendar;
  reading: WorkingCalendar;
}

/**
 * The statutory working calendar's data (DESIGN.md "One calendar"): the rules are `WorkingCalendar` in
 * libs/domain, the data is `calendar_years` + `calendar_days`, and `calendar_dates` is derived from them
 * for the sweep's SQL (rebuilt in the same transaction as every change).
 */
@Injectable()
export class CalendarService {
  private cache: { at: number; calendars: Promise<Calendars> } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The working calendar for computing working days with the domain functions. A year that is not in
   * the table makes them throw CalendarYearMissingError (a 409 with its message).
   */
  async calendar(): Promise<WorkingCalendar> {
    return (await this.calendars()).strict;
  }

  /**
   * The calendar for reading (lists, schedules, lights, dashboards): a year the table lacks counts as weekends-only,
   * like its rows in `calendar_dates`, and the answer says so (`calendarWarningFor`). Writes and the sweep use
   * `calendar()`, which never guesses.
   */
  async readingCalendar(): Promise<WorkingCalendar> {
    return (await this.calendars()).reading;
  }

  private calendars(): Promise<Calendars> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const calendars = this.load().then((data) => ({
        strict: new WorkingCalendar(data),
        reading: new WorkingCalendar(data, { missingYears: 'weekends-only' }),
      }));
      const entry = { at: Date.now(), calendars };
      this.cache = entry;
      calendars.catch(() => {
        if (this.cache === entry) this.cache = null;
      });
    }
    return this.cache.calendars;
  }

  private async load(): Promise<CalendarData> {
    const years = (await this.db.query(`SELECT year FROM calendar_years ORDER BY year`)) as { year: number }[];
    const days = (await this.db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days`)) as Pick<
      CalendarDay,
      'date' | 'kind'
    >[];
    return {
      years: years.map((y) => y.year),
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    };
  }

  years(): Promise<CalendarYear[]> {
    return this.db.getRepository(CalendarYear).find({ order: { year: 'ASC' } });
  }

  async getYear(year: number): Promise<CalendarYearView> {
    const row = found(await this.db.getRepository(CalendarYear).findOneBy({ year }), '该年的工作日历');
    const days = await this.db
      .getRepository(CalendarDayRow)
      .createQueryBuilder('d')
      .where('d.date BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('d.date')
      .getMany();
    const [{ workingDays }] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE working)::int AS "workingDays" FROM calendar_dates WHERE date BETWEEN $1 AND $2`,
      [`${year}-01-01`, `${year}-12-31`],
    )) as { workingDays: number }[];
    return { year, source: row.source, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })), workingDays };
  }

  /** Adds a year, or replaces one's holidays and make-up working days (admin), audited. */
  async putYear(actor: AuthUser, year: number, dto: PutCalendarYearDto): Promise<CalendarYearView> {
    const days = this.validDays(year, dto);
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:calendar'))`);
      const existing = await m.getRepository(CalendarYear).findOneBy({ year });
      if (!existing) await this.assertContiguous(m, year);
      const before = existing ? { source: existing.source, days: await this.daysOf(m, year) } : null;
      await m.query(`DELETE FROM calendar_days WHERE date BETWEEN $1 AND $2`, [`${year}-01-01`, `${year}-12-31`]);
      await this.insertDays(m, days);
      await m.query(
        `INSERT INTO calendar_years (year, source) VALUES ($1, $2)
         ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, updated_at = now()`,
        [year, dto.source],
      );
      await this.rebuildDates(m);
      await this.audit.record(m, actor.id, {
        action: existing ? 'update' : 'create',
        entity: 'Calendar',
        entityId: String(year),
        before,
        after: { source: dto.source, days },
      });
    });
    this.cache = null;
    return this.getYear(year);
  }

  /** Writes holiday/workday rows (callers delete what they replace first). */
  async insertDays(m: EntityManager, days: CalendarDay[]): Promise<void> {
    if (days.length === 0) return;
    await m.query(`INSERT INTO calendar_days (date, kind, name) SELECT * FROM unnest($1::date[], $2::text[], $3::text[])`, [
      days.map((d) => d.date),
      days.map((d) => d.kind),
      days.map((d) => d.name),
    ]);
  }

  /**
   * Rebuilds `calendar_dates`: every date from the first covered year to MAX_YEAR, whether it is worked, and the
   * running count of working days. Years after the covered run count as weekends-only (reading never fails on a
   * missing year; the sweep checks `calendar_years` itself). The whole table is rebuilt (about 40,000 rows),
   * since adding a year changes the counts after it. Migration CalendarAssumedYears runs the same statement.
   */
  async rebuildDates(m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM calendar_dates`);
    await m.query(REBUILD_CALENDAR_DATES_SQL, [MAX_YEAR]);
  }

  /** Forgets the cached calendar (call after committing a change, e.g. the seed). */
  invalidate(): void {
    this.cache = null;
  }

  private async daysOf(m: EntityManager, year: number): Promise<CalendarDay[]> {
    return (await m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE date BETWEEN $1 AND $2 ORDER BY date`,
      [`${year}-01-01`, `${year}-12-31`],
    )) as CalendarDay[];
  }

  /**
   * The covered years stay one unbroken run, so `work_seq` differences never silently skip an unknown year:
   * a new year extends the run at either end.
   */
  private async assertContiguous(m: EntityManager, year: number): Promise<void> {
    const [{ min, max }] = (await m.query(`SELECT min(year) AS min, max(year) AS max FROM calendar_years`)) as {
      min: number | null;
      max: number | null;
    }[];
    if (min === null || max === null || year === min - 1 || year === max + 1) return;
    throw refuse(409, 'calendar.contiguous', { min, max, before: min - 1, after: max + 1 });
  }

  private validDays(year: number, dto: PutCalendarYearDto): CalendarDay[] {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw refuse(400, 'calendar.yearRange', { min: MIN_YEAR, max: MAX_YEAR });
    }
    const days = dto.days ?? [];
    if (dto.source === 'weekends-only' && days.length > 0) {
      throw refuse(400, 'calendar.weekendsNoDays');
    }
    if (dto.source === 'state-council' && days.length === 0) {
      throw refuse(400, 'calendar.stateCouncilDays');
    }
    const seen = new Set<string>();
    const problems: Message[] = [];
    days.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`)) problems.push({ key: 'calendar.dayYear', params: { i, date: d.date, year } });
      else if (seen.has(d.date)) problems.push({ key: 'calendar.dayRepeated', params: { i, date: d.date } });
      else if (d.kind === 'workday' && dayOfWeek(d.date) !== 0 && dayOfWeek(d.date) !== 6) {
        problems.push({ key: 'calendar.workdayWeekend', params: { i, date: d.date } });
      }
      seen.add(d.date);
    });
    if (problems.length > 0) throw new LocalizedException(400, problems);
    return days.map((d) => ({ date: d.date, kind: d.kind, name: d.name?.trim() ?? '' })).sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}
