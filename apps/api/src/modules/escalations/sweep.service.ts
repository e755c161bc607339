import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  addDays,
  ASSIGNMENT_CLOSED_STATUSES,
  ASSIGNMENT_IN_WORK_STATUSES,
  ASSIGNMENT_OPEN_STATUSES,
  CalendarYearMissingError,
  LABELS,
  nextPeriod,
  parsePeriod,
  periodContaining,
  REPORT_COUNTED_STATUSES,
  REPORT_CYCLES,
  reportDueDate,
  type WorkingCalendar,
  targetLabel,
} from '@duban/domain';
import { AuditService } from '../../core/audit/audit.service';
import { ClockService } from '../../core/clock/clock.service';
import { sqlList } from '../../core/database/sql-list';
import { SettingsService, type AppSettings } from '../../core/settings/settings.service';
import { CalendarService } from '../calendar/calendar.service';
import { NotificationsService, type NotifyInput } from '../notifications/notifications.service';

/** Held by the sweep and by the office's manual rungs: one writer of notices (and 文号) at a time. */
export const SWEEP_LOCK = `SELECT pg_advisory_xact_lock(hashtext('duban:sweep'))`;

/** How far back (in working days past their due date) report periods are still looked at. */
const REPORT_LOOKBACK_WORKING_DAYS = 120;

export interface SweepResult {
  today: string;
  /** New notices by kind. */
  created: Record<'reminder' | 'urge' | 'supervision' | 'interview', number>;
  /** Notices whose target closed (reported, completed, milestone done) since the last run. */
  resolved: number;
  /** Notices whose target opened again (a returned report). */
  reopened: number;
  notifications: number;
  ms: number;
}

export interface NewNotice {
  id: string;
  plan_id: string;
  assignment_id: string;
  org_unit_id: string;
  target: string;
  target_date: string;
  kind: 'reminder' | 'urge' | 'supervision' | 'interview';
  level: number;
  days_overdue: number;
  due_at: string | null;
  number: string | null;
  item_number: string;
  item_title: string;
  unit_name: string;
}

/**
 * The deadline sweep (DESIGN.md "Deadlines come from state, not timers"): one set-based pass over every open
 * assignment's targets — its deadline, its open milestones, its report periods, its receipt (签收) — that raises the notices the
 * ladder calls for today. Each notice is unique per (assignment, target, kind, threshold), and the whole run
 * holds an advisory lock, so a second run, or two instances at once, add nothing.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly db: DataSource,
    private readonly clock: ClockService,
    private readonly calendars: CalendarService,
    private readonly settings: SettingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async run(options: { today?: string; actorId?: string | null } = {}): Promise<SweepResult> {
    const started = Date.now();
    const today = options.today ?? this.clock.today();
    const calendar = await this.calendars.calendar();
    const settings = await this.settings.get();
    const ladder = settings.ladder;
    if (!calendar.hasYear(Number(today.slice(0, 4)))) throw new CalendarYearMissingError(Number(today.slice(0, 4)));
    const responseDue = calendar.addWorkingDays(today, ladder.responseDays);
    const periods = candidatePeriods(today, calendar, settings, Math.max(...ladder.reminderDays, 0));
    // A sweep run "as of" another day (CLI --now, demo mode) stamps its notices with that day.
    const now = options.today && options.today !== this.clock.today() ? new Date(`${today}T08:30:00+08:00`) : this.clock.now();

    return this.db.transaction(async (m) => {
      await m.query(SWEEP_LOCK);
      const [todayRow] = (await m.query(`SELECT work_seq FROM calendar_dates WHERE date = $1`, [today])) as { work_seq: number }[];
      if (!todayRow) throw new CalendarYearMissingError(Number(today.slice(0, 4)));
      const lastRun = await this.lastRunDay(m);
      const { resolved, reopened } = await this.resolve(m, today, calendar, now);
      const crossing = periods.filter((p) => crossesThreshold(p.due, lastRun, today, calendar, ladder));
      const created = await this.raise(m, calendar, today, todayRow.work_seq, periods, crossing, lastRun, settings, responseDue, now);
      await m.query(
        `INSERT INTO settings (key, value, updated_at) VALUES ('sweep.lastRunDay', to_jsonb($1::text), now())
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [today],
      );
      await numberSupervisionNotices(m, today, created, settings.locality.supervisionNumber);
      const notifications = await this.notifications.notifyBatch(m, created.map(noticeMessage));
      const counts = { reminder: 0, urge: 0, supervision: 0, interview: 0 };
      for (const n of created) counts[n.kind]++;
      if (created.length > 0 || resolved > 0 || reopened > 0) {
        // One audit event per run: the notices themselves are rows whose facts the run derived from audited state.
        await this.audit.record(m, options.actorId ?? null, {
          action: 'sweep',
          entity: 'Escalation',
          entityId: today,
          after: { today, created: counts, resolved, reopened, notifications },
        });
      }
      const result: SweepResult = { today, created: counts, resolved, reopened, notifications, ms: Date.now() - started };
      this.logger.log(`sweep ${today}: ${JSON.stringify(result.created)}, resolved ${resolved}, reopened ${reopened}, ${result.ms} ms`);
      return result;
    });
  }

  private async lastRunDay(m: EntityManager): Promise<string | null> {
    const [row] = (await m.query(`SELECT value FROM settings WHERE key = 'sweep.lastRunDay'`)) as { value: unknown }[];
    return typeof row?.value === 'string' ? row.value : null;
  }

  /**
   * Closes notices whose target is no longer open, and reopens report notices whose report was returned
   * (within the look-back window), so the assignment's escalation level follows the facts.
   */
  private async resolve(
    m: EntityManager,
    today: string,
    calendar: WorkingCalendar,
    now: Date,
  ): Promise<{ resolved: number; reopened: number }> {
    const [, resolved] = (await m.query(
      `UPDATE escalations e SET resolved_at = $1, updated_at = $1
         FROM assignments a
        WHERE e.resolved_at IS NULL AND a.id = e.assignment_id
          AND (a.status IN ${sqlList(ASSIGNMENT_CLOSED_STATUSES)}
               OR (e.target LIKE 'report:%' AND EXISTS (
                     SELECT 1 FROM reports r WHERE r.assignment_id = e.assignment_id AND r.period = substr(e.target, 8)
                        AND r.status IN ${sqlList(REPORT_COUNTED_STATUSES)}))
               -- 签收: acknowledged, or work begun (a report submitted says the unit has it).
               OR (e.target = 'receipt' AND (a.acknowledged_at IS NOT NULL OR a.status <> 'not_started'))
               OR (e.target LIKE 'milestone:%' AND EXISTS (
                     SELECT 1 FROM jsonb_array_elements(a.milestones) ms
                      WHERE 'milestone:' || (ms->>'date') = e.target AND ms->>'status' = 'done')))`,
      [now],
    )) as [unknown, number];
    // A broken promise's chase ends with the notice it answered.
    const [, promises] = (await m.query(
      `UPDATE escalations e SET resolved_at = $1, updated_at = $1
         FROM escalations o
        WHERE e.resolved_at IS NULL AND e.target LIKE 'promise:%' AND o.id::text = substr(e.target, 9) AND o.resolved_at IS NOT NULL`,
      [now],
    )) as [unknown, number];
    const since = calendar.addWorkingDays(today, -REPORT_LOOKBACK_WORKING_DAYS);
    const [, reopened] = (await m.query(
      `UPDATE escalations e SET resolved_at = NULL, updated_at = $1
         FROM assignments a
        WHERE e.resolved_at IS NOT NULL AND e.target LIKE 'report:%' AND e.target_date >= $2
          AND a.id = e.assignment_id AND a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)}
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = e.assignment_id AND r.period = substr(e.target, 8)
                             AND r.status IN ${sqlList(REPORT_COUNTED_STATUSES)})`,
      [now, since],
    )) as [unknown, number];
    return { resolved: resolved + promises, reopened };
  }

  /** Inserts today's notices for every open target in one statement; returns the ones that are new. */
  private async raise(
    m: EntityManager,
    calendar: WorkingCalendar,
    today: string,
    todaySeq: number,
    periods: CandidatePeriod[],
    crossing: CandidatePeriod[],
    lastRun: string | null,
    settings: AppSettings,
    responseDue: string,
    now: Date,
  ): Promise<NewNotice[]> {
    const ladder = settings.ladder;
    const reminderDays = [...new Set(ladder.reminderDays)].sort((a, b) => a - b);
    const maxReminder = reminderDays.length > 0 ? reminderDays[reminderDays.length - 1] : -1;
    // Nothing due after this day can raise a notice today (the furthest reminder ahead, plus a day for a non-working due date).
    const horizon = addDays(calendar.addWorkingDays(today, Math.max(maxReminder, 0)), 3);
    const sql = `WITH targets AS (
         -- The deadline, for open work due by the furthest reminder ahead (index on open deadlines); its clock
         -- stops while a final report submitted in time is under review.
         SELECT a.id AS assignment_id, a.plan_id, a.org_unit_id, a.plan_item_id, 'deadline' AS target, a.deadline AS due
           FROM assignments a
          WHERE a.status NOT IN ${sqlList(ASSIGNMENT_CLOSED_STATUSES)} AND a.deadline <= $15::date
            AND NOT (a.closure_requested_on IS NOT NULL AND a.closure_requested_on <= a.deadline)
         UNION ALL
         -- Each open milestone, chased on its own (partial index on work that has milestones).
         SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, 'milestone:' || (ms->>'date'), (ms->>'date')::date
           FROM assignments a CROSS JOIN LATERAL jsonb_array_elements(a.milestones) ms
          WHERE a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)} AND a.milestones <> '[]'::jsonb
            AND ms->>'status' = 'open' AND (ms->>'date')::date <= $15::date
         UNION ALL
         -- Each report period for which a threshold day has come since the last run, where the report is missing
         -- (none past draft; a returned one counts as missing). Periods are calendar periods, the same for every
         -- assignment of a cycle, so on most days this branch has no period to look at.
         SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, 'report:' || p.period, p.due
           FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::date[]) AS p(cycle, period, pstart, pend, due)
           JOIN assignments a ON a.report_cycle = p.cycle AND p.pend > a.assigned_on AND p.pstart <= a.deadline
          WHERE a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)}
            AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = a.id AND r.period = p.period
                               AND r.status IN ${sqlList(REPORT_COUNTED_STATUSES)})
         UNION ALL
         -- A report returned since the last run (a duplicate of a row above is skipped by ON CONFLICT) is chased again from its own period's due date.
         SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, 'report:' || p.period, p.due
           FROM reports r
           JOIN assignments a ON a.id = r.assignment_id
           JOIN unnest($16::text[], $17::text[], $18::date[]) AS p(cycle, period, due) ON p.cycle = a.report_cycle AND p.period = r.period
          WHERE r.status = 'returned' AND ($19::date IS NULL OR r.returned_at >= $19::date)
            AND a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)}
         UNION ALL
         -- 签收: work not yet acknowledged nor started, due on the Nth working day after it was assigned
         -- (settings.receipt.workingDays; assignments_unacknowledged_idx).
         SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, 'receipt', r.date
           FROM assignments a
           JOIN calendar_dates s ON s.date = a.assigned_on
           JOIN calendar_dates r ON r.working AND r.work_seq = s.work_seq + $20::int
          WHERE a.acknowledged_at IS NULL AND a.status = 'not_started' AND r.date <= $15::date
         UNION ALL
         -- A promised date (the answer to a notice) that passed while its target is still open: chased again.
         SELECT a.id, a.plan_id, a.org_unit_id, a.plan_item_id, 'promise:' || e.id, e.promised_date
           FROM escalations e JOIN assignments a ON a.id = e.assignment_id
          WHERE e.promised_date IS NOT NULL AND e.promised_date < $12::date AND e.resolved_at IS NULL
            AND a.status IN ${sqlList(ASSIGNMENT_OPEN_STATUSES)}
       ), promised AS MATERIALIZED (
         -- Read once, before the insert below starts: probing escalations per row while inserting into it would
         -- rescan the pages the statement itself is filling. Whether a leader made the promise decides which rungs wait.
         SELECT e.assignment_id, e.target, bool_or(u.role = 'leader') AS by_leader
           FROM escalations e LEFT JOIN users u ON u.id = e.responded_by
          WHERE e.promised_date >= $12::date AND e.resolved_at IS NULL
          GROUP BY e.assignment_id, e.target
       ), measured AS (
         SELECT t.*, $6::int - cd.work_seq AS days
           FROM targets t JOIN calendar_dates cd ON cd.date = t.due
       ), notices AS (
         SELECT m.*, 'reminder' AS kind, 0 AS level,
                (SELECT min(n) FROM unnest($7::int[]) n WHERE n >= -m.days) AS threshold
           FROM measured m
          WHERE m.days <= 0 AND -m.days <= $8::int
            AND NOT (m.days = 0 AND m.due < $12::date)
         UNION ALL
         SELECT m.*, l.kind, l.level, l.threshold
           FROM measured m
           JOIN (VALUES ('urge', 1, $9::int), ('supervision', 2, $10::int), ('interview', 3, $11::int)) AS l(kind, level, threshold)
             ON m.days >= l.threshold
          -- While the unit's promised date (its answer to a notice on this target) has not passed, the ladder waits:
          -- any promise holds back a 催办, only a leader's holds back a 督办 or a level-3 candidate.
          WHERE NOT EXISTS (SELECT 1 FROM promised p WHERE p.assignment_id = m.assignment_id AND p.target = m.target
                               AND (l.level = 1 OR p.by_leader))
       )
         INSERT INTO escalations (plan_id, assignment_id, org_unit_id, target, target_date, kind, level, threshold, days_overdue,
                                  reason, due_at, created_at, updated_at)
         SELECT n.plan_id, n.assignment_id, n.org_unit_id, n.target, n.due, n.kind, n.level, n.threshold, greatest(n.days, 0),
                CASE WHEN n.days <= 0 THEN format('距到期还有 %s 个工作日', -n.days)
                     ELSE format('已逾期 %s 个工作日', n.days) END,
                CASE WHEN n.kind IN ('urge', 'supervision') THEN $13::date END,
                $14::timestamptz, $14::timestamptz
           FROM notices n
         ON CONFLICT (assignment_id, target, kind, threshold) DO NOTHING
         RETURNING id, plan_id, assignment_id, org_unit_id, target, to_char(target_date, 'YYYY-MM-DD') AS target_date, kind, level,
                   days_overdue, to_char(due_at, 'YYYY-MM-DD') AS due_at, number`;
    const params = [
      crossing.map((p) => p.cycle),
      crossing.map((p) => p.period),
      crossing.map((p) => p.start),
      crossing.map((p) => p.end),
      crossing.map((p) => p.due),
      todaySeq,
      reminderDays,
      maxReminder,
      ladder.urge,
      ladder.supervision,
      ladder.interview,
      today,
      responseDue,
      now,
      horizon,
      periods.map((p) => p.cycle),
      periods.map((p) => p.period),
      periods.map((p) => p.due),
      lastRun,
      settings.receipt.workingDays,
    ];
    const created = (await m.query(sql, params)) as Omit<NewNotice, 'item_number' | 'item_title' | 'unit_name'>[];
    if (created.length === 0) return [];
    // What the messages name, in a statement of its own: joined to a CTE of unknown size, the planner may pick a
    // nested loop over whole tables.
    const labels = (await m.query(
      `SELECT a.id, it.number, it.title, u.name
         FROM assignments a JOIN plan_items it ON it.id = a.plan_item_id JOIN org_units u ON u.id = a.org_unit_id
        WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(created.map((n) => n.assignment_id))]],
    )) as { id: string; number: string; title: string; name: string }[];
    const label = new Map(labels.map((l) => [l.id, l]));
    return created.map((n) => {
      const l = label.get(n.assignment_id)!;
      return { ...n, item_number: l.number, item_title: l.title, unit_name: l.name };
    });
  }
}

/**
 * Gives each new 督办单 its 文号 from the template in settings.locality.supervisionNumber ({year}, {n}): per plan
 * and year, in order, under the sweep's lock (SWEEP_LOCK, which the manual rungs take too); {n} counts on from the year's last number under the same template.
 */
export async function numberSupervisionNotices(
  m: EntityManager,
  today: string,
  created: { id: string; kind: string; number: string | null }[],
  template: string,
): Promise<void> {
  const ids = created.filter((n) => n.kind === 'supervision').map((n) => n.id);
  if (ids.length === 0) return;
  const withYear = template.split('{year}').join(today.slice(0, 4));
  const yearLike = withYear
    .split('{n}')
    .map((part) => part.replace(/[\\%_]/g, '\\$&'))
    .join('%');
  const numbered = (await m.query(
    `WITH base AS (
       SELECT plan_id, coalesce(max(number_seq), 0) AS last FROM escalations
        WHERE kind = 'supervision' AND number_seq IS NOT NULL AND number LIKE $2
        GROUP BY plan_id
     ), ordered AS (
       -- By unit, target and the item's place in the plan: the same facts number the same way on every run.
       SELECT e.id, coalesce(b.last, 0) + row_number() OVER (PARTITION BY e.plan_id ORDER BY u.code, e.target, it.position, e.id) AS seq
         FROM unnest($1::uuid[]) AS n(id)
         JOIN escalations e ON e.id = n.id
         JOIN org_units u ON u.id = e.org_unit_id
         JOIN assignments a ON a.id = e.assignment_id
         JOIN plan_items it ON it.id = a.plan_item_id
         LEFT JOIN base b ON b.plan_id = e.plan_id
     )
     UPDATE escalations e SET number_seq = o.seq, number = replace($3::text, '{n}', o.seq::text)
       FROM ordered o WHERE o.id = e.id
     RETURNING e.id, e.number`,
    [ids, yearLike, withYear],
  )) as [{ id: string; number: string }[], number];
  const byId = new Map(numbered[0].map((r) => [r.id, r.number]));
  for (const n of created) if (byId.has(n.id)) n.number = byId.get(n.id)!;
}

/**
 * Whether a report period due on `due` reaches a ladder threshold on some day after the last run, up to today:
 * only then can today's sweep owe it a notice it did not owe before. Without a last run (or after the demo clock
 * moved back) every candidate period is looked at.
 */
export function crossesThreshold(
  due: string,
  lastRun: string | null,
  today: string,
  calendar: WorkingCalendar,
  ladder: AppSettings['ladder'],
): boolean {
  if (!lastRun || lastRun >= today) return lastRun !== today;
  const days = [...ladder.reminderDays.map((n) => -n), ladder.urge, ladder.supervision, ladder.interview];
  return days.some((n) => {
    const day = n === 0 ? due : calendar.addWorkingDays(due, n);
    return day > lastRun && day <= today;
  });
}

export interface CandidatePeriod {
  cycle: string;
  period: string;
  start: string;
  end: string;
  due: string;
}

/**
 * The report periods of every cycle whose due date lies between the look-back window and the furthest reminder
 * ahead: the only periods a sweep today can raise a notice for. Periods are calendar periods, the same for all
 * assignments of a cycle, so this is a handful of rows that the SQL joins to every assignment.
 */
export function candidatePeriods(today: string, calendar: WorkingCalendar, settings: AppSettings, maxReminder: number): CandidatePeriod[] {
  const earliest = calendar.addWorkingDays(today, -REPORT_LOOKBACK_WORKING_DAYS - 1);
  const latest = calendar.addWorkingDays(today, maxReminder + 1);
  const out: CandidatePeriod[] = [];
  for (const cycle of REPORT_CYCLES) {
    const n = settings.reportDue[cycle];
    let period = periodContaining(shiftYears(earliest, -1), cycle);
    for (let guard = 0; guard < 40; guard++) {
      const range = parsePeriod(period, cycle)!;
      if (range.end > latest) break;
      let due: string;
      try {
        due = reportDueDate(period, cycle, calendar, n);
      } catch (err) {
        if (err instanceof CalendarYearMissingError) break; // periods in years the calendar lacks are not chased yet
        throw err;
      }
      if (due >= earliest && due <= latest) out.push({ cycle, period, start: range.start, end: range.end, due });
      period = nextPeriod(period, cycle);
    }
  }
  return out;
}

function shiftYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4, 7)}-01`;
}

const KIND = LABELS.zh.escalationKind;

/** What each notice says, and to whom (CONTRACT.md roles: a supervision notice goes to the leader). */
export function noticeMessage(n: NewNotice): NotifyInput {
  const what = targetLabel(n.target);
  const item = `${n.item_number} ${n.item_title}`;
  const link = `/assignments/${n.assignment_id}/show`;
  const base = { planId: n.plan_id, kind: `escalation.${n.kind}`, link, dedupeKey: `escalation:${n.id}` };
  switch (n.kind) {
    case 'reminder':
      return {
        ...base,
        title: `【${KIND.reminder}】${what}将于 ${n.target_date} 到期`,
        body: `${n.unit_name}：“${item}”的${what}将于 ${n.target_date} 到期，请按时完成并报送。`,
        to: { orgUnitId: n.org_unit_id, roles: ['liaison'] },
      };
    case 'urge':
      return {
        ...base,
        title: `【${KIND.urge}】${what}已逾期 ${n.days_overdue} 个工作日`,
        body: `${n.unit_name}：“${item}”的${what}（${n.target_date}）已逾期 ${n.days_overdue} 个工作日，请尽快办理并说明情况${n.due_at ? `（${n.due_at} 前答复）` : ''}。`,
        to: { orgUnitId: n.org_unit_id, roles: ['liaison', 'leader'] },
      };
    case 'supervision':
      return {
        ...base,
        title: `【督办单】${n.number ?? ''} ${what}逾期 ${n.days_overdue} 个工作日`,
        body: `督办单 ${n.number ?? ''}\n责任单位：${n.unit_name}\n督办事项：${item}\n逾期：${what}（${n.target_date}）已逾期 ${n.days_overdue} 个工作日\n请分管领导于 ${n.due_at} 前书面答复办理情况和承诺完成时间。`,
        to: { orgUnitId: n.org_unit_id, roles: ['leader'] },
      };
    case 'interview':
      return {
        ...base,
        title: `【${KIND.interview}候选】${n.unit_name} ${what}逾期 ${n.days_overdue} 个工作日`,
        body: `${n.unit_name}“${item}”的${what}（${n.target_date}）已逾期 ${n.days_overdue} 个工作日，达到${KIND.interview}标准，请确认。`,
        to: { roles: ['office'] },
      };
  }
}
