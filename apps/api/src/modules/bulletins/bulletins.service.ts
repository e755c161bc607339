import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accessibleBy } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { asStringList, asUuidList, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { found } from '../../core/http/record';
import { BulletinService } from '../exports/bulletin.service';
import { BulletinMonth } from './bulletin-month.entity';
import { refuse } from '../../core/http/messages';

const LIST: ListSpec<BulletinMonth> = {
  resource: 'bulletins',
  filters: {
    id: (qb, v, p) => qb.andWhere(`b.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    planId: (qb, v, p) => qb.andWhere(`b.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
    month: (qb, v, p) => qb.andWhere(`b.month IN (:...${p})`, { [p]: asStringList('month', v) }),
    status: (qb, v, p) => qb.andWhere(`b.status IN (:...${p})`, { [p]: asStringList('status', v, ['draft', 'published']) }),
  },
  sorts: { month: 'b.month', publishedAt: 'b.publishedAt' },
  defaultSort: ['month', 'DESC'],
  tieBreaker: 'b.id',
};

export interface BulletinFile {
  bytes: Buffer;
  month: string;
  status: 'draft' | 'published';
  sha256: string | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The monthly bulletins as a resource: the office publishes a month (the .docx and .xlsx frozen, their sha256 in the
 * audit chain); every role reads what is published; the office and the admin also see the live drafts.
 */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly builder: BulletinService,
  ) {}

  /** Months that have begun, as the caller may read them (core/access: drafts only for those who may preview them). */
  private scoped(caller: AuthUser) {
    const qb = this.db
      .getRepository(BulletinMonth)
      .createQueryBuilder('b')
      .where('b.month <= :current', { current: this.clock.today().slice(0, 7) });
    return accessibleBy(qb, caller, 'Bulletin');
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), LIST, params);
  }

  async get(caller: AuthUser, id: string): Promise<BulletinMonth> {
    return found(await this.scoped(caller).andWhere('b.id = :id', { id }).getOne(), '通报');
  }

  /** Freezes the month's bulletin as it stands now; a month is published once (409 after). */
  async publish(actor: AuthUser, month: string, planId?: string): Promise<BulletinMonth> {
    const b = await this.builder.build(month, planId);
    const [docx, xlsx] = await Promise.all([this.builder.docx(b), this.builder.xlsx(b)]);
    const publishedAt = this.clock.now();
    return this.db.transaction(async (m) => {
      const inserted = (await m.query(
        `INSERT INTO bulletins (id, plan_id, month, as_of, docx, xlsx, sha256, xlsx_sha256, published_at, published_by)
         VALUES (md5($1::text || ':' || $2::text)::uuid, $1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (plan_id, month) DO NOTHING
         RETURNING id`,
        [b.plan.id, b.month, b.asOf, docx, xlsx, sha256(docx), sha256(xlsx), publishedAt, actor.id],
      )) as { id: string }[];
      if (inserted.length === 0) throw refuse(409, 'bulletins.alreadyPublished', { month: b.month });
      const after = await m.getRepository(BulletinMonth).findOneByOrFail({ id: inserted[0].id });
      await this.audit.record(m, actor.id, {
        action: 'publish',
        entity: 'Bulletin',
        entityId: after.id,
        planId: b.plan.id,
        after: { ...after, docxBytes: docx.length, xlsxBytes: xlsx.length },
      });
      return after;
    });
  }

  /**
   * A month's document for download: the published copy for everyone once it exists; before that the live draft,
   * for those who may preview it, and a 404 for everyone else.
   */
  async file(caller: AuthUser, kind: 'docx' | 'xlsx', month: string, planId?: string): Promise<BulletinFile> {
    const plan = await this.builder.plan(planId);
    const [row] = (await this.db.query(
      `SELECT ${kind === 'docx' ? 'docx, sha256' : 'xlsx AS docx, xlsx_sha256 AS sha256'} FROM bulletins WHERE plan_id = $1 AND month = $2`,
      [plan.id, month],
    )) as { docx: Buffer; sha256: string }[];
    if (row) return { bytes: row.docx, month, status: 'published', sha256: row.sha256 };
    // The month's live draft, if the caller may read it (core/access); a month the plan lacks is the builder's 400.
    const draft = this.db
      .getRepository(BulletinMonth)
      .createQueryBuilder('b')
      .where('b.planId = :plan AND b.month = :month', { plan: plan.id, month });
    if ((await draft.clone().getCount()) > 0 && (await accessibleBy(draft, caller, 'Bulletin').getCount()) === 0) {
      throw refuse(404, 'bulletins.notPublished', { month });
    }
    const b = await this.builder.build(month, plan.id);
    return { bytes: await (kind === 'docx' ? this.builder.docx(b) : this.builder.xlsx(b)), month, status: 'draft', sha256: null };
  }
}
