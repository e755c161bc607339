import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLES, roleAllowsUnitKind, type Role } from '@duban/domain';
import { accessibleBy } from '../access/access';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { asBoolean, asStringList, asText, asUuidList, likePattern, runList, type ListQueryParams, type ListSpec } from '../http/list-query';
import { refuse } from '../http/messages';
import { assertVersion, found } from '../http/record';
import { OrgUnit } from '../org-units/org-unit.entity';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './user.entity';

const LIST: ListSpec<User> = {
  resource: 'users',
  filters: {
    id: (qb, v, p) => qb.andWhere(`u.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    role: (qb, v, p) => qb.andWhere(`u.role IN (:...${p})`, { [p]: asStringList('role', v, ROLES) }),
    orgUnitId: (qb, v, p) => qb.andWhere(`u.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
    active: (qb, v, p) => qb.andWhere(`u.active = :${p}`, { [p]: asBoolean('active', v) }),
    q: (qb, v, p) => qb.andWhere(`(u.username ILIKE :${p} OR u.displayName ILIKE :${p})`, { [p]: likePattern(asText('q', v)) }),
  },
  sorts: { username: 'u.username', displayName: 'u.displayName', role: 'u.role', orgUnitId: 'u.orgUnitId', createdAt: 'u.createdAt' },
  defaultSort: ['username', 'ASC'],
  tieBreaker: 'u.id',
};

/** Fields that, when changed, end the user's current sessions. */
const SESSION_FIELDS = ['role', 'orgUnitId', 'active'] as const;

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Users this caller may see (core/access: leaders and liaisons only their own unit's). */
  private scoped(caller: AuthUser, m: EntityManager = this.db.manager) {
    return accessibleBy(m.getRepository(User).createQueryBuilder('u'), caller, 'User');
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), LIST, params);
  }

  async get(caller: AuthUser, id: string): Promise<User> {
    return found(await this.scoped(caller).andWhere('u.id = :id', { id }).getOne(), '用户');
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (m) => {
      await this.assertRoleFitsUnit(m, dto.role, dto.orgUnitId ?? null);
      await this.assertUsernameFree(m, dto.username, null);
      const repo = m.getRepository(User);
      const saved = await repo.save(
        repo.create({
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
          orgUnitId: dto.orgUnitId ?? null,
          active: dto.active ?? true,
          email: dto.email ?? null,
          passwordHash,
        }),
      );
      const user = await repo.findOneByOrFail({ id: saved.id });
      await this.audit.record(m, actor.id, { action: 'create', entity: 'User', entityId: user.id, after: user });
      return user;
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<User> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = found(
        await repo.createQueryBuilder('u').addSelect('u.tokenVersion').where('u.id = :id', { id }).setLock('pessimistic_write').getOne(),
        '用户',
      );
      assertVersion(user, dto.version);
      const before = { ...user };
      const next = {
        username: dto.username ?? user.username,
        displayName: dto.displayName ?? user.displayName,
        role: dto.role ?? user.role,
        orgUnitId: dto.orgUnitId === undefined ? user.orgUnitId : dto.orgUnitId,
        active: dto.active ?? user.active,
        email: dto.email === undefined ? user.email : dto.email,
      };
      if (user.id === actor.id && (next.role !== user.role || !next.active)) {
        throw refuse(409, 'users.selfRoleOrActive');
      }
      await this.assertRoleFitsUnit(m, next.role, next.orgUnitId);
      if (next.username !== user.username) await this.assertUsernameFree(m, next.username, id);
      const endsSessions = passwordHash !== null || SESSION_FIELDS.some((f) => next[f] !== user[f]);
      await repo.update(
        { id },
        {
          ...next,
          ...(passwordHash ? { passwordHash } : {}),
          tokenVersion: user.tokenVersion + (endsSessions ? 1 : 0),
          version: user.version + 1,
        },
      );
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, actor.id, {
        action: passwordHash ? 'update+password' : 'update',
        entity: 'User',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Users are disabled, never deleted: the audit chain names them. */
  async disable(actor: AuthUser, id: string): Promise<User> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = found(
        await repo.createQueryBuilder('u').addSelect('u.tokenVersion').where('u.id = :id', { id }).setLock('pessimistic_write').getOne(),
        '用户',
      );
      if (user.id === actor.id) throw refuse(409, 'users.selfDisable');
      if (!user.active) return user;
      await repo.update({ id }, { active: false, tokenVersion: user.tokenVersion + 1, version: user.version + 1 });
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, actor.id, { action: 'disable', entity: 'User', entityId: id, before: user, after });
      return after;
    });
  }

  private async assertRoleFitsUnit(m: EntityManager, role: Role, orgUnitId: string | null): Promise<void> {
    let kind: OrgUnit['kind'] | null = null;
    if (orgUnitId) {
      const unit = await m.getRepository(OrgUnit).findOneBy({ id: orgUnitId });
      if (!unit) throw refuse(400, 'users.unitMissing', { field: 'orgUnitId' });
      kind = unit.kind;
    }
    if (!roleAllowsUnitKind(role, kind)) {
      throw kind ? refuse(400, 'users.roleUnitKind', { role, kind }) : refuse(400, 'users.roleNeedsUnit', { role, field: 'orgUnitId' });
    }
  }

  private async assertUsernameFree(m: EntityManager, username: string, exceptId: string | null): Promise<void> {
    const clash = await m
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .andWhere(exceptId ? 'u.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
    if (clash) throw refuse(409, 'users.usernameTaken', { username });
  }
}
