import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `calendar_dates` also covers the years after the calendar's covered run, as weekends-only days, up to 2100:
 * a read (a list, a schedule, a light) never fails on a year the admin has not added yet. The sweep still
 * refuses to run in a year missing from `calendar_years`. Rebuilds the table as CalendarService.rebuildDates does.
 */
export class CalendarAssumedYears1796172667397 implements MigrationInterface {
  name = 'CalendarAssumedYears1796172667397';

  async up(q: QueryRunner): Promise<void> {
    await this.rebuild(q, 2100);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rebuild(q, null);
  }

  /** `last` null: covered years only (the schema before this migration). */
  private async rebuild(q: QueryRunner, last: number | null): Promise<void> {
    await q.query(`DELETE FROM calendar_dates`);
    await q.query(
      `INSERT INTO calendar_dates (date, working, work_seq)
       SELECT d, working, sum(working::int) OVER (ORDER BY d)
         FROM (
           SELECT g::date AS d,
                  CASE cd.kind WHEN 'workday' THEN true WHEN 'holiday' THEN false ELSE extract(isodow FROM g) < 6 END AS working
             FROM generate_series(make_date((SELECT min(year) FROM calendar_years), 1, 1),
                                  make_date(coalesce($1::int, (SELECT max(year) FROM calendar_years)), 12, 31), interval '1 day') g
             LEFT JOIN calendar_days cd ON cd.date = g::date
         ) s`,
      [last],
    );
  }
}
