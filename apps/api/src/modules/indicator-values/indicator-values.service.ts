import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { findReportTransition, isJudgedTarget, isReportEditable, REPORT_STATUSES, type ReportAction } from '@duban/domain';
import { accessibleBy } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { asIntList, asStringList, asUuidList, runList, type ListSpec, type ListQueryParams } from '../../core/http/list-query';
import { refuse } from '../../core/http/messages';
import { assertVersion, found } from '../../core/http/record';
import type { Evidence } from '../evidence/evidence.entity';
import { EvidenceService } from '../evidence/evidence.service';
import { Indicator } from '../indicators/indicator.entity';
import { stepHistories, writeReportStep, type StepHistoryView } from '../reports/report-step';
import type { CreateIndicatorValueDto, IndicatorValueTransitionDto, UpdateIndicatorValueDto } from './dto/indicator-value.dto';
import { IndicatorValueHistory } from './indicator-value-history.entity';
import { IndicatorValue } from './indicator-value.entity';

export type IndicatorValueHistoryView = StepHistoryView;

export type IndicatorValueView = IndicatorValue & { evidence: Evidence[]; history: IndicatorValueHistoryView[] };

const LIST: ListSpec<IndicatorValue> = {
  resource: 'indicator-values',
  filters: {
    id: (qb, v, p) => qb.andWhere(`v.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    indicatorId: (qb, v, p) => qb.andWhere(`v.indicatorId IN (:...${p})`, { [p]: asUuidList('indicatorId', v) }),
    planId: (qb, v, p) => qb.andWhere(`v.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
    orgUnitId: (qb, v, p) => qb.andWhere(`v.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
    year: (qb, v, p) => qb.andWhere(`v.year IN (:...${p})`, { [p]: asIntList('year', v, 2021, 2025) }),
    status: (qb, v, p) => qb.andWhere(`v.status IN (:...${p})`, { [p]: asStringList('status', v, REPORT_STATUSES) }),
  },
  sorts: { year: 'v.year', waitingSince: 'v.waitingSince', createdAt: 'v.createdAt', status: 'v.status', value: 'v.value' },
  defaultSort: ['waitingSince', 'ASC'],
  tieBreaker: 'v.id',
};

/**
 * Yearly indicator values: the responsible unit's liaison enters one per row and year, with evidence, and it goes
 * through the reports' machine (libs/domain report-machine, as a value that ends in the office's acceptance):
 * submit → confirm (leader) → approve (inspector; a target in words takes the inspector's assessment) →
 * accept (office), or return with a reason. Evidence is the evidence module's, by the same rules.
 */
@Injectable()
export class IndicatorValuesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly evidence: EvidenceService,
  ) {}

  private scoped(caller: AuthUser, m: EntityManager = this.db.manager, action: 'read' | 'update' = 'read') {
    return accessibleBy(m.getRepository(IndicatorValue).createQueryBuilder('v'), caller, 'IndicatorValue', { action });
  }

  async list(caller: AuthUser, params: ListQueryParams) {
    const { rows, total, start } = await runList(this.scoped(caller), LIST, params);
    return { rows: await this.views(this.db.manager, rows), total, start };
  }

  async get(caller: AuthUser, id: string): Promise<IndicatorValueView> {
    const row = found(await this.scoped(caller).andWhere('v.id = :id', { id }).getOne(), '指标年度数值');
    return (await this.views(this.db.manager, [row]))[0]!;
  }

  /** Evidence and history for a page of values: two queries whatever the page size. */
  private async views(m: EntityManager, rows: IndicatorValue[]): Promise<IndicatorValueView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const evidence = await this.evidence.forIndicatorValues(m, ids);
    const byValue = await stepHistories(m, 'indicator_values', ids);
    return rows.map((r) => Object.assign(r, { evidence: evidence.get(r.id) ?? [], history: byValue.get(r.id) ?? [] }));
  }

  /** A number where the target is a number; a target in words may carry only words. */
  private assertValue(indicator: Indicator, value: number | null | undefined, text: string | undefined): void {
    const judged = isJudgedTarget(indicator);
    if (!judged && (value === null || value === undefined)) throw refuse(400, 'indicatorValues.valueRequired', { unit: indicator.unit });
    if (judged && (value === null || value === undefined) && !text?.trim()) throw refuse(400, 'indicatorValues.textRequired');
  }

  /** The responsible unit's liaison starts the value of one row for one year (one per row and year). */
  async create(caller: AuthUser, dto: CreateIndicatorValueDto): Promise<IndicatorValueView> {
    return this.db.transaction(async (m) => {
      const indicator = await accessibleBy(m.getRepository(Indicator).createQueryBuilder('x'), caller, 'Indicator')
        .andWhere('x.id = :id', { id: dto.indicatorId })
        .getOne();
      if (!indicator) throw refuse(400, 'indicatorValues.unknownIndicator');
      if (!caller.orgUnitId || indicator.responsibleOrgUnitId !== caller.orgUnitId) throw refuse(403, 'indicatorValues.notResponsible');
      const thisYear = Number(this.clock.today().slice(0, 4));
      if (dto.year > thisYear) throw refuse(400, 'indicatorValues.futureYear', { year: dto.year, today: this.clock.today() });
      this.assertValue(indicator, dto.value, dto.text);
      const repo = m.getRepository(IndicatorValue);
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:indicator-value:' || $1 || ':' || $2))`, [indicator.id, dto.year]);
      if (await repo.existsBy({ indicatorId: indicator.id, year: dto.year }))
        throw refuse(409, 'indicatorValues.duplicate', { year: dto.year });
      const saved = await repo.save(
        repo.create({
          planId: indicator.planId,
          indicatorId: indicator.id,
          orgUnitId: caller.orgUnitId,
          year: dto.year,
          value: dto.value ?? null,
          text: dto.text?.trim() ?? '',
          status: 'draft',
          createdBy: caller.id,
          waitingSince: this.clock.now(),
        }),
      );
      const row = await repo.findOneByOrFail({ id: saved.id });
      await this.audit.record(m, caller.id, {
        action: 'create',
        entity: 'IndicatorValue',
        entityId: row.id,
        planId: row.planId,
        after: row,
      });
      return (await this.views(m, [row]))[0]!;
    });
  }

  /** The liaison edits a draft or returned value. */
  async update(caller: AuthUser, id: string, dto: UpdateIndicatorValueDto): Promise<IndicatorValueView> {
    return this.db.transaction(async (m) => {
      const row = found(
        await this.scoped(caller, m, 'update').andWhere('v.id = :id', { id }).setLock('pessimistic_write').getOne(),
        '指标年度数值',
      );
      if ((dto.indicatorId !== undefined && dto.indicatorId !== row.indicatorId) || (dto.year !== undefined && dto.year !== row.year))
        throw refuse(400, 'indicatorValues.fixed');
      if (!isReportEditable(row.status)) throw refuse(409, 'indicatorValues.notEditable', { status: row.status });
      assertVersion(row, dto.version);
      const indicator = await m.getRepository(Indicator).findOneByOrFail({ id: row.indicatorId });
      const value = dto.value !== undefined ? dto.value : row.value;
      const text = dto.text !== undefined ? dto.text.trim() : row.text;
      this.assertValue(indicator, value, text);
      const repo = m.getRepository(IndicatorValue);
      await repo.update({ id }, { value, text, version: row.version + 1 });
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, caller.id, {
        action: 'update',
        entity: 'IndicatorValue',
        entityId: id,
        planId: row.planId,
        before: row,
        after,
      });
      return (await this.views(m, [after]))[0]!;
    });
  }

  /**
   * One step of the reports' machine (an indicator value goes on to the office's acceptance, like a final report):
   * 404 outside the caller's scope, 403 when the step is another role's, 409 from the wrong state or a stale
   * version, then one conditional UPDATE on (id, version, status) with its history and audit.
   */
  async transition(caller: AuthUser, id: string, action: ReportAction, dto: IndicatorValueTransitionDto): Promise<IndicatorValueView> {
    const row = found(await this.scoped(caller).andWhere('v.id = :id', { id }).getOne(), '指标年度数值');
    const step = findReportTransition(row.status, action, { final: true, role: caller.role });
    if (!step) {
      const someone = findReportTransition(row.status, action, { final: true });
      if (someone) throw refuse(403, 'indicatorValues.otherRole', { action, status: row.status, role: someone.role });
      throw refuse(409, 'indicatorValues.wrongState', { action, status: row.status });
    }
    assertVersion(row, dto.version);
    const comment = dto.comment?.trim() || null;
    if (step.reasonRequired && !comment) throw refuse(400, 'indicatorValues.reasonRequired');
    const indicator = await this.db.getRepository(Indicator).findOneByOrFail({ id: row.indicatorId });
    const judged = isJudgedTarget(indicator);
    if (action === 'approve' && judged && (!dto.assessment || !comment)) throw refuse(400, 'indicatorValues.assessmentRequired');
    if (dto.assessment && !(action === 'approve' && judged)) throw refuse(400, 'indicatorValues.assessmentNotHere');

    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const written = await writeReportStep(m, 'indicator_values', { id, version: dto.version, planId: row.planId }, step, now, {
        set: `, assessment = CASE WHEN $7::text IS NOT NULL THEN $7::text ELSE assessment END,
                assessment_reason = CASE WHEN $7::text IS NOT NULL THEN $8 ELSE assessment_reason END`,
        params: [dto.assessment ?? null, comment],
      });
      if (!written) throw refuse(409, 'indicatorValues.raced');
      const after = await m.getRepository(IndicatorValue).findOneByOrFail({ id });
      await m.getRepository(IndicatorValueHistory).insert({
        indicatorValueId: id,
        planId: row.planId,
        action,
        fromStatus: step.from,
        toStatus: step.to,
        actorId: caller.id,
        comment,
        at: now,
      });
      await this.audit.record(m, caller.id, {
        action,
        entity: 'IndicatorValue',
        entityId: id,
        planId: row.planId,
        before: row,
        after: { ...after, comment },
      });
      return (await this.views(m, [after]))[0]!;
    });
  }
}
