import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrgUnitKind, Role } from '@duban/domain';
import orgUnitSeed from '../../../../../seeds/yichun-org-units.json';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { hashPassword } from '../auth/passwords';
import { OrgUnit } from '../org-units/org-unit.entity';
import { SettingsService } from '../settings/settings.service';
import { User } from '../users/user.entity';

/** The demo log-ins (README lists them); all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Duban@2025';
const DEMO_UNITS = [
  'ecology-environment',
  'forestry',
  'water-resources',
  'agriculture-rural',
  'housing-construction',
  'yuanzhou',
  'fengcheng',
  'jingan',
];

export interface SeedLogin {
  username: string;
  /** Shown once at start; null when the operator chose it (ADMIN_PASSWORD), which is never printed. */
  password: string | null;
  role: Role;
  unit: string | null;
}

export interface SeedResult {
  orgUnits: number;
  /** Log-ins created by this run (the admin's generated password appears only here, once). */
  created: SeedLogin[];
}

/**
 * Fills an empty database: org units and the city's locality settings, the admin, the demo users. Idempotent: each part only when missing.
 * Later stages (calendar, plan) add their own steps here.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

  async seed(): Promise<SeedResult> {
    const result: SeedResult = { orgUnits: 0, created: [] };
    await this.db.transaction(async (m) => {
      // Two instances starting at once: one seeds, the other waits and then finds everything there.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:seed'))`);
      result.orgUnits = await this.seedOrgUnits(m);
      await this.settings.seedLocality(m, orgUnitSeed.locality);
      result.created.push(...(await this.seedUsers(m)));
    });
    return result;
  }

  private async seedOrgUnits(m: EntityManager): Promise<number> {
    const repo = m.getRepository(OrgUnit);
    if ((await repo.count()) > 0) return 0;
    const rows = orgUnitSeed.units.map((u) => repo.create({ code: u.code, name: u.name, kind: u.kind as OrgUnitKind, aliases: u.aliases }));
    await repo.insert(rows);
    await this.audit.record(
      m,
      null,
      rows.map((u) => ({
        action: 'seed',
        entity: 'OrgUnit',
        entityId: u.id,
        after: { code: u.code, name: u.name, kind: u.kind, aliases: u.aliases },
      })),
    );
    this.logger.log(`org units: ${rows.length}`);
    return rows.length;
  }

  private async seedUsers(m: EntityManager): Promise<SeedLogin[]> {
    const users = m.getRepository(User);
    const wanted: (SeedLogin & { password: string; displayName: string; chosen?: boolean })[] = [];
    if (!(await users.exist({ where: { role: 'admin' } }))) {
      const chosen = this.config.adminPassword;
      const password = chosen ?? randomBytes(9).toString('base64url');
      wanted.push({ username: 'admin', password, chosen: chosen !== null, role: 'admin', unit: null, displayName: '系统管理员' });
    }
    if (this.config.demoUsers && !(await users.exist({ where: { username: 'office' } }))) {
      wanted.push(
        {
          username: 'office',
          password: DEMO_PASSWORD,
          role: 'office',
          unit: 'commission-office',
          displayName: '生态环保委办公室（督办员）',
        },
        { username: 'inspector1', password: DEMO_PASSWORD, role: 'inspector', unit: null, displayName: '核查员一' },
        { username: 'inspector2', password: DEMO_PASSWORD, role: 'inspector', unit: 'commission-office', displayName: '核查员二' },
      );
      for (const code of DEMO_UNITS) {
        const name = orgUnitSeed.units.find((u) => u.code === code)?.name ?? code;
        wanted.push(
          { username: `${code}-leader`, password: DEMO_PASSWORD, role: 'leader', unit: code, displayName: `${name}分管领导` },
          { username: `${code}-liaison`, password: DEMO_PASSWORD, role: 'liaison', unit: code, displayName: `${name}联络员` },
        );
      }
    }
    if (wanted.length === 0) return [];
    const units = new Map((await m.getRepository(OrgUnit).find()).map((u) => [u.code, u.id]));
    const hashes = await Promise.all(wanted.map((w) => hashPassword(w.password)));
    const rows = wanted.map((w, i) =>
      users.create({
        username: w.username,
        displayName: w.displayName,
        role: w.role,
        orgUnitId: w.unit ? (units.get(w.unit) ?? null) : null,
        passwordHash: hashes[i],
      }),
    );
    await users.insert(rows);
    await this.audit.record(
      m,
      null,
      rows.map((u) => ({
        action: 'seed',
        entity: 'User',
        entityId: u.id,
        after: { username: u.username, role: u.role, orgUnitId: u.orgUnitId },
      })),
    );
    return wanted.map(({ displayName: _d, chosen, ...login }) => ({ ...login, password: chosen ? null : login.password }));
  }
}
