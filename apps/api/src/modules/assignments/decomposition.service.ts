import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import {
  REPORT_VISIBLE_OUTSIDE_UNIT,
  type AssignmentRole,
  type OrgUnitKind,
  type PlanStatus,
  type ReportCycle,
  type WorkingCalendar,
} from '@duban/domain';
import { AuditService, type AuditEntry } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { sqlList } from '../../core/database/sql-list';
import { found } from '../../core/http/record';
import { SettingsService } from '../../core/settings/settings.service';
import { CalendarService } from '../calendar/calendar.service';
import { HAS_HISTORY_SQL, recordColumns, updatedRows, type AssignmentRecord, type AssignmentView } from './assignment-read';
import type { AssignmentMilestone } from './assignment.entity';
import { AssignmentStatusService } from './assignment-status.service';
import { AssignmentsService, validDeadline, validMilestones } from './assignments.service';
import type { DecomposeAllDto, DecomposeDto } from './dto/assignment.dto';
import {
  DEFAULT_REPORT_CYCLE,
  itemSchedule,
  milestonesBefore,
  suggestAssignments,
  type SuggestContext,
  type Suggestion,
  type SuggestItem,
  type SuggestUnit,
} from './suggest';
import { LocalizedException, refuse, words, type Message } from '../../core/http/messages';

interface PlanRow {
  id: string;
  status: PlanStatus;
  periodStart: string;
  periodEnd: string;
}

interface ItemRow extends SuggestItem {
  id: string;
  planId: string;
  kind: string;
  number: string;
  assignable: boolean;
}

/** What one assignment should be after a decomposition. */
interface Desired {
  orgUnitId: string;
  role: AssignmentRole;
  deadline: string;
  reportCycle: ReportCycle;
  milestones: AssignmentMilestone[];
}

type Existing = AssignmentRecord & { hasHistory: boolean; hasReports: boolean };

export interface DecomposeResult {
  planItemId: string;
  planItemNumber: string;
  created: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  deleted: number;
  /** The item's assignments after the change (cancelled ones included). */
  assignments: AssignmentView[];
}

export interface DecomposeAllResult {
  planId: string;
  chapter: string | null;
  /** Items decomposed by this request. */
  items: number;
  /** Assignments created, in all and by role. */
  assignments: number;
  byRole: Record<AssignmentRole, number>;
  /** Items left alone because they already had assignments (or no unit could lead them). */
  skipped: { planItemId: string; number: string; title: string; reason: string }[];
  tookMs: number;
}

const ROLE_KINDS: Record<AssignmentRole, readonly OrgUnitKind[]> = {
  lead: ['department'],
  support: ['department'],
  county: ['county', 'zone'],
};

/**
 * Decomposition (分解): suggestions from the duty map and the item's text, one item by hand, or a whole plan
 * (or chapter) accepting the suggestions in one transaction with set-based writes and one audit batch.
 */
@Injectable()
export class DecompositionService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentsService,
    private readonly settings: SettingsService,
    private readonly status: AssignmentStatusService,
  ) {}

  async suggestions(itemId: string): Promise<Suggestion[]> {
    const item = await this.item(this.db.manager, itemId);
    const plan = await this.plan(this.db.manager, item.planId);
    this.assertAssignable(item);
    return suggestAssignments(item, await this.context(this.db.manager, plan));
  }

  /**
   * Sets an item's decomposition to exactly `dto.assignments`: new units are added, existing (item, unit) pairs are
   * updated in place, units left out are deleted — or cancelled when something already refers to them (reports).
   */
  async decompose(actor: AuthUser, itemId: string, dto: DecomposeDto): Promise<DecomposeResult> {
    return this.db.transaction(async (m) => {
      const item = await this.item(m, itemId);
      await this.lockPlan(m, item.planId);
      const plan = await this.plan(m, item.planId);
      const existing = (await m.query(
        `SELECT ${recordColumns('a')}, ${HAS_HISTORY_SQL} AS "hasHistory",
                EXISTS (SELECT 1 FROM reports r WHERE r.assignment_id = a.id AND r.plan_id = a.plan_id AND r.status IN ${sqlList(REPORT_VISIBLE_OUTSIDE_UNIT)}) AS "hasReports"
           FROM assignments a WHERE a.plan_item_id = $1 AND a.plan_id = $2 ORDER BY a.created_at, a.id FOR UPDATE OF a`,
        [item.id, item.planId],
      )) as Existing[];
      const calendar = await this.calendar.calendar();
      const desired = await this.desired(m, dto, item, plan, existing, calendar);
      if (plan.status !== 'published') throw refuse(409, 'decompose.planUnpublished');
      this.assertAssignable(item);

      const byUnit = new Map(existing.map((e) => [e.orgUnitId, e]));
      const wanted = new Set(desired.map((d) => d.orgUnitId));
      const removed = existing.filter((e) => !wanted.has(e.orgUnitId) && e.status !== 'cancelled');
      const completed = removed.find((e) => e.status === 'completed');
      if (completed) throw refuse(409, 'decompose.completedRemoved', { unit: completed.orgUnitId });
      for (const d of desired) {
        const prior = byUnit.get(d.orgUnitId);
        if (prior && prior.hasHistory && d.reportCycle !== prior.reportCycle) {
          throw refuse(409, 'decompose.cycleFixed', { unit: d.orgUnitId });
        }
      }
      const toInsert = desired.filter((d) => !byUnit.has(d.orgUnitId));
      const toUpdate = desired
        .map((d) => ({ d, prior: byUnit.get(d.orgUnitId) }))
        .filter((x): x is { d: Desired; prior: Existing } => x.prior !== undefined && differs(x.prior, x.d));
      const toCancel = removed.filter((e) => e.hasHistory);
      const toDelete = removed.filter((e) => !e.hasHistory);

      const entries: AuditEntry[] = [];
      const inserted = await this.insert(
        m,
        item.planId,
        toInsert.map((d) => ({ ...d, planItemId: item.id })),
      );
      for (const after of inserted)
        entries.push({ action: 'create', entity: 'Assignment', entityId: after.id, planId: item.planId, after });
      // A cancelled unit named again comes back to life first (the one writer of the status), then takes its new terms.
      for (const x of toUpdate) {
        await this.status.move(m, actor.id, x.prior, { kind: 'restore', hasReports: x.prior.hasReports });
      }
      if (toUpdate.length > 0) {
        const rows = updatedRows<AssignmentRecord>(
          await m.query(
            `UPDATE assignments a
              SET role = t.role, deadline = t.deadline, milestones = t.milestones, report_cycle = t.cycle,
                  version = a.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::date[], $4::jsonb[], $5::text[]) AS t(id, role, deadline, milestones, cycle)
            WHERE a.id = t.id
        RETURNING ${recordColumns('a')}`,
            [
              toUpdate.map((x) => x.prior.id),
              toUpdate.map((x) => x.d.role),
              toUpdate.map((x) => x.d.deadline),
              toUpdate.map((x) => JSON.stringify(x.d.milestones)),
              toUpdate.map((x) => x.d.reportCycle),
            ],
          ),
        );
        const before = new Map(toUpdate.map((x) => [x.prior.id, x.prior]));
        for (const after of rows) {
          entries.push({
            action: 'update',
            entity: 'Assignment',
            entityId: after.id,
            planId: item.planId,
            before: record(before.get(after.id)!),
            after,
          });
        }
      }
      for (const e of toCancel) {
        const after = await this.status.move(m, actor.id, e, { kind: 'cancel' });
        entries.push({ action: 'cancel', entity: 'Assignment', entityId: e.id, planId: item.planId, before: record(e), after });
      }
      if (toDelete.length > 0) {
        await m.query(`DELETE FROM assignments WHERE id = ANY($1::uuid[])`, [toDelete.map((e) => e.id)]);
        for (const e of toDelete)
          entries.push({ action: 'delete', entity: 'Assignment', entityId: e.id, planId: item.planId, before: record(e) });
      }
      const counts = {
        created: inserted.length,
        updated: toUpdate.length,
        unchanged: desired.length - toInsert.length - toUpdate.length,
        cancelled: toCancel.length,
        deleted: toDelete.length,
      };
      entries.push({
        action: 'decompose',
        entity: 'PlanItem',
        entityId: item.id,
        planId: item.planId,
        after: { number: item.number, ...counts },
      });
      await this.audit.record(m, actor.id, entries);
      const { rows } = await this.assignments.list(
        actor,
        { filter: JSON.stringify({ planItemId: item.id }), sort: '["position","ASC"]', range: '[0,999]' },
        m,
      );
      return { planItemId: item.id, planItemNumber: item.number, ...counts, assignments: rows };
    });
  }

  /**
   * Accepts the suggestions for every assignable item of the plan (or of one chapter) that has no assignment yet,
   * in one transaction: one INSERT for all rows and one audit batch, whatever the number of items.
   */
  async decomposeAll(actor: AuthUser, planId: string, dto: DecomposeAllDto): Promise<DecomposeAllResult> {
    const started = performance.now();
    const result = await this.db.transaction(async (m) => {
      const plan = await this.plan(m, planId);
      await this.lockPlan(m, plan.id);
      const chapter = dto.chapter ?? null;
      if (chapter !== null) {
        const [exists] = (await m.query(`SELECT 1 FROM plan_items WHERE plan_id = $1 AND kind = 'chapter' AND number = $2`, [
          plan.id,
          chapter,
        ])) as unknown[];
        if (!exists) throw refuse(400, 'decompose.noChapter', { chapter });
      }
      if (plan.status !== 'published') throw refuse(409, 'decompose.planUnpublished');
      const items = (await m.query(
        `${ITEM_SELECT} FROM plan_items i
          WHERE i.plan_id = $1 AND i.assignable
            AND ($2::text IS NULL OR i.id IN (
              WITH RECURSIVE under(id) AS (
                SELECT c.id FROM plan_items c WHERE c.plan_id = $1 AND c.kind = 'chapter' AND c.number = $2
                UNION ALL SELECT s.id FROM plan_items s JOIN under ON s.parent_id = under.id)
              SELECT id FROM under))
          ORDER BY i.position`,
        [plan.id, chapter],
      )) as ItemRow[];
      const done = new Set(
        (
          (await m.query(`SELECT DISTINCT plan_item_id AS id FROM assignments WHERE plan_id = $1 AND plan_item_id = ANY($2::uuid[])`, [
            plan.id,
            items.map((i) => i.id),
          ])) as { id: string }[]
        ).map((r) => r.id),
      );
      const ctx = await this.context(m, plan);
      const skipped: DecomposeAllResult['skipped'] = [];
      const rows: (Desired & { planItemId: string })[] = [];
      let decomposed = 0;
      for (const item of items) {
        if (done.has(item.id)) {
          skipped.push({ planItemId: item.id, number: item.number, title: item.title, reason: '已分解，未改动' });
          continue;
        }
        const suggested = suggestAssignments(item, ctx);
        if (!suggested.some((s) => s.role === 'lead')) {
          skipped.push({
            planItemId: item.id,
            number: item.number,
            title: item.title,
            reason: '没有可作牵头的单位（职责清单与兜底牵头单位都不可用）',
          });
          continue;
        }
        decomposed++;
        for (const s of suggested) {
          rows.push({
            planItemId: item.id,
            orgUnitId: s.orgUnitId,
            role: s.role,
            deadline: s.deadline,
            reportCycle: s.reportCycle,
            milestones: s.milestones,
          });
        }
      }
      const inserted = await this.insert(m, plan.id, rows);
      const byRole: Record<AssignmentRole, number> = { lead: 0, support: 0, county: 0 };
      for (const r of inserted) byRole[r.role]++;
      const summary = { chapter, items: decomposed, assignments: inserted.length, byRole, skipped: skipped.map((s) => s.number) };
      await this.audit.record(m, actor.id, [
        ...inserted.map((after): AuditEntry => ({ action: 'create', entity: 'Assignment', entityId: after.id, planId: plan.id, after })),
        { action: 'decompose-all', entity: 'Plan', entityId: plan.id, planId: plan.id, after: summary },
      ]);
      return { planId: plan.id, chapter, items: decomposed, assignments: inserted.length, byRole, skipped };
    });
    return { ...result, tookMs: Math.round(performance.now() - started) };
  }

  /** One INSERT for any number of rows (unnest of column arrays); returns the stored records. */
  private async insert(m: EntityManager, planId: string, rows: (Desired & { planItemId: string })[]): Promise<AssignmentRecord[]> {
    if (rows.length === 0) return [];
    return (await m.query(
      `INSERT INTO assignments (plan_id, plan_item_id, org_unit_id, role, deadline, milestones, report_cycle, assigned_on)
       SELECT $1::uuid, t.item, t.unit, t.role, t.deadline, t.milestones, t.cycle, $2::date
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::jsonb[], $8::text[]) AS t(item, unit, role, deadline, milestones, cycle)
       RETURNING ${recordColumns()}`,
      [
        planId,
        this.clock.today(),
        rows.map((r) => r.planItemId),
        rows.map((r) => r.orgUnitId),
        rows.map((r) => r.role),
        rows.map((r) => r.deadline),
        rows.map((r) => JSON.stringify(r.milestones)),
        rows.map((r) => r.reportCycle),
      ],
    )) as AssignmentRecord[];
  }

  /** Validates a decomposition request (every problem at once, as a 400) and fills in the defaults. */
  private async desired(
    m: EntityManager,
    dto: DecomposeDto,
    item: ItemRow,
    plan: PlanRow,
    existing: Existing[],
    calendar: WorkingCalendar,
  ): Promise<Desired[]> {
    const ids = [...new Set(dto.assignments.map((a) => a.orgUnitId))];
    const units = new Map(
      (
        (await m.query(`SELECT id, name, kind FROM org_units WHERE id = ANY($1::uuid[])`, [ids])) as {
          id: string;
          name: string;
          kind: OrgUnitKind;
        }[]
      ).map((u) => [u.id, u]),
    );
    const byUnit = new Map(existing.map((e) => [e.orgUnitId, e]));
    // Only when an entry needs it: a default deadline in a year the calendar lacks is that year's 409, not a 400's.
    let defaults: ReturnType<typeof itemSchedule> | undefined;
    const defaultDeadline = () => (defaults ??= itemSchedule(item, plan, calendar)).deadline;
    const problems: Message[] = [];
    const seen = new Set<string>();
    const desired: Desired[] = [];
    dto.assignments.forEach((entry, i) => {
      const at = `assignments[${i}]`;
      const unit = units.get(entry.orgUnitId);
      if (!unit) return problems.push({ key: 'decompose.unitMissing', params: { at, id: entry.orgUnitId } });
      if (seen.has(unit.id)) return problems.push({ key: 'decompose.unitTwice', params: { at, unit: unit.name } });
      seen.add(unit.id);
      if (!ROLE_KINDS[entry.role].includes(unit.kind)) {
        const kinds = ROLE_KINDS[entry.role].map((k) => words('orgUnitKind', k));
        problems.push({
          key: 'decompose.roleKind',
          params: {
            at,
            unit: unit.name,
            kind: words('orgUnitKind', unit.kind),
            role: words('assignmentRole', entry.role),
            kinds: { zh: kinds.map((k) => k.zh).join('或'), en: kinds.map((k) => k.en).join(' or ') },
          },
        });
      }
      const prior = byUnit.get(unit.id);
      const deadline =
        entry.deadline !== undefined
          ? collect(problems, () => validDeadline(`${at}.deadline`, entry.deadline!, plan, calendar))
          : (prior?.deadline ?? defaultDeadline());
      if (deadline === undefined) return;
      let milestones: AssignmentMilestone[] | undefined;
      if (entry.milestones !== undefined)
        milestones = collect(problems, () => validMilestones(`${at}.milestones`, entry.milestones!, deadline, plan, calendar));
      else if (prior && prior.deadline === deadline) milestones = prior.milestones;
      else {
        const done = new Set((prior?.milestones ?? []).filter((ms) => ms.status === 'done').map((ms) => ms.date));
        milestones = milestonesBefore(item.milestones, deadline, plan, calendar).map((ms) => ({
          ...ms,
          status: done.has(ms.date) ? 'done' : 'open',
        }));
      }
      if (milestones === undefined) return;
      desired.push({
        orgUnitId: unit.id,
        role: entry.role,
        deadline,
        reportCycle: entry.reportCycle ?? prior?.reportCycle ?? DEFAULT_REPORT_CYCLE,
        milestones,
      });
    });
    const leads = dto.assignments.filter((a) => a.role === 'lead');
    if (leads.length === 0) problems.unshift({ key: 'decompose.noLead' });
    if (leads.length > 1) {
      problems.unshift({
        key: 'decompose.manyLeads',
        params: { n: leads.length, names: leads.map((l) => units.get(l.orgUnitId)?.name ?? l.orgUnitId) },
      });
    }
    if (problems.length > 0) throw new LocalizedException(400, problems);
    return desired;
  }

  private async context(m: EntityManager, plan: PlanRow): Promise<SuggestContext> {
    const units = (await m.query(`SELECT id, code, name, kind, aliases FROM org_units ORDER BY code`)) as SuggestUnit[];
    const rules = (await m.query(
      `SELECT keywords, org_unit_id AS "orgUnitId", weight FROM duty_rules ORDER BY created_at, id`,
    )) as SuggestContext['rules'];
    const { locality } = await this.settings.get();
    return { plan, units, rules, calendar: await this.calendar.calendar(), groups: locality.groups };
  }

  private async item(m: EntityManager, id: string): Promise<ItemRow> {
    const [item] = (await m.query(`${ITEM_SELECT} FROM plan_items i WHERE i.id = $1`, [id])) as ItemRow[];
    return found(item, '规划条目');
  }

  private async plan(m: EntityManager, id: string): Promise<PlanRow> {
    const [plan] = (await m.query(
      `SELECT id, status, to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd" FROM plans WHERE id = $1`,
      [id],
    )) as PlanRow[];
    return found(plan, '规划');
  }

  /** One decomposition of a plan at a time, so "already decomposed" and the (item, unit) pairs stay exact. */
  private async lockPlan(m: EntityManager, planId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:decompose:' || $1))`, [planId]);
  }

  private assertAssignable(item: ItemRow): void {
    if (!item.assignable) throw refuse(409, 'decompose.notAssignable', { number: item.number, kind: item.kind });
  }
}

const ITEM_SELECT = `SELECT i.id, i.plan_id AS "planId", i.kind, i.number, i.title, i.body, i.assignable, i.milestones,
  i.mentioned_org_unit_ids AS "mentionedOrgUnitIds"`;

/** Runs a validation; a 400 it throws becomes a problem in the list instead. */
function collect<T>(problems: Message[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof LocalizedException) || err.getStatus() !== 400) throw err;
    problems.push(...err.messages);
    return undefined;
  }
}

function differs(prior: Existing, d: Desired): boolean {
  return (
    prior.status === 'cancelled' ||
    prior.role !== d.role ||
    prior.deadline !== d.deadline ||
    prior.reportCycle !== d.reportCycle ||
    JSON.stringify(prior.milestones.map((ms) => [ms.date, ms.text, ms.status])) !==
      JSON.stringify(d.milestones.map((ms) => [ms.date, ms.text, ms.status]))
  );
}

function record(row: Existing): AssignmentRecord {
  const { hasHistory: _h, hasReports: _r, ...rest } = row;
  return rest;
}
