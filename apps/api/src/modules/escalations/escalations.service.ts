import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  ASSIGNMENT_CLOSED_STATUSES,
  ASSIGNMENT_IN_WORK_STATUSES,
  ESCALATION_KINDS,
  LABELS,
  type AssignmentStatus,
  type EscalationKind,
  targetLabel,
} from '@duban/domain';
import { defineAbilityFor } from '@duban/permissions';
import { accessibleBy, accessSql, bindTo } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { sqlList } from '../../core/database/sql-list';
import { asBoolean, asIntList, asStringList, asUuidList, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { refuse } from '../../core/http/messages';
import { assertVersion, found } from '../../core/http/record';
import { SettingsService } from '../../core/settings/settings.service';
import { CalendarService } from '../calendar/calendar.service';
import { NotificationsService, type NotifyInput } from '../notifications/notifications.service';
import type { ConfirmEscalationDto, CreateEscalationDto, RespondEscalationDto } from './dto/escalation.dto';
import { Escalation } from './escalation.entity';
import { numberSupervisionNotices, SWEEP_LOCK } from './sweep.service';

type ManualKind = NonNullable<CreateEscalationDto['kind']>;
const MANUAL_LEVEL: Record<ManualKind, number> = { urge: 1, supervision: 2, interview: 3 };
const KIND = LABELS.zh.escalationKind;
const OFFICE = LABELS.zh.role.office;

/** What a manual rung says, and to whom: as the sweep's notices (a 督办单 to the leader, a candidate to the office). */
function manualMessage(e: Escalation, a: { number: string; title: string; name: string }, reason: string): NotifyInput {
  const item = `${a.number} ${a.title}`;
  const base = { planId: e.planId, kind: `escalation.${e.kind}`, dedupeKey: `escalation:${e.id}` };
  switch (e.kind) {
    case 'supervision':
      return {
        ...base,
        title: `【督办单】${e.number ?? ''} ${OFFICE}人工督办`,
        body: `督办单 ${e.number ?? ''}\n责任单位：${a.name}\n督办事项：${item}\n督办事由：${reason}\n请分管领导于 ${e.dueAt} 前书面答复办理情况和承诺完成时间。`,
        link: `/escalations/${e.id}/show`,
        to: { orgUnitId: e.orgUnitId, roles: ['leader'] },
      };
    case 'interview':
      return {
        ...base,
        title: `【${KIND.interview}候选】${a.name} ${OFFICE}提出`,
        body: `${a.name}“${item}”：${reason}。请确认${KIND.interview}。`,
        link: `/escalations/${e.id}/show`,
        to: { roles: ['office'] },
      };
    default:
      return {
        ...base,
        title: `【${KIND.urge}】${OFFICE}人工催办`,
        body: `“${item}”：${reason}`,
        link: `/assignments/${e.assignmentId}/show`,
        to: { orgUnitId: e.orgUnitId, roles: ['liaison', 'leader'] },
      };
  }
}

@Injectable()
export class EscalationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly notifications: NotificationsService,
    private readonly settings: SettingsService,
    private readonly calendars: CalendarService,
  ) {}

  private spec(): ListSpec<Escalation> {
    const today = this.clock.today();
    return {
      resource: 'escalations',
      filters: {
        id: (qb, v, p) => qb.andWhere(`e.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`e.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        assignmentId: (qb, v, p) => qb.andWhere(`e.assignmentId IN (:...${p})`, { [p]: asUuidList('assignmentId', v) }),
        orgUnitId: (qb, v, p) => qb.andWhere(`e.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
        kind: (qb, v, p) => qb.andWhere(`e.kind IN (:...${p})`, { [p]: asStringList('kind', v, ESCALATION_KINDS) }),
        level: (qb, v, p) => qb.andWhere(`e.level IN (:...${p})`, { [p]: asIntList('level', v, 0, 3) }),
        open: (qb, v) => qb.andWhere(asBoolean('open', v) ? 'e.resolvedAt IS NULL' : 'e.resolvedAt IS NOT NULL'),
        answered: (qb, v) => qb.andWhere(asBoolean('answered', v) ? 'e.respondedAt IS NOT NULL' : 'e.respondedAt IS NULL'),
        // Notices whose answer is overdue: listed for the office to chase.
        unanswered: (qb, v, p) => {
          const late = `(e.respondedAt IS NULL AND e.resolvedAt IS NULL AND e.dueAt IS NOT NULL AND e.dueAt < :${p})`;
          return qb.andWhere(asBoolean('unanswered', v) ? late : `NOT ${late}`, { [p]: today });
        },
        confirmed: (qb, v) => qb.andWhere(asBoolean('confirmed', v) ? 'e.confirmedAt IS NOT NULL' : 'e.confirmedAt IS NULL'),
      },
      sorts: { createdAt: 'e.createdAt', dueAt: 'e.dueAt', level: 'e.level', daysOverdue: 'e.daysOverdue', targetDate: 'e.targetDate' },
      defaultSort: ['createdAt', 'DESC'],
      tieBreaker: 'e.id',
    };
  }

  /** Notices this caller may see (core/access: leaders and liaisons only their own unit's). */
  private scoped(caller: AuthUser, m: EntityManager = this.db.manager) {
    return accessibleBy(m.getRepository(Escalation).createQueryBuilder('e'), caller, 'Escalation');
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), this.spec(), params);
  }

  async get(caller: AuthUser, id: string): Promise<Escalation> {
    return found(await this.scoped(caller).andWhere('e.id = :id', { id }).getOne(), '督办事项');
  }

  /**
   * 人工催办 / 督办 / 约谈 by the office: one assignment, or every overdue open assignment of one unit. `kind` chooses
   * the rung (催办 by default). A 督办单 takes its 文号 from settings.locality like the sweep's, under the sweep's lock;
   * a level-3 `interview` is a candidate the office then confirms, as the sweep's are. A rung below one still open on
   * the assignment is refused for one assignment and skipped for a unit; the same rung twice a day is a 409.
   */
  async create(actor: AuthUser, dto: CreateEscalationDto): Promise<Escalation[]> {
    if ((dto.assignmentId === undefined) === (dto.orgUnitId === undefined)) throw refuse(400, 'escalations.oneOf');
    const kind: ManualKind = dto.kind ?? 'urge';
    const level = MANUAL_LEVEL[kind];
    const today = this.clock.today();
    const settings = await this.settings.get();
    const responseDue = kind === 'interview' ? null : (await this.calendars.calendar()).addWorkingDays(today, settings.ladder.responseDays);
    return this.db.transaction(async (m) => {
      // One writer of notices (and 文号) at a time: the sweep holds the same lock.
      await m.query(SWEEP_LOCK);
      const params: unknown[] = [dto.assignmentId ?? null, dto.orgUnitId ?? null, today];
      const rows = (await m.query(
        `SELECT a.id, a.plan_id, a.org_unit_id, a.status, a.deadline, t.work_seq - d.work_seq AS days,
                (SELECT max(e.level) FROM escalations e WHERE e.assignment_id = a.id AND e.resolved_at IS NULL) AS open_level,
                (SELECT e.kind FROM escalations e WHERE e.assignment_id = a.id AND e.resolved_at IS NULL
                  ORDER BY e.level DESC LIMIT 1) AS open_kind
           FROM assignments a
           LEFT JOIN calendar_dates d ON d.date = a.deadline
           LEFT JOIN calendar_dates t ON t.date = $3::date
          WHERE (($1::uuid IS NOT NULL AND a.id = $1::uuid)
             OR ($2::uuid IS NOT NULL AND a.org_unit_id = $2::uuid AND a.status IN ${sqlList(ASSIGNMENT_IN_WORK_STATUSES)} AND a.deadline < $3::date))
            AND ${accessSql(actor, 'Assignment', 'a', bindTo(params))}`,
        params,
      )) as {
        id: string;
        plan_id: string;
        org_unit_id: string;
        status: AssignmentStatus;
        deadline: Date;
        days: number | null;
        open_level: number | null;
        open_kind: EscalationKind | null;
      }[];
      if (dto.assignmentId) {
        const a = found(rows[0], '任务');
        if (ASSIGNMENT_CLOSED_STATUSES.includes(a.status)) throw refuse(409, 'escalations.closed', { kind });
        if ((a.open_level ?? 0) > level) throw refuse(409, 'escalations.lowerRung', { open: a.open_kind!, kind });
      } else if (!(await m.query(`SELECT 1 FROM org_units WHERE id = $1`, [dto.orgUnitId])).length) {
        throw refuse(400, 'escalations.unitMissing');
      }
      // A unit's work already at a higher open rung is skipped (its higher notice stands).
      const targets = rows.filter((r) => (r.open_level ?? 0) <= level);
      if (targets.length === 0) return [];
      const inserted = (await m.query(
        `INSERT INTO escalations (plan_id, assignment_id, org_unit_id, target, target_date, kind, level, threshold, days_overdue, manual,
                                  reason, due_at, created_by, created_at, updated_at)
         SELECT plan_id, id, org_unit_id, 'manual:' || $2::text, $2::date, $9, $10, 0, greatest(coalesce(days, 0), 0), true, $3, $11::date,
                $4, $5, $5
           FROM unnest($1::uuid[], $6::uuid[], $7::uuid[], $8::int[]) AS r(id, plan_id, org_unit_id, days)
         ON CONFLICT (assignment_id, target, kind, threshold) DO NOTHING
         RETURNING id`,
        [
          targets.map((r) => r.id),
          today,
          dto.reason,
          actor.id,
          this.clock.now(),
          targets.map((r) => r.plan_id),
          targets.map((r) => r.org_unit_id),
          targets.map((r) => r.days ?? 0),
          kind,
          level,
          responseDue,
        ],
      )) as { id: string }[];
      if (inserted.length === 0) throw refuse(409, 'escalations.alreadyToday', { kind });
      const ids = inserted.map((r) => r.id);
      if (kind === 'supervision') {
        await numberSupervisionNotices(
          m,
          today,
          ids.map((id) => ({ id, kind, number: null })),
          settings.locality.supervisionNumber,
        );
      }
      const created = await m.getRepository(Escalation).find({ where: { id: In(ids) }, order: { number: 'ASC', id: 'ASC' } });
      const items = (await m.query(
        `SELECT a.id, it.number, it.title, u.name FROM assignments a JOIN plan_items it ON it.id = a.plan_item_id
           JOIN org_units u ON u.id = a.org_unit_id WHERE a.id = ANY($1::uuid[])`,
        [created.map((e) => e.assignmentId)],
      )) as { id: string; number: string; title: string; name: string }[];
      const itemOf = new Map(items.map((i) => [i.id, i]));
      await this.notifications.notifyBatch(
        m,
        created.map((e) => manualMessage(e, itemOf.get(e.assignmentId)!, dto.reason)),
      );
      await this.audit.record(
        m,
        actor.id,
        created.map((e) => ({ action: 'create', entity: 'Escalation', entityId: e.id, planId: e.planId, after: e })),
      );
      return created;
    });
  }

  /**
   * The unit's answer: an explanation and a promised date, at most `ladder.promiseMaxDays` working days past the
   * target. Only a leader answers a 督办 supervision notice; a notice whose target is met (resolved) takes no answer.
   */
  async respond(caller: AuthUser, id: string, dto: RespondEscalationDto): Promise<Escalation> {
    return this.db.transaction(async (m) => {
      const e = found(await this.scoped(caller, m).andWhere('e.id = :id', { id }).setLock('pessimistic_write').getOne(), '督办事项');
      if (!defineAbilityFor(caller).can('respond', subject('Escalation', { orgUnitId: e.orgUnitId, kind: e.kind }))) {
        throw refuse(403, e.kind === 'supervision' ? 'escalations.leaderOnly' : 'escalations.cannotAnswer');
      }
      if (dto.version !== undefined) assertVersion(e, dto.version);
      if (e.resolvedAt) throw refuse(409, 'escalations.resolved');
      if (e.respondedAt) throw refuse(409, 'escalations.answered');
      if (e.kind === 'interview') throw refuse(409, 'escalations.interviewNoAnswer');
      if (e.kind === 'supervision' && !dto.promisedDate) throw refuse(400, 'escalations.promiseRequired');
      if (dto.promisedDate && dto.promisedDate < this.clock.today()) throw refuse(400, 'escalations.promisePast');
      if (dto.promisedDate) {
        // A promise holds the ladder back (the sweep), so it is bounded: a date years away would stop it for good.
        const days = (await this.settings.get()).ladder.promiseMaxDays;
        // Counted from the target, or from today once the target has passed (else long-overdue work could promise nothing).
        const today = this.clock.today();
        const from = e.targetDate > today ? e.targetDate : today;
        const latest = (await this.calendars.calendar()).addWorkingDays(from, days);
        if (dto.promisedDate > latest) {
          throw from === today
            ? refuse(400, 'escalations.promiseLatestFromToday', { latest, days })
            : refuse(400, 'escalations.promiseLatestFromTarget', { latest, days, target: e.targetDate });
        }
      }
      const before = { ...e };
      await m.getRepository(Escalation).update(
        { id },
        {
          respondedAt: this.clock.now(),
          respondedBy: caller.id,
          response: dto.response,
          promisedDate: dto.promisedDate ?? null,
          version: e.version + 1,
        },
      );
      const after = await m.getRepository(Escalation).findOneByOrFail({ id });
      await this.notifications.notify(m, {
        planId: e.planId,
        kind: 'escalation.response',
        title: `【答复】${targetLabel(e.target)}${e.number ? `（${e.number}）` : ''}已答复`,
        body: `${caller.displayName}：${dto.response}${dto.promisedDate ? `\n承诺完成时间：${dto.promisedDate}` : ''}`,
        link: `/escalations/${id}/show`,
        to: { roles: ['office'] },
      });
      await this.audit.record(m, caller.id, { action: 'respond', entity: 'Escalation', entityId: id, planId: e.planId, before, after });
      return after;
    });
  }

  /** The office confirms a level-3 candidate: the unit is to be interviewed (约谈) or named (通报). */
  async confirm(actor: AuthUser, id: string, dto: ConfirmEscalationDto): Promise<Escalation> {
    return this.db.transaction(async (m) => {
      const e = found(await m.getRepository(Escalation).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '督办事项');
      if (dto.version !== undefined) assertVersion(e, dto.version);
      if (e.kind !== 'interview') throw refuse(409, 'escalations.notInterview');
      if (e.confirmedAt) throw refuse(409, 'escalations.confirmed');
      const before = { ...e };
      await m.getRepository(Escalation).update(
        { id },
        {
          confirmedAt: this.clock.now(),
          confirmedBy: actor.id,
          reason: dto.comment ? `${e.reason}；${dto.comment}` : e.reason,
          version: e.version + 1,
        },
      );
      const after = await m.getRepository(Escalation).findOneByOrFail({ id });
      await this.notifications.notify(m, {
        planId: e.planId,
        kind: 'escalation.interview',
        title: `【${LABELS.zh.escalationKind.interview}】${LABELS.zh.role.office}已确认`,
        body: `${targetLabel(e.target)}已逾期 ${e.daysOverdue} 个工作日，${LABELS.zh.role.office}确认对本单位${LABELS.zh.escalationKind.interview}。${dto.comment ?? ''}`,
        link: `/escalations/${id}/show`,
        to: { orgUnitId: e.orgUnitId, roles: ['leader'] },
      });
      await this.audit.record(m, actor.id, { action: 'confirm', entity: 'Escalation', entityId: id, planId: e.planId, before, after });
      return after;
    });
  }
}
