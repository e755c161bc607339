import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  INDICATOR_VALUE_COUNTED_STATUSES,
  INDICATOR_YEARS,
  judgeIndicator,
  type IndicatorAssessment,
  type IndicatorJudgement,
} from '@duban/domain';
import type { ListQueryParams } from '../../core/http/list-query';
import { isUnitBound } from '@duban/permissions';
import { accessibleBy } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { refuse } from '../../core/http/messages';
import { assertVersion, found } from '../../core/http/record';
import { OrgUnit } from '../../core/org-units/org-unit.entity';
import type { UpdateIndicatorDto } from './dto/update-indicator.dto';
import { asBoolean, asIntList, asStringList, asText, asUuidList, likePattern } from '../../core/http/list-query';
import { PlanRowsReader } from '../plans/plan-rows';
import { Indicator } from './indicator.entity';

/** The unit of a leader or liaison without one: matches no row. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** An indicator row as the API returns it: the plan's figures, and its status per year from the verified values. */
export type IndicatorView = Indicator & IndicatorJudgement;

@Injectable()
export class IndicatorsService extends PlanRowsReader<Indicator> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    super(dataSource, Indicator, {
      resource: 'indicators',
      alias: 'x',
      subject: 'Indicator',
      what: '指标',
      filters: {
        id: (qb, v, p) => qb.andWhere(`x.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
        planId: (qb, v, p) => qb.andWhere(`x.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
        number: (qb, v, p) => qb.andWhere(`x.number IN (:...${p})`, { [p]: asIntList('number', v, 1, 999) }),
        scope: (qb, v, p) => qb.andWhere(`x.scope IN (:...${p})`, { [p]: asStringList('scope', v) }),
        binding: (qb, v, p) => qb.andWhere(`x.binding = :${p}`, { [p]: asBoolean('binding', v) }),
        orgUnitId: (qb, v, p) => qb.andWhere(`x.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
        responsibleOrgUnitId: (qb, v, p) =>
          qb.andWhere(`x.responsibleOrgUnitId IN (:...${p})`, { [p]: asUuidList('responsibleOrgUnitId', v) }),
        q: (qb, v, p) => qb.andWhere(`(x.name || ' ' || x.category) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
      },
      sorts: {
        position: 'x.position',
        number: 'x.number',
        name: 'x.name',
        scope: 'x.scope',
        binding: 'x.binding',
        responsibleOrgUnitId: 'x.responsibleOrgUnitId',
      },
      defaultSort: ['position', 'ASC'],
      tieBreaker: 'x.id',
    });
  }

  override async list(caller: AuthUser, params: ListQueryParams) {
    const page = await super.list(caller, params);
    return { ...page, rows: await this.judged(page.rows) };
  }

  override async get(caller: AuthUser, id: string): Promise<IndicatorView> {
    return (await this.judged([await super.get(caller, id)]))[0]!;
  }

  /**
   * Each row's status per year, projection2025 and missYear (libs/domain judgeIndicator), from the values the
   * inspector has verified (INDICATOR_VALUE_COUNTED_STATUSES): one query for the page.
   */
  async judged(rows: Indicator[]): Promise<IndicatorView[]> {
    if (rows.length === 0) return [];
    const values = (await this.dataSource.query(
      `SELECT indicator_id AS "indicatorId", year, value::float8 AS value, assessment
         FROM indicator_values WHERE indicator_id = ANY($1::uuid[]) AND status = ANY($2::text[])`,
      [rows.map((r) => r.id), INDICATOR_VALUE_COUNTED_STATUSES],
    )) as { indicatorId: string; year: number; value: number | null; assessment: IndicatorAssessment | null }[];
    return rows.map((r) =>
      Object.assign(
        r,
        judgeIndicator(
          r,
          values.filter((v) => v.indicatorId === r.id),
        ),
      ),
    );
  }

  /**
   * `GET /api/dashboard/indicators`: the rows at risk — latest verified year at risk or off track, or a trend that
   * misses the target — 约束性 first, then off track before at risk, then by number. A leader's or liaison's
   * dashboard holds the rows their unit reports.
   */
  async atRisk(caller: AuthUser) {
    const qb = accessibleBy(this.dataSource.getRepository(Indicator).createQueryBuilder('x'), caller, 'Indicator')
      .innerJoin('plans', 'p', 'p.id = x.plan_id AND p.status = :published', { published: 'published' })
      .orderBy('x.position', 'ASC');
    if (isUnitBound(caller.role)) qb.andWhere('x.responsibleOrgUnitId = :unit', { unit: caller.orgUnitId ?? NO_UNIT });
    const rows = await this.judged(await qb.getMany());
    const latest = (r: IndicatorView) => {
      const year = [...INDICATOR_YEARS].reverse().find((y) => r.status[y] !== null);
      return year === undefined ? null : { year, status: r.status[year]! };
    };
    const severity = (s: string | undefined) => (s === 'off_track' ? 0 : s === 'at_risk' ? 1 : 2);
    const flagged = rows
      .map((r) => ({ ...r, latest: latest(r) }))
      .filter((r) => r.latest?.status === 'off_track' || r.latest?.status === 'at_risk' || r.missYear !== null)
      .sort(
        (a, b) =>
          Number(b.binding) - Number(a.binding) ||
          severity(a.latest?.status) - severity(b.latest?.status) ||
          a.number - b.number ||
          a.position - b.position,
      );
    return {
      rows: rows.length,
      withValues: rows.filter((r) => latest(r) !== null).length,
      atRisk: flagged.length,
      bindingAtRisk: flagged.filter((r) => r.binding).length,
      indicators: flagged,
    };
  }

  /** The office names the unit that reports an indicator (audited; a stale version is a 409). */
  async update(actor: AuthUser, id: string, dto: UpdateIndicatorDto): Promise<Indicator> {
    await this.get(actor, id);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Indicator);
      const row = found(await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '指标');
      assertVersion(row, dto.version);
      const unit = await m.getRepository(OrgUnit).findOneBy({ id: dto.responsibleOrgUnitId });
      if (!unit) throw refuse(400, 'users.unitMissing', { field: 'responsibleOrgUnitId' });
      if (unit.kind === 'office') throw refuse(400, 'indicators.officeUnit', { name: unit.name });
      const before = { responsibleOrgUnitId: row.responsibleOrgUnitId };
      row.responsibleOrgUnitId = unit.id;
      row.version += 1;
      const saved = await repo.save(row);
      await this.audit.record(m, actor.id, {
        action: 'update',
        entity: 'Indicator',
        entityId: id,
        planId: row.planId,
        before,
        after: { responsibleOrgUnitId: unit.id },
      });
      return saved;
    });
  }
}
