import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ORG_UNIT_KINDS, roleAllowsUnitKind, type Role } from '@duban/domain';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { asStringList, asText, asUuidList, likePattern, runList, type ListQueryParams, type ListSpec } from '../http/list-query';
import { refuse } from '../http/messages';
import { assertVersion, found } from '../http/record';
import { User } from '../users/user.entity';
import type { CreateOrgUnitDto, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgUnit } from './org-unit.entity';

const LIST: ListSpec<OrgUnit> = {
  resource: 'org-units',
  filters: {
    id: (qb, v, p) => qb.andWhere(`u.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    kind: (qb, v, p) => qb.andWhere(`u.kind IN (:...${p})`, { [p]: asStringList('kind', v, ORG_UNIT_KINDS) }),
    code: (qb, v, p) => qb.andWhere(`u.code IN (:...${p})`, { [p]: asStringList('code', v) }),
    q: (qb, v, p) =>
      qb.andWhere(`(u.name ILIKE :${p} OR u.code ILIKE :${p} OR array_to_string(u.aliases, ' ') ILIKE :${p})`, {
        [p]: likePattern(asText('q', v)),
      }),
  },
  sorts: { name: 'u.name', code: 'u.code', kind: 'u.kind', createdAt: 'u.createdAt' },
  defaultSort: ['code', 'ASC'],
  tieBreaker: 'u.id',
};

/** Org units are reference data every user reads; only the admin changes them. */
@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(params: ListQueryParams) {
    return runList(this.db.getRepository(OrgUnit).createQueryBuilder('u'), LIST, params);
  }

  async get(id: string): Promise<OrgUnit> {
    return found(await this.db.getRepository(OrgUnit).findOneBy({ id }), '单位');
  }

  async create(actor: AuthUser, dto: CreateOrgUnitDto): Promise<OrgUnit> {
    return this.db.transaction(async (m) => {
      await this.assertUnique(m, dto.code, dto.name, null);
      const unit = await m.getRepository(OrgUnit).save(m.getRepository(OrgUnit).create({ ...dto, aliases: dto.aliases ?? [] }));
      await this.audit.record(m, actor.id, { action: 'create', entity: 'OrgUnit', entityId: unit.id, after: unit });
      return unit;
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateOrgUnitDto): Promise<OrgUnit> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(OrgUnit);
      const unit = found(await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '单位');
      assertVersion(unit, dto.version);
      const before = { ...unit };
      if (dto.code !== undefined || dto.name !== undefined) await this.assertUnique(m, dto.code ?? unit.code, dto.name ?? unit.name, id);
      if (dto.kind && dto.kind !== unit.kind) await this.assertKindFitsUsers(m, id, dto.kind);
      Object.assign(unit, {
        code: dto.code ?? unit.code,
        name: dto.name ?? unit.name,
        kind: dto.kind ?? unit.kind,
        aliases: dto.aliases ?? unit.aliases,
        version: unit.version + 1,
      });
      const saved = await repo.save(unit);
      await this.audit.record(m, actor.id, { action: 'update', entity: 'OrgUnit', entityId: id, before, after: saved });
      return saved;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<OrgUnit> {
    return this.db.transaction(async (m) => {
      const unit = found(await m.getRepository(OrgUnit).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), '单位');
      const users = await m.getRepository(User).countBy({ orgUnitId: id });
      if (users > 0) throw refuse(409, 'orgUnits.hasUsers', { users });
      await m.getRepository(OrgUnit).delete({ id });
      await this.audit.record(m, actor.id, { action: 'delete', entity: 'OrgUnit', entityId: id, before: unit });
      return unit;
    });
  }

  private async assertUnique(m: EntityManager, code: string, name: string, exceptId: string | null): Promise<void> {
    const clash = await m
      .getRepository(OrgUnit)
      .createQueryBuilder('u')
      .where('(u.code = :code OR u.name = :name)', { code, name })
      .andWhere(exceptId ? 'u.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
    if (clash) throw clash.code === code ? refuse(409, 'orgUnits.codeTaken', { code }) : refuse(409, 'orgUnits.nameTaken', { name });
  }

  private async assertKindFitsUsers(m: EntityManager, id: string, kind: OrgUnit['kind']): Promise<void> {
    const roles = (await m.query(`SELECT DISTINCT role FROM users WHERE org_unit_id = $1`, [id])) as { role: Role }[];
    const misfit = roles.find((r) => !roleAllowsUnitKind(r.role, kind));
    if (misfit) throw refuse(409, 'orgUnits.kindMisfit', { role: misfit.role, kind });
  }
}
