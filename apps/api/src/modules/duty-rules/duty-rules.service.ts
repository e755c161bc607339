import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { asStringList, asText, asUuidList, likePattern, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { assertVersion, found } from '../../core/http/record';
import { OrgUnit } from '../../core/org-units/org-unit.entity';
import type { CreateDutyRuleDto, UpdateDutyRuleDto } from './dto/duty-rule.dto';
import { DutyRule } from './duty-rule.entity';
import { refuse, words } from '../../core/http/messages';

const LIST: ListSpec<DutyRule> = {
  resource: 'duty-rules',
  filters: {
    id: (qb, v, p) => qb.andWhere(`d.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    orgUnitId: (qb, v, p) => qb.andWhere(`d.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
    // Rules that contain any of these exact keywords (GIN over the array).
    keyword: (qb, v, p) => qb.andWhere(`d.keywords && CAST(:${p} AS text[])`, { [p]: asStringList('keyword', v) }),
    // A substring of any keyword (trigram index over the joined keywords).
    q: (qb, v, p) => qb.andWhere(`duty_rule_keywords_text(d.keywords) ILIKE :${p}`, { [p]: likePattern(asText('q', v)) }),
  },
  sorts: { weight: 'd.weight', orgUnitId: 'd.orgUnitId', createdAt: 'd.createdAt' },
  defaultSort: ['createdAt', 'ASC'],
  tieBreaker: 'd.id',
};

/** The duty map (职责分工) behind the decomposition suggestions: office and admin edit it, audited. */
@Injectable()
export class DutyRulesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(params: ListQueryParams) {
    return runList(this.db.getRepository(DutyRule).createQueryBuilder('d'), LIST, params);
  }

  async get(id: string): Promise<DutyRule> {
    return found(await this.db.getRepository(DutyRule).findOneBy({ id }), '职责规则');
  }

  /** Every rule, for computing suggestions (a few hundred rows). */
  all(m: EntityManager = this.db.manager): Promise<DutyRule[]> {
    return m.getRepository(DutyRule).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(actor: AuthUser, dto: CreateDutyRuleDto): Promise<DutyRule> {
    return this.db.transaction(async (m) => {
      await this.assertDepartment(m, dto.orgUnitId);
      const repo = m.getRepository(DutyRule);
      const rule = await repo.save(repo.create({ keywords: dto.keywords, orgUnitId: dto.orgUnitId, weight: dto.weight }));
      await this.audit.record(m, actor.id, { action: 'create', entity: 'DutyRule', entityId: rule.id, after: rule });
      return rule;
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateDutyRuleDto): Promise<DutyRule> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(DutyRule);
      const rule = found(await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '职责规则');
      if (dto.orgUnitId !== undefined && dto.orgUnitId !== rule.orgUnitId) await this.assertDepartment(m, dto.orgUnitId);
      assertVersion(rule, dto.version);
      const before = { ...rule };
      Object.assign(rule, {
        keywords: dto.keywords ?? rule.keywords,
        orgUnitId: dto.orgUnitId ?? rule.orgUnitId,
        weight: dto.weight ?? rule.weight,
        version: rule.version + 1,
      });
      const saved = await repo.save(rule);
      await this.audit.record(m, actor.id, { action: 'update', entity: 'DutyRule', entityId: id, before, after: saved });
      return saved;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<DutyRule> {
    return this.db.transaction(async (m) => {
      const rule = found(await m.getRepository(DutyRule).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '职责规则');
      await m.getRepository(DutyRule).delete({ id });
      await this.audit.record(m, actor.id, { action: 'delete', entity: 'DutyRule', entityId: id, before: rule });
      return rule;
    });
  }

  /** Suggestions propose departments as lead or support: a rule for a county, zone or the office is a 400. */
  private async assertDepartment(m: EntityManager, orgUnitId: string): Promise<void> {
    const unit = await m.getRepository(OrgUnit).findOneBy({ id: orgUnitId });
    if (!unit) throw refuse(400, 'dutyRules.unitMissing', { id: orgUnitId });
    if (unit.kind !== 'department')
      throw refuse(400, 'dutyRules.departmentOnly', { name: unit.name, kind: words('orgUnitKind', unit.kind) });
  }
}
