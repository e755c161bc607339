import { HttpException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ASSIGNMENT_CLOSED_STATUSES,
  findReportTransition,
  isReportEditable,
  LABELS,
  parsePeriod,
  periodsForAssignment,
  REPORT_STATUSES,
  type ReportAction,
  type ReportCycle,
  type ReportStatus,
  type ReportTransition,
} from '@duban/domain';
import { accessibleBy } from '../../core/access/access';
import { AuditService, type AuditEntry } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { asBoolean, asStringList, asUuidList, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { assertVersion, found } from '../../core/http/record';
import { Assignment } from '../assignments/assignment.entity';
import { AssignmentStatusService } from '../assignments/assignment-status.service';
import type { Evidence } from '../evidence/evidence.entity';
import { EvidenceService } from '../evidence/evidence.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { ApproveManyDto, CreateReportDto, ReportTransitionDto, UpdateReportDto } from './dto/report.dto';
import { ReportHistory } from './report-history.entity';
import { stepHistories, writeReportStep, type StepHistoryView } from './report-step';
import { Report } from './report.entity';
import { refuse, words, type Bilingual } from '../../core/http/messages';

export type ReportHistoryView = StepHistoryView;

/** A report as the API returns it: the row, its evidence (withdrawn ones flagged) and its history. */
export type ReportView = Report & { evidence: Evidence[]; history: ReportHistoryView[] };

const PERIOD_TEXT = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;

const LIST: ListSpec<Report> = {
  resource: 'reports',
  filters: {
    id: (qb, v, p) => qb.andWhere(`r.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    assignmentId: (qb, v, p) => qb.andWhere(`r.assignmentId IN (:...${p})`, { [p]: asUuidList('assignmentId', v) }),
    planId: (qb, v, p) => qb.andWhere(`r.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
    orgUnitId: (qb, v, p) => qb.andWhere(`r.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
    status: (qb, v, p) => qb.andWhere(`r.status IN (:...${p})`, { [p]: asStringList('status', v, REPORT_STATUSES) }),
    period: (qb, v, p) => {
      const periods = asStringList('period', v);
      if (!periods.every((x) => PERIOD_TEXT.test(x))) throw refuse(400, 'reports.filterPeriod');
      qb.andWhere(`r.period IN (:...${p})`, { [p]: periods });
    },
    final: (qb, v, p) => qb.andWhere(`r.final = :${p}`, { [p]: asBoolean('final', v) }),
  },
  sorts: { waitingSince: 'r.waitingSince', period: 'r.period', createdAt: 'r.createdAt', submittedAt: 'r.submittedAt' },
  defaultSort: ['waitingSince', 'ASC'],
  tieBreaker: 'r.id',
};

const PERIOD_EXAMPLES: Record<ReportCycle, string> = { monthly: '2024-07', quarterly: '2024-Q3', semiannual: '2024-H2', annual: '2024' };
const ACTION_WORDS: Record<ReportAction, Bilingual> = {
  submit: { zh: '报送', en: 'submit' },
  confirm: { zh: '审核确认', en: 'confirm' },
  approve: { zh: '核查通过', en: 'approve' },
  return: { zh: '退回', en: 'return' },
  accept: { zh: '销号', en: 'accept (销号)' },
};
const { role: ROLE_NAMES } = LABELS.zh;

/** One line of `POST /api/reports/approve-many`'s answer: the report's status afterwards, and why it was not approved. */
export interface ApproveManyResult {
  id: string;
  status: ReportStatus | null;
  error?: string;
}

function httpMessage(err: HttpException): string {
  const body = err.getResponse();
  const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : body;
  return Array.isArray(message) ? message.join('；') : String(message);
}

/** Progress reports and the four-step approval up to 销号 (CONTRACT.md "Report status"). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly evidence: EvidenceService,
    private readonly notifications: NotificationsService,
    private readonly assignmentStatus: AssignmentStatusService,
  ) {}

  /** Reports this caller may see (core/access: a leader's or liaison's own unit's; for everyone else, no draft). */
  private scoped(caller: AuthUser, m: EntityManager = this.db.manager) {
    return accessibleBy(m.getRepository(Report).createQueryBuilder('r'), caller, 'Report');
  }

  async list(caller: AuthUser, params: ListQueryParams): Promise<{ rows: ReportView[]; total: number; start: number }> {
    const { rows, total, start } = await runList(this.scoped(caller), LIST, params);
    return { rows: await this.views(this.db.manager, rows), total, start };
  }

  async get(caller: AuthUser, id: string): Promise<ReportView> {
    const report = found(await this.scoped(caller).andWhere('r.id = :id', { id }).getOne(), '报告');
    return (await this.views(this.db.manager, [report]))[0];
  }

  /** Evidence and history for a page of reports: two queries whatever the page size. */
  private async views(m: EntityManager, reports: Report[]): Promise<ReportView[]> {
    if (reports.length === 0) return [];
    const ids = reports.map((r) => r.id);
    const evidence = await this.evidence.forReports(m, ids);
    const byReport = await stepHistories(m, 'reports', ids);
    return reports.map((r) => Object.assign(r, { evidence: evidence.get(r.id) ?? [], history: byReport.get(r.id) ?? [] }));
  }

  /** The liaison starts a report on one of their unit's assignments for one of its periods. */
  async create(caller: AuthUser, dto: CreateReportDto): Promise<ReportView> {
    return this.db.transaction(async (m) => {
      const qb = accessibleBy(m.getRepository(Assignment).createQueryBuilder('a'), caller, 'Assignment').andWhere('a.id = :id', {
        id: dto.assignmentId,
      });
      const assignment = found(await qb.setLock('pessimistic_read').getOne(), '任务');
      this.assertPeriod(assignment, dto.period);
      this.assertOpen(assignment);
      const clash = await m.getRepository(Report).existsBy({ assignmentId: assignment.id, period: dto.period });
      if (clash) throw refuse(409, 'reports.periodExists', { period: dto.period });
      const now = this.clock.now();
      const repo = m.getRepository(Report);
      const saved = await repo.save(
        repo.create({
          planId: assignment.planId,
          assignmentId: assignment.id,
          orgUnitId: assignment.orgUnitId,
          period: dto.period,
          summary: dto.summary,
          progress: dto.progress,
          final: dto.final ?? false,
          status: 'draft',
          createdBy: caller.id,
          waitingSince: now,
        }),
      );
      const report = await repo.findOneByOrFail({ id: saved.id });
      await this.audit.record(m, caller.id, {
        action: 'create',
        entity: 'Report',
        entityId: report.id,
        planId: report.planId,
        after: report,
      });
      return (await this.views(m, [report]))[0];
    });
  }

  /** Its cycle's period, one the assignment reports on, and not one that has not begun. */
  private assertPeriod(assignment: Assignment, period: string): void {
    const range = parsePeriod(period, assignment.reportCycle);
    if (!range)
      throw refuse(400, 'reports.periodCycle', {
        period,
        cycle: words('reportCycle', assignment.reportCycle),
        example: PERIOD_EXAMPLES[assignment.reportCycle],
      });
    const periods = periodsForAssignment({
      assignedOn: assignment.assignedOn,
      deadline: assignment.deadline,
      cycle: assignment.reportCycle,
    });
    if (!periods.includes(period)) {
      throw refuse(400, 'reports.periodOutside', { period, first: periods[0], last: periods[periods.length - 1] });
    }
    const today = this.clock.today();
    if (range.start > today) throw refuse(400, 'reports.periodFuture', { period, today });
  }

  /** No report is written for a closed (销号 or cancelled) assignment. */
  private assertOpen(assignment: Assignment): void {
    this.assignmentStatus.check(assignment, { kind: 'report', action: 'submit', final: false });
  }

  /** The liaison edits a draft or returned report (read-only afterwards). */
  async update(caller: AuthUser, id: string, dto: UpdateReportDto): Promise<ReportView> {
    return this.db.transaction(async (m) => {
      const report = found(await this.scoped(caller, m).andWhere('r.id = :id', { id }).setLock('pessimistic_write').getOne(), '报告');
      if (dto.assignmentId !== undefined && dto.assignmentId !== report.assignmentId) throw refuse(400, 'reports.assignmentFixed');
      if (dto.period !== undefined && dto.period !== report.period) throw refuse(400, 'reports.periodFixed');
      if (!isReportEditable(report.status)) {
        throw refuse(409, 'reports.notEditable', { status: words('reportStatus', report.status) });
      }
      assertVersion(report, dto.version);
      const assignment = await m.getRepository(Assignment).findOneByOrFail({ id: report.assignmentId, planId: report.planId });
      this.assertOpen(assignment);
      const repo = m.getRepository(Report);
      await repo.update(
        { id },
        {
          summary: dto.summary ?? report.summary,
          progress: dto.progress ?? report.progress,
          final: dto.final ?? report.final,
          version: report.version + 1,
        },
      );
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, caller.id, {
        action: 'update',
        entity: 'Report',
        entityId: id,
        planId: report.planId,
        before: report,
        after,
      });
      return (await this.views(m, [after]))[0];
    });
  }

  /**
   * One step of the state machine. The report is found within the caller's scope (404), the step must be
   * this role's from this state (403 when it is another role's, 409 when nobody's), and then it is ONE
   * conditional UPDATE on (id, version, status): of any number of concurrent attempts exactly one changes
   * the row; the rest find nothing to update and get 409. The history row, the assignment's status and
   * progress, the notifications and the audit events commit with it or not at all.
   */
  async transition(caller: AuthUser, id: string, action: ReportAction, dto: ReportTransitionDto): Promise<ReportView> {
    const report = found(await this.scoped(caller).andWhere('r.id = :id', { id }).getOne(), '报告');
    const step = findReportTransition(report.status, action, { final: report.final, role: caller.role });
    if (!step) {
      const someone = findReportTransition(report.status, action, { final: report.final });
      if (someone)
        throw refuse(403, 'reports.wrongRole', {
          role: words('role', caller.role),
          action: ACTION_WORDS[action],
          status: words('reportStatus', report.status),
          by: words('role', someone.role),
        });
      throw refuse(409, report.final ? 'reports.cannotAct' : 'reports.cannotActNotFinal', {
        status: words('reportStatus', report.status),
        action: ACTION_WORDS[action],
      });
    }
    assertVersion(report, dto.version);
    const comment = dto.comment?.trim() || null;
    if (step.reasonRequired && !comment) throw refuse(400, 'reports.reasonRequired');

    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      if (!(await writeReportStep(m, 'reports', { id, version: dto.version, planId: report.planId }, step, now)))
        throw refuse(409, 'reports.raced');
      const after = await m.getRepository(Report).findOneByOrFail({ id });

      const entries: AuditEntry[] = [
        { action, entity: 'Report', entityId: id, planId: report.planId, before: report, after: { ...after, comment } },
      ];
      const assignmentChange = await this.followAssignment(m, caller, report, step, now);
      if (assignmentChange) entries.push(assignmentChange);
      await m.getRepository(ReportHistory).insert({
        reportId: id,
        planId: report.planId,
        action,
        fromStatus: step.from,
        toStatus: step.to,
        actorId: caller.id,
        comment,
        at: now,
      });
      await this.notifyNext(m, caller, after, step, comment);
      await this.audit.record(m, caller.id, entries);
      return (await this.views(m, [after]))[0];
    });
  }

  /**
   * Approves each report by the one transition path (`transition`), one transaction each, so one that cannot be
   * approved (another unit's draft, already approved, just returned) leaves the others as they are. A report this
   * caller cannot see is reported as not found, like the single approve's 404.
   */
  async approveMany(caller: AuthUser, dto: ApproveManyDto): Promise<ApproveManyResult[]> {
    const current = new Map(
      (await this.scoped(caller).andWhere('r.id IN (:...ids)', { ids: dto.ids }).getMany()).map((r) => [r.id, r] as const),
    );
    const results: ApproveManyResult[] = [];
    for (const id of dto.ids) {
      const report = current.get(id);
      if (!report) {
        results.push({ id, status: null, error: '报告不存在' });
        continue;
      }
      try {
        const after = await this.transition(caller, id, 'approve', { version: report.version, comment: dto.comment });
        results.push({ id, status: after.status });
      } catch (err) {
        if (!(err instanceof HttpException)) throw err;
        const latest = await this.scoped(caller).andWhere('r.id = :id', { id }).getOne();
        results.push({ id, status: latest?.status ?? null, error: httpMessage(err) });
      }
    }
    return results;
  }

  /**
   * The assignment follows its reports (CONTRACT.md "Assignment status"): a first submission starts it, a final
   * one requests closure, a returned final reopens it (unless another final is still under review), acceptance
   * completes it (销号, with who and when); its progress is that of its latest approved or accepted report.
   */
  private async followAssignment(
    m: EntityManager,
    caller: AuthUser,
    report: Report,
    step: ReportTransition,
    now: Date,
  ): Promise<AuditEntry | null> {
    const assignment = await m.getRepository(Assignment).findOneOrFail({
      where: { id: report.assignmentId, planId: report.planId },
      lock: { mode: 'pessimistic_write' },
    });
    let progress: number | undefined;
    // Reviews of reports already under way may finish on a closed assignment, and change nothing of it.
    const open = !ASSIGNMENT_CLOSED_STATUSES.includes(assignment.status);
    if (open && (step.action === 'approve' || step.action === 'accept' || step.action === 'return')) {
      const [latest] = (await m.query(
        `SELECT progress FROM reports WHERE assignment_id = $1 AND plan_id = $2 AND status IN ('approved','accepted')
          ORDER BY period DESC, approved_at DESC NULLS LAST LIMIT 1`,
        [assignment.id, assignment.planId],
      )) as { progress: number }[];
      if (latest && latest.progress !== assignment.progress) progress = latest.progress;
    }
    const after = await this.assignmentStatus.move(
      m,
      caller.id,
      assignment,
      { kind: 'report', action: step.action, final: report.final },
      { progress, at: now },
    );
    if (!after) return null;
    return {
      action: `report.${step.action}`,
      entity: 'Assignment',
      entityId: assignment.id,
      planId: assignment.planId,
      before: assignment,
      after,
    };
  }

  /** In-app notice to whoever acts next: the unit's leaders, the inspectors, the office, or the liaisons when returned. */
  private async notifyNext(
    m: EntityManager,
    caller: AuthUser,
    report: Report,
    step: ReportTransition,
    comment: string | null,
  ): Promise<void> {
    const [ctx] = (await m.query(
      `SELECT u.name AS unit, i.number, i.title FROM assignments a
         JOIN org_units u ON u.id = a.org_unit_id JOIN plan_items i ON i.id = a.plan_item_id
        WHERE a.id = $1 AND a.plan_id = $2`,
      [report.assignmentId, report.planId],
    )) as { unit: string; number: string; title: string }[];
    const what = `${ctx.unit} ${report.period} 进展报告（${ctx.number} ${ctx.title}）`;
    const base = { planId: report.planId, link: `/reports/${report.id}/show`, dedupeKey: `report:${report.id}:v${report.version}` };
    const closure = report.final ? '，申请销号' : '';
    switch (step.action) {
      case 'submit':
        await this.notifications.notify(m, {
          ...base,
          kind: 'report.submitted',
          title: `待确认：${ctx.unit} ${report.period} 进展报告`,
          body: `${caller.displayName} 报送了 ${what}${closure}，请审核确认。`,
          to: { orgUnitId: report.orgUnitId, roles: ['leader'] },
        });
        break;
      case 'confirm':
        await this.notifications.notify(m, {
          ...base,
          kind: 'report.confirmed',
          title: `待核查：${ctx.unit} ${report.period} 进展报告`,
          body: `${caller.displayName} 已确认 ${what}${closure}，请核查。`,
          to: { roles: ['inspector'] },
        });
        break;
      case 'approve':
        if (!report.final) break;
        await this.notifications.notify(m, {
          ...base,
          kind: 'report.approved',
          title: `待销号：${ctx.unit} ${ctx.number} ${ctx.title}`,
          body: `${caller.displayName} 已核查通过 ${what}，请办理销号。`,
          to: { roles: ['office'] },
        });
        break;
      case 'return':
        await this.notifications.notify(m, {
          ...base,
          kind: 'report.returned',
          title: `被退回：${report.period} 进展报告（${ctx.number}）`,
          body: `${ROLE_NAMES[caller.role]} ${caller.displayName} 退回了 ${what}。原因：${comment ?? ''}`,
          to: { orgUnitId: report.orgUnitId, roles: ['liaison'] },
        });
        break;
      case 'accept':
        break;
    }
  }
}
