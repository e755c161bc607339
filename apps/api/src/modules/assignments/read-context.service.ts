import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { nextPeriod, parsePeriod, periodContaining, REPORT_CYCLES, reportDueDate, type WorkingCalendar } from '@duban/domain';
import { ClockService } from '../../core/clock/clock.service';
import { SettingsService, type ReportDueSettings } from '../../core/settings/settings.service';
import { CalendarService } from '../calendar/calendar.service';

/** Every report period of every cycle over some years, as parallel arrays the read SQL unnests. */
export interface PeriodRows {
  cycle: string[];
  period: string[];
  start: string[];
  end: string[];
  due: string[];
}

/** What the assignments read SQL needs besides the rows: today, the report periods, and the light's settings. */
export interface ReadContext {
  today: string;
  /** The reading calendar (a missing year counts as weekends-only; rows then carry `calendarWarning`). */
  calendar: WorkingCalendar;
  periods: PeriodRows;
  /** Percentage points by which reported progress may trail 序时进度 before the light turns yellow. */
  lightGap: number;
  /** Working days ahead within which a deadline, milestone or report due turns the light yellow (the furthest reminder). */
  reminderWindow: number;
}

/**
 * Report periods are calendar periods, the same for every assignment of a cycle (as in the sweep), so their due
 * dates are computed here once, by the domain's `reportDueDate`, for the years the plans span, and the SQL picks
 * each assignment's oldest unreported one from them.
 */
@Injectable()
export class ReadContextService {
  private cache: { key: string; calendar: WorkingCalendar; periods: PeriodRows } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: ClockService,
    private readonly calendars: CalendarService,
    private readonly settings: SettingsService,
  ) {}

  async context(m: EntityManager = this.db.manager): Promise<ReadContext> {
    const today = this.clock.today();
    const [calendar, settings, [bounds]] = await Promise.all([
      this.calendars.readingCalendar(),
      this.settings.get(),
      m.query(
        `SELECT min(extract(year FROM period_start))::int AS "from", max(extract(year FROM period_end))::int AS "to" FROM plans`,
      ) as Promise<{ from: number | null; to: number | null }[]>,
    ]);
    const year = Number(today.slice(0, 4));
    // A year either side: assignments made before the plan starts, and reports due after it ends or after today.
    const from = Math.min(bounds?.from ?? year, year) - 1;
    const to = Math.max(bounds?.to ?? year, year) + 1;
    const key = `${from}:${to}:${JSON.stringify(settings.reportDue)}`;
    if (!this.cache || this.cache.calendar !== calendar || this.cache.key !== key) {
      this.cache = { key, calendar, periods: periodRows(from, to, calendar, settings.reportDue) };
    }
    return {
      today,
      calendar,
      periods: this.cache.periods,
      lightGap: settings.lightGap,
      reminderWindow: Math.max(0, ...settings.ladder.reminderDays),
    };
  }
}

function periodRows(from: number, to: number, calendar: WorkingCalendar, dueDays: ReportDueSettings): PeriodRows {
  const rows: PeriodRows = { cycle: [], period: [], start: [], end: [], due: [] };
  for (const cycle of REPORT_CYCLES) {
    for (let period = periodContaining(`${from}-01-01`, cycle); Number(period.slice(0, 4)) <= to; period = nextPeriod(period, cycle)) {
      const range = parsePeriod(period, cycle)!;
      rows.cycle.push(cycle);
      rows.period.push(period);
      rows.start.push(range.start);
      rows.end.push(range.end);
      rows.due.push(reportDueDate(period, cycle, calendar, dueDays[cycle]));
    }
  }
  return rows;
}
