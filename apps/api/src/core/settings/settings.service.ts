import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_LIGHT_GAP, type EvaluationWeights } from '@duban/domain';
import type { AmbiguousName, GroupAbbreviation } from '@duban/plan-parser';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { assertVersion } from '../http/record';
import type { UpdateSettingsDto } from './dto/settings.dto';
import { LocalizedException, type Message } from '../http/messages';

export interface LadderSettings {
  /** 提醒: working days before a deadline or report due date. */
  reminderDays: number[];
  /** Working days overdue for 催办 (level 1), 督办 (level 2), 约谈/通报 candidates (level 3). */
  urge: number;
  supervision: number;
  interview: number;
  /** Working days a supervision notice gives for the answer. */
  responseDays: number;
  /** The latest promised date an answer may give: this many working days past the notice's target date. */
  promiseMaxDays: number;
}

/** The Nth working day after a period's end on which its report is due, per cycle. */
export interface ReportDueSettings {
  monthly: number;
  quarterly: number;
  semiannual: number;
  annual: number;
}

export type { EvaluationWeights } from '@duban/domain';

/**
 * What is particular to the city whose plan this is (seeded from seeds/<city>-org-units.json; the admin may change it),
 * so that no city is written into code.
 */
export interface LocalitySettings {
  /** e.g. 宜春市 */
  city: string;
  /** e.g. yichun: plan codes of plans whose title starts with the city's name */
  cityCode: string;
  /** Who issues bulletins, e.g. 宜春市生态环境保护委员会办公室; empty: the office org unit's name. */
  issuer: string;
  /** The 督办单's 文号, with {year} and {n}: e.g. 宜环委办督〔{year}〕{n}号. */
  supervisionNumber: string;
  /** Plan documents' shorthand for groups of counties, e.g. 丰樟高 = 丰城、樟树、高安. */
  groups: GroupAbbreviation[];
  /** County names that also occur inside everyday words (提高安全 is not 高安). */
  ambiguousNames: AmbiguousName[];
}

/** 签收: an assignment is acknowledged within this many working days of the day it was assigned, else chased. */
export interface ReceiptSettings {
  workingDays: number;
}

export interface AppSettings {
  ladder: LadderSettings;
  receipt: ReceiptSettings;
  reportDue: ReportDueSettings;
  uploadMaxBytes: number;
  evaluationWeights: EvaluationWeights;
  /** 红黄绿灯: percentage points by which reported progress may trail 序时进度 before the light turns yellow. */
  lightGap: number;
  locality: LocalitySettings;
}

/** The settings and the version a PUT must name. */
export type VersionedSettings = AppSettings & { version: number };

type Section = keyof AppSettings;
const SECTIONS: readonly Section[] = ['ladder', 'receipt', 'reportDue', 'uploadMaxBytes', 'evaluationWeights', 'lightGap', 'locality'];
const keyOf = (s: Section) => `settings.${s}`;
const VERSION_KEY = 'settings.version';
/** Another instance's change is picked up within this time; this instance's own at once. */
const CACHE_MS = 30_000;

/**
 * Typed business settings with defaults (kept in the `settings` table, one row per section that was changed,
 * plus a version row for optimistic updates). Other modules read them with `get()`.
 */
@Injectable()
export class SettingsService {
  private cache: { at: number; settings: Promise<VersionedSettings> } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  defaults(): AppSettings {
    return {
      ladder: { reminderDays: [5, 1], urge: 1, supervision: 5, interview: 15, responseDays: 5, promiseMaxDays: 20 },
      receipt: { workingDays: 3 },
      reportDue: { monthly: 5, quarterly: 5, semiannual: 5, annual: 5 },
      uploadMaxBytes: this.config.uploadMaxBytes,
      evaluationWeights: { onTime: 0.4, quality: 0.3, indicators: 0.3 },
      lightGap: DEFAULT_LIGHT_GAP,
      locality: { city: '', cityCode: '', issuer: '', supervisionNumber: '督〔{year}〕{n}号', groups: [], ambiguousNames: [] },
    };
  }

  /** The whole settings object with defaults filled in (cached). */
  get(): Promise<VersionedSettings> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const settings = this.read(this.db.manager);
      const entry = { at: Date.now(), settings };
      this.cache = entry;
      settings.catch(() => {
        if (this.cache === entry) this.cache = null;
      });
    }
    return this.cache.settings;
  }

  async update(actor: AuthUser, dto: UpdateSettingsDto): Promise<VersionedSettings> {
    const saved = await this.db.transaction(async (m) => {
      await m.query(`INSERT INTO settings (key, value) VALUES ($1, '1'::jsonb) ON CONFLICT (key) DO NOTHING`, [VERSION_KEY]);
      await m.query(`SELECT 1 FROM settings WHERE key = $1 FOR UPDATE`, [VERSION_KEY]);
      const before = await this.read(m);
      assertVersion(before, dto.version);
      const next: AppSettings = {
        ladder: { ...before.ladder, ...dto.ladder },
        receipt: { ...before.receipt, ...dto.receipt },
        reportDue: { ...before.reportDue, ...dto.reportDue },
        uploadMaxBytes: dto.uploadMaxBytes ?? before.uploadMaxBytes,
        evaluationWeights: { ...before.evaluationWeights, ...dto.evaluationWeights },
        lightGap: dto.lightGap ?? before.lightGap,
        locality: { ...before.locality, ...dto.locality },
      };
      next.ladder.reminderDays = [...next.ladder.reminderDays].sort((a, b) => b - a);
      this.assertConsistent(next);
      for (const section of SECTIONS) {
        if (dto[section] === undefined || dto[section] === null) continue;
        await m.query(
          `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          [keyOf(section), JSON.stringify(next[section])],
        );
      }
      const after: VersionedSettings = { ...next, version: before.version + 1 };
      await m.query(`UPDATE settings SET value = $2::jsonb, updated_at = now() WHERE key = $1`, [
        VERSION_KEY,
        JSON.stringify(after.version),
      ]);
      await this.audit.record(m, actor.id, { action: 'update', entity: 'Setting', entityId: 'settings', before, after });
      return after;
    });
    this.cache = null;
    return saved;
  }

  /** The locality with `issuer` filled in: the setting, else the office org unit's name. */
  async locality(): Promise<LocalitySettings> {
    const { locality } = await this.get();
    if (locality.issuer) return locality;
    const [office] = (await this.db.query(`SELECT name FROM org_units WHERE kind = 'office' ORDER BY code LIMIT 1`)) as { name: string }[];
    return { ...locality, issuer: office?.name ?? '' };
  }

  /** On an empty database: the city's locality from its seed file (audited); an existing one is kept. */
  async seedLocality(m: EntityManager, locality: LocalitySettings): Promise<void> {
    const inserted = (await m.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`, [
      keyOf('locality'),
      JSON.stringify(locality),
    ])) as unknown[];
    if (inserted.length > 0)
      await this.audit.record(m, null, { action: 'seed', entity: 'Setting', entityId: keyOf('locality'), after: locality });
    this.cache = null;
  }

  private async read(m: EntityManager): Promise<VersionedSettings> {
    const rows = (await m.query(`SELECT key, value FROM settings WHERE key = ANY($1::text[])`, [
      [...SECTIONS.map(keyOf), VERSION_KEY],
    ])) as { key: string; value: unknown }[];
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    const d = this.defaults();
    const section = <T extends object>(s: Section, fallback: T): T => ({
      ...fallback,
      ...(stored.get(keyOf(s)) as Partial<T> | undefined),
    });
    const upload = stored.get(keyOf('uploadMaxBytes'));
    const lightGap = stored.get(keyOf('lightGap'));
    return {
      ladder: section('ladder', d.ladder),
      receipt: section('receipt', d.receipt),
      reportDue: section('reportDue', d.reportDue),
      uploadMaxBytes: typeof upload === 'number' ? upload : d.uploadMaxBytes,
      evaluationWeights: section('evaluationWeights', d.evaluationWeights),
      lightGap: typeof lightGap === 'number' ? lightGap : d.lightGap,
      locality: section('locality', d.locality),
      version: Number(stored.get(VERSION_KEY) ?? 1),
    };
  }

  /** Rules that span fields (each field's own range is checked by the DTO). */
  private assertConsistent(s: AppSettings): void {
    const problems: Message[] = [];
    const { urge, supervision, interview } = s.ladder;
    if (!(urge < supervision && supervision < interview)) {
      problems.push({ key: 'settings.ladderOrder', params: { urge, supervision, interview } });
    }
    const w = s.evaluationWeights;
    const sum = w.onTime + w.quality + w.indicators;
    if (Math.abs(sum - 1) > 1e-6) problems.push({ key: 'settings.weightsSum', params: { sum: Number(sum.toFixed(6)) } });
    if (problems.length > 0) throw new LocalizedException(400, problems);
  }
}
