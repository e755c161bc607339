import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  INDICATOR_YEARS,
  type AssignmentStatus,
  type Evaluation,
  type EvaluationRow,
  judgeIndicator,
  type IndicatorAssessment,
  type IndicatorStatus,
} from '@duban/domain';
import { isUnitBound } from '@duban/permissions';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { refuse } from '../../core/http/messages';
import { SettingsService } from '../../core/settings/settings.service';
import { Indicator } from '../indicators/indicator.entity';

interface UnitCounts {
  orgUnitId: string;
  code: string;
  name: string;
  kind: string;
  assignmentsDue: number;
  completedOnTime: number;
  completedLate: number;
  overdueNow: number;
  reportsSubmitted: number;
  reportsLate: number;
  reportsApproved: number;
  reportsApprovedFirstPass: number;
  reminder: number;
  urge: number;
  supervision: number;
  interview: number;
  noticesUnanswered: number;
}

/** A cancelled assignment is kept but never chased, and counts for nothing. */
const CANCELLED: AssignmentStatus = 'cancelled';

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The mid-term evaluation and the final assessment: per unit, what it delivered by `asOf`, a score from the
 * settings' weights, and a rank within its group. Everything is read as it stood on `asOf` (facts dated after it do
 * not count), so the same data and date always give the same ranking; ties are broken by the unit's code.
 *
 * Score = 100 × (onTime × on-time share + quality × first-pass approval rate + indicators × indicator share), where
 * the on-time share is (assignments completed on time + reports on time) ÷ (assignments due + reports submitted),
 * the first-pass rate is the approved reports never returned ÷ the approved reports, and the indicator share is the
 * unit's indicator rows met or on track in their latest verified year ÷ its rows with a verified value. A part with
 * nothing to measure counts as 1 (a unit is not marked down for work it was never given).
 */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  async evaluate(asOf: string): Promise<Evaluation> {
    const [plan] = (await this.db.query(
      `SELECT id, period_start::text AS "periodStart", period_end::text AS "periodEnd"
         FROM plans WHERE status = 'published' ORDER BY period_start DESC, id LIMIT 1`,
    )) as { id: string; periodStart: string; periodEnd: string }[];
    if (!plan) throw refuse(404, 'record.notFound', { record: '规划' });
    if (asOf < plan.periodStart || asOf > plan.periodEnd)
      throw refuse(400, 'evaluations.outsidePlan', { asOf, start: plan.periodStart, end: plan.periodEnd });
    const weights = (await this.settings.get()).evaluationWeights;
    const counts = await this.counts(plan.id, asOf);
    const indicators = await this.indicatorCounts(plan.id, asOf);
    const rows: EvaluationRow[] = counts.map((c) => {
      const ind = indicators.get(c.orgUnitId) ?? { rows: 0, met: 0, onTrack: 0, atRisk: 0, offTrack: 0, judged: 0, none: 0 };
      const reportsOnTime = Math.max(0, c.reportsSubmitted - c.reportsLate);
      const timely = c.assignmentsDue + c.reportsSubmitted;
      const onTime = timely === 0 ? 1 : (c.completedOnTime + reportsOnTime) / timely;
      const quality = c.reportsApproved === 0 ? 1 : c.reportsApprovedFirstPass / c.reportsApproved;
      const judgedRows = ind.rows - ind.none;
      const indicatorPart = judgedRows === 0 ? 1 : (ind.met + ind.onTrack) / judgedRows;
      const score = round4(100 * (weights.onTime * onTime + weights.quality * quality + weights.indicators * indicatorPart));
      return {
        orgUnitId: c.orgUnitId,
        code: c.code,
        name: c.name,
        group: c.kind === 'department' ? 'department' : 'county',
        assignmentsDue: c.assignmentsDue,
        completedOnTime: c.completedOnTime,
        completedLate: c.completedLate,
        overdueNow: c.overdueNow,
        reportsSubmitted: c.reportsSubmitted,
        reportsOnTime,
        reportsApproved: c.reportsApproved,
        firstPassApprovalRate: c.reportsApproved === 0 ? null : round4(c.reportsApprovedFirstPass / c.reportsApproved),
        notices: { reminder: c.reminder, urge: c.urge, supervision: c.supervision, interview: c.interview },
        noticesUnanswered: c.noticesUnanswered,
        extensionsGranted: 0,
        indicators: ind,
        parts: { onTime: round4(onTime), quality: round4(quality), indicators: round4(indicatorPart) },
        score,
        rank: 0,
      };
    });
    for (const group of ['department', 'county'] as const) {
      rows
        .filter((r) => r.group === group)
        .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .forEach((r, i) => (r.rank = i + 1));
    }
    rows.sort((a, b) => (a.group === b.group ? a.rank - b.rank : a.group === 'department' ? -1 : 1));
    return { status: 'draft', publishedAt: null, sha256: null, asOf, planId: plan.id, weights, rows };
  }

  /**
   * What a caller reads for a date: the published one if the office has published it (every role), else the live
   * computation for the office, the inspectors and the admin, and a 404 for leaders and liaisons.
   */
  async read(caller: AuthUser, asOf: string): Promise<Evaluation> {
    const [frozen] = (await this.db.query(
      `SELECT e.data, e.sha256, e.published_at AS "publishedAt" FROM evaluation_publications e
         JOIN plans p ON p.id = e.plan_id AND p.status = 'published'
        WHERE e.as_of = $1 ORDER BY p.period_start DESC LIMIT 1`,
      [asOf],
    )) as { data: Evaluation; sha256: string; publishedAt: Date }[];
    if (frozen) return { ...frozen.data, status: 'published', sha256: frozen.sha256, publishedAt: frozen.publishedAt.toISOString() };
    if (isUnitBound(caller.role)) throw refuse(404, 'evaluations.notPublished', { asOf });
    return this.evaluate(asOf);
  }

  /** `POST /api/evaluations/publish {asOf}` (office): freezes the evaluation as it stands, with its sha256 in the audit chain. */
  async publish(caller: AuthUser, asOf: string): Promise<Evaluation> {
    const live = await this.evaluate(asOf);
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:evaluation:' || $1))`, [asOf]);
      const [exists] = await m.query(`SELECT 1 FROM evaluation_publications WHERE plan_id = $1 AND as_of = $2`, [live.planId, asOf]);
      if (exists) throw refuse(409, 'evaluations.published', { asOf });
      const data = { asOf: live.asOf, planId: live.planId, weights: live.weights, rows: live.rows };
      const sha256 = createHash('sha256').update(JSON.stringify(data)).digest('hex');
      const now = this.clock.now();
      const [row] = (await m.query(
        `INSERT INTO evaluation_publications (plan_id, as_of, data, sha256, published_at, published_by)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6) RETURNING id`,
        [live.planId, asOf, JSON.stringify(data), sha256, now, caller.id],
      )) as { id: string }[];
      await this.audit.record(m, caller.id, {
        action: 'publish',
        entity: 'Evaluation',
        entityId: row!.id,
        planId: live.planId,
        after: { asOf, sha256, weights: live.weights },
      });
      return { ...live, status: 'published', sha256, publishedAt: now.toISOString() };
    });
  }

  /**
   * The items that cost one unit points as of `asOf`: assignments completed late or overdue, reports returned before
   * approval, report periods the ladder chased past a reminder, and its indicator rows at risk or off track. Leaders
   * and liaisons may drill into their own unit only, and only once the evaluation of that date is published.
   */
  async drillDown(caller: AuthUser, asOf: string, orgUnitId: string) {
    const evaluation = await this.read(caller, asOf);
    if (isUnitBound(caller.role) && caller.orgUnitId !== orgUnitId) throw refuse(404, 'record.notFound', { record: '单位' });
    const row = evaluation.rows.find((r) => r.orgUnitId === orgUnitId);
    if (!row) throw refuse(404, 'record.notFound', { record: '单位' });
    const cut = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const params = [evaluation.planId, asOf, orgUnitId, CANCELLED];
    const assignments = (await this.db.query(
      `SELECT a.id AS "assignmentId", i.number, i.title, a.deadline::text AS deadline,
              CASE WHEN a.completed_at < ${cut} THEN (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date::text END AS "completedOn"
         FROM assignments a JOIN plan_items i ON i.id = a.plan_item_id
        WHERE a.plan_id = $1 AND a.org_unit_id = $3 AND a.status <> $4 AND a.deadline <= $2::date
          AND (a.completed_at IS NULL OR a.completed_at >= ${cut} OR (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date > a.deadline)
        ORDER BY a.deadline, i.position, a.id`,
      params,
    )) as { assignmentId: string; number: string; title: string; deadline: string; completedOn: string | null }[];
    const returnedReports = (await this.db.query(
      `SELECT r.id AS "reportId", r.period, i.number, i.title
         FROM reports r JOIN assignments a ON a.id = r.assignment_id JOIN plan_items i ON i.id = a.plan_item_id
        WHERE r.plan_id = $1 AND r.org_unit_id = $3 AND r.approved_at < ${cut} AND a.status <> $4
          AND EXISTS (SELECT 1 FROM report_history h WHERE h.report_id = r.id AND h.action = 'return')
        ORDER BY r.period, r.id`,
      params,
    )) as { reportId: string; period: string; number: string; title: string }[];
    const lateReports = (await this.db.query(
      `SELECT DISTINCT ON (e.assignment_id, e.target) e.assignment_id AS "assignmentId", substr(e.target, 8) AS period,
              i.number, i.title
         FROM escalations e JOIN assignments a ON a.id = e.assignment_id JOIN plan_items i ON i.id = a.plan_item_id
        WHERE e.plan_id = $1 AND e.org_unit_id = $3 AND e.created_at < ${cut} AND e.target LIKE 'report:%'
          AND e.kind <> 'reminder' AND a.status <> $4
        ORDER BY e.assignment_id, e.target`,
      params,
    )) as { assignmentId: string; period: string; number: string; title: string }[];
    return {
      asOf,
      orgUnitId,
      row,
      completedLate: assignments.filter((a) => a.completedOn !== null),
      overdue: assignments.filter((a) => a.completedOn === null),
      returnedReports,
      lateReports,
      indicators: (await this.indicatorDetails(evaluation.planId, asOf)).filter(
        (d) => d.orgUnitId === orgUnitId && (d.status === 'at_risk' || d.status === 'off_track'),
      ),
    };
  }

  /** One statement: per unit (departments, counties, zones) the counts as they stood at the end of `asOf` (Asia/Shanghai). */
  private async counts(planId: string, asOf: string): Promise<UnitCounts[]> {
    return (await this.db.query(
      `WITH cut AS (
         -- the end of the asOf day in Beijing time: facts stamped after it do not count
         SELECT (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS at
       ),
       a AS (
         -- assignments of the plan, not cancelled; completion counts only if it happened by the cut
         SELECT x.org_unit_id, x.deadline,
                CASE WHEN x.completed_at < (SELECT at FROM cut) THEN (x.completed_at AT TIME ZONE 'Asia/Shanghai')::date END AS done_on
           FROM assignments x
          WHERE x.plan_id = $1 AND x.status <> $3
       ),
       a_counts AS (
         SELECT org_unit_id,
                count(*) FILTER (WHERE deadline <= $2::date)::int AS "assignmentsDue",
                count(*) FILTER (WHERE done_on IS NOT NULL AND done_on <= deadline)::int AS "completedOnTime",
                count(*) FILTER (WHERE done_on IS NOT NULL AND done_on > deadline)::int AS "completedLate",
                count(*) FILTER (WHERE deadline < $2::date AND done_on IS NULL)::int AS "overdueNow"
           FROM a GROUP BY org_unit_id
       ),
       r_counts AS (
         -- reports first submitted by the cut; approved ones, and those approved without ever being returned
         SELECT org_unit_id,
                count(*) FILTER (WHERE first_submitted_at < (SELECT at FROM cut))::int AS "reportsSubmitted",
                count(*) FILTER (WHERE approved_at < (SELECT at FROM cut))::int AS "reportsApproved",
                count(*) FILTER (WHERE approved_at < (SELECT at FROM cut)
                                   AND NOT EXISTS (SELECT 1 FROM report_history h
                                                    WHERE h.report_id = r.id AND h.action = 'return'))::int AS "reportsApprovedFirstPass"
           FROM reports r WHERE plan_id = $1 GROUP BY org_unit_id
       ),
       e_counts AS (
         -- notices sent by the cut, per ladder level; a late report is a report period the ladder chased past a reminder
         SELECT org_unit_id,
                count(*) FILTER (WHERE kind = 'reminder')::int AS reminder,
                count(*) FILTER (WHERE kind = 'urge')::int AS urge,
                count(*) FILTER (WHERE kind = 'supervision')::int AS supervision,
                count(*) FILTER (WHERE kind = 'interview')::int AS interview,
                count(*) FILTER (WHERE kind <> 'reminder' AND due_at <= $2::date
                                   AND (responded_at IS NULL OR responded_at >= (SELECT at FROM cut)))::int AS "noticesUnanswered",
                count(DISTINCT (assignment_id, target)) FILTER (WHERE target LIKE 'report:%' AND kind <> 'reminder')::int AS "reportsLate"
           FROM escalations WHERE plan_id = $1 AND created_at < (SELECT at FROM cut) GROUP BY org_unit_id
       )
       SELECT u.id AS "orgUnitId", u.code, u.name, u.kind,
              coalesce(ac."assignmentsDue", 0) AS "assignmentsDue", coalesce(ac."completedOnTime", 0) AS "completedOnTime",
              coalesce(ac."completedLate", 0) AS "completedLate", coalesce(ac."overdueNow", 0) AS "overdueNow",
              coalesce(rc."reportsSubmitted", 0) AS "reportsSubmitted", coalesce(ec."reportsLate", 0) AS "reportsLate",
              coalesce(rc."reportsApproved", 0) AS "reportsApproved",
              coalesce(rc."reportsApprovedFirstPass", 0) AS "reportsApprovedFirstPass",
              coalesce(ec.reminder, 0) AS reminder, coalesce(ec.urge, 0) AS urge,
              coalesce(ec.supervision, 0) AS supervision, coalesce(ec.interview, 0) AS interview,
              coalesce(ec."noticesUnanswered", 0) AS "noticesUnanswered"
         FROM org_units u
         LEFT JOIN a_counts ac ON ac.org_unit_id = u.id
         LEFT JOIN r_counts rc ON rc.org_unit_id = u.id
         LEFT JOIN e_counts ec ON ec.org_unit_id = u.id
        WHERE u.kind IN ('department', 'county', 'zone')
        ORDER BY u.code`,
      [planId, asOf, CANCELLED],
    )) as UnitCounts[];
  }

  /** Each indicator row with its responsible unit and its status in the latest year verified by `asOf`. */
  private async indicatorDetails(planId: string, asOf: string) {
    const rows = await this.db.getRepository(Indicator).find({ where: { planId }, order: { position: 'ASC' } });
    const values = (await this.db.query(
      `SELECT indicator_id AS "indicatorId", year, value::float8 AS value, assessment
         FROM indicator_values
        WHERE plan_id = $1 AND approved_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      [planId, asOf],
    )) as { indicatorId: string; year: number; value: number | null; assessment: IndicatorAssessment | null }[];
    return rows
      .filter((r) => r.responsibleOrgUnitId)
      .map((r) => {
        const { status } = judgeIndicator(
          r,
          values.filter((v) => v.indicatorId === r.id),
        );
        const year = [...INDICATOR_YEARS].reverse().find((y) => status[y] !== null) ?? null;
        return {
          indicatorId: r.id,
          number: r.number,
          name: r.name,
          scope: r.scope,
          binding: r.binding,
          orgUnitId: r.responsibleOrgUnitId!,
          year,
          status: (year === null ? null : status[year]) as IndicatorStatus | null,
        };
      });
  }

  /** Each responsible unit's indicator rows by their status in the latest year verified by `asOf`. */
  private async indicatorCounts(planId: string, asOf: string): Promise<Map<string, EvaluationRow['indicators']>> {
    const out = new Map<string, EvaluationRow['indicators']>();
    for (const d of await this.indicatorDetails(planId, asOf)) {
      const c = out.get(d.orgUnitId) ?? { rows: 0, met: 0, onTrack: 0, atRisk: 0, offTrack: 0, judged: 0, none: 0 };
      c.rows++;
      if (d.status === null) c.none++;
      else if (d.status === 'met') c.met++;
      else if (d.status === 'on_track') c.onTrack++;
      else if (d.status === 'at_risk') c.atRisk++;
      else if (d.status === 'off_track') c.offTrack++;
      else c.judged++;
      out.set(d.orgUnitId, c);
    }
    return out;
  }
}
