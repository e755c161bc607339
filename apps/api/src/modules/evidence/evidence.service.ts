import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isReportEditable, type ReportStatus } from '@duban/domain';
import { accessibleBy, accessSql, bindTo } from '../../core/access/access';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { ClockService } from '../../core/clock/clock.service';
import { asBoolean, asUuidList, runList, type ListQueryParams, type ListSpec } from '../../core/http/list-query';
import { found } from '../../core/http/record';
import { SettingsService } from '../../core/settings/settings.service';
import { EVIDENCE_STORAGE, type EvidenceStorage, type StagedObject } from '../../core/storage/evidence-storage';
import { Assignment } from '../assignments/assignment.entity';
import { Evidence } from './evidence.entity';
import { confirmContainer, isPhoto, nameAndMime, type EvidenceFormat } from './evidence-type';
import { EXIF_HEAD_BYTES, readPhotoFacts } from './photo-facts';
import { abandonRequest, assertDeclaredSize, assertMultipart, receiveFile } from './upload-stream';
import { refuse } from '../../core/http/messages';

const LIST: ListSpec<Evidence> = {
  resource: 'evidence',
  filters: {
    id: (qb, v, p) => qb.andWhere(`e.id IN (:...${p})`, { [p]: asUuidList('id', v) }),
    reportId: (qb, v, p) => qb.andWhere(`e.reportId IN (:...${p})`, { [p]: asUuidList('reportId', v) }),
    indicatorValueId: (qb, v, p) => qb.andWhere(`e.indicatorValueId IN (:...${p})`, { [p]: asUuidList('indicatorValueId', v) }),
    planId: (qb, v, p) => qb.andWhere(`e.planId IN (:...${p})`, { [p]: asUuidList('planId', v) }),
    orgUnitId: (qb, v, p) => qb.andWhere(`e.orgUnitId IN (:...${p})`, { [p]: asUuidList('orgUnitId', v) }),
    withdrawn: (qb, v, p) => qb.andWhere(`e.withdrawn = :${p}`, { [p]: asBoolean('withdrawn', v) }),
  },
  sorts: { createdAt: 'e.createdAt' },
  defaultSort: ['createdAt', 'ASC'],
  tieBreaker: 'e.id',
};

/** What evidence backs: a report, or an indicator's yearly value (both follow the report machine). */
export type EvidenceOwner = { kind: 'report'; id: string } | { kind: 'indicatorValue'; id: string };

/** The report or indicator value an upload or withdrawal is about, as the caller may touch it. */
interface OwnerTarget {
  id: string;
  planId: string;
  orgUnitId: string;
  status: ReportStatus;
  /** the report's assignment (null for an indicator value) */
  assignmentStatus: Assignment['status'] | null;
}

export interface UploadResult {
  evidence: Evidence;
  /** False when the same file was already on the report (it is returned instead of stored twice). */
  created: boolean;
}

/**
 * Evidence files: streamed in (DESIGN.md "Evidence is streamed, never buffered whole"), read back with
 * the report's scoping, withdrawn but never deleted.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('Evidence');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    private readonly settings: SettingsService,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  /** Evidence this caller may see (core/access: a leader or liaison only their unit's; nobody else a draft's). */
  private scoped(caller: AuthUser, m: EntityManager = this.db.manager) {
    return accessibleBy(m.getRepository(Evidence).createQueryBuilder('e'), caller, 'Evidence');
  }

  list(caller: AuthUser, params: ListQueryParams) {
    return runList(this.scoped(caller), LIST, params);
  }

  async get(caller: AuthUser, id: string): Promise<Evidence> {
    return found(await this.scoped(caller).andWhere('e.id = :id', { id }).getOne(), '佐证材料');
  }

  /** Evidence of these reports, oldest first, withdrawn included (flagged): one query for any number of reports. */
  async forReports(m: EntityManager, reportIds: string[]): Promise<Map<string, Evidence[]>> {
    const byReport = new Map<string, Evidence[]>(reportIds.map((id) => [id, []]));
    if (reportIds.length === 0) return byReport;
    const rows = await m.getRepository(Evidence).find({ where: { reportId: In(reportIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const row of rows) byReport.get(row.reportId!)?.push(row);
    return byReport;
  }

  /** Evidence of these indicator values, oldest first, withdrawn included (flagged): one query. */
  async forIndicatorValues(m: EntityManager, valueIds: string[]): Promise<Map<string, Evidence[]>> {
    const byValue = new Map<string, Evidence[]>(valueIds.map((id) => [id, []]));
    if (valueIds.length === 0) return byValue;
    const rows = await m
      .getRepository(Evidence)
      .find({ where: { indicatorValueId: In(valueIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const row of rows) byValue.get(row.indicatorValueId!)?.push(row);
    return byValue;
  }

  /** The file itself, for download. */
  async content(caller: AuthUser, id: string): Promise<{ evidence: Evidence; stream: Readable }> {
    const evidence = found(await this.scoped(caller).addSelect('e.storageKey').andWhere('e.id = :id', { id }).getOne(), '佐证材料');
    const stream = await this.storage.open(evidence.storageKey);
    if (!stream) {
      this.logger.error(`evidence ${id}: file ${evidence.storageKey} is missing from the storage`);
      throw refuse(404, 'evidence.fileMissing');
    }
    delete (evidence as Partial<Evidence>).storageKey;
    return { evidence, stream };
  }

  /**
   * The report or indicator value as the caller may add evidence to it or withdraw it: their unit's (404
   * otherwise), still a draft or returned (409 otherwise), a report's assignment still open (409).
   */
  private async ownerTarget(caller: AuthUser, owner: EvidenceOwner, m: EntityManager, lock: boolean): Promise<OwnerTarget> {
    const params: unknown[] = [owner.id];
    const rows = (await m.query(
      owner.kind === 'report'
        ? `SELECT r.id, r.plan_id AS "planId", r.org_unit_id AS "orgUnitId", r.status, a.status AS "assignmentStatus"
             FROM reports r JOIN assignments a ON a.id = r.assignment_id AND a.plan_id = r.plan_id
            WHERE r.id = $1 AND ${accessSql(caller, 'Report', 'r', bindTo(params))}
            ${lock ? 'FOR UPDATE OF r' : ''}`
        : `SELECT v.id, v.plan_id AS "planId", v.org_unit_id AS "orgUnitId", v.status, NULL AS "assignmentStatus"
             FROM indicator_values v
            WHERE v.id = $1 AND ${accessSql(caller, 'IndicatorValue', 'v', bindTo(params))}
            ${lock ? 'FOR UPDATE OF v' : ''}`,
      params,
    )) as OwnerTarget[];
    const what = owner.kind === 'report' ? '报告' : '指标年度数值';
    const target = found(rows[0], what);
    if (!isReportEditable(target.status)) {
      throw refuse(409, target.status === 'submitted' ? 'evidence.reportSubmitted' : 'evidence.reportInReview', {
        what: owner.kind === 'report' ? { zh: '报告', en: 'report' } : { zh: '指标年度数值', en: 'indicator value' },
        status: target.status,
      });
    }
    if (target.assignmentStatus === 'completed' || target.assignmentStatus === 'cancelled') {
      throw refuse(409, target.assignmentStatus === 'completed' ? 'evidence.assignmentCompleted' : 'evidence.assignmentCancelled');
    }
    return target;
  }

  /**
   * `POST /api/reports/:id/evidence` and `POST /api/indicator-values/:id/evidence`: the upload is checked before a byte is read (who, which report,
   * declared size), streamed to staging, checked again as a whole (type, container, EXIF), then recorded
   * and moved into place in one transaction. Any failure leaves neither a file nor a row.
   */
  async upload(caller: AuthUser, owner: EvidenceOwner, req: Request, res: Response): Promise<UploadResult> {
    const reportId = owner.kind === 'report' ? owner.id : null;
    const indicatorValueId = owner.kind === 'indicatorValue' ? owner.id : null;
    let maxBytes: number;
    try {
      // In the contract's order: malformed (400), not found or not visible (404), wrong state (409), too large (413).
      assertMultipart(req);
      await this.ownerTarget(caller, owner, this.db.manager, false);
      // The admin's limit (PUT /api/settings), UPLOAD_MAX_BYTES until they set one.
      maxBytes = (await this.settings.get()).uploadMaxBytes;
      assertDeclaredSize(req, maxBytes);
    } catch (err) {
      abandonRequest(req, res);
      throw err;
    }
    const received = await receiveFile(req, res, this.storage, maxBytes);
    const { staged } = received;
    let committedKey: string | null = null;
    try {
      if (staged.size === 0 || !received.sniffed) throw refuse(400, 'evidence.empty');
      const format = await this.decideFormat(received.sniffed, staged);
      const { filename, mimeType } = this.named(received.filename, format);
      const facts = isPhoto(format)
        ? await readPhotoFacts(await this.storage.readStaged(staged, 0, EXIF_HEAD_BYTES))
        : { capturedAt: null, gps: null };
      return await this.db.transaction(async (m) => {
        const target = await this.ownerTarget(caller, owner, m, true);
        const repo = m.getRepository(Evidence);
        const existing = await repo.findOneBy(
          reportId ? { reportId, sha256: staged.sha256 } : { indicatorValueId: indicatorValueId!, sha256: staged.sha256 },
        );
        if (existing) return { evidence: await this.restore(m, caller, existing), created: false };
        const id = randomUUID();
        const storageKey = `${target.planId}/${id.slice(0, 2)}/${id}`;
        await repo.insert({
          id,
          planId: target.planId,
          orgUnitId: target.orgUnitId,
          reportId,
          indicatorValueId,
          filename,
          mimeType,
          size: staged.size,
          sha256: staged.sha256,
          storageKey,
          capturedAt: facts.capturedAt,
          gps: facts.gps,
          uploadedBy: caller.id,
          // The business instant (the demo date in demo mode), so "uploaded at" agrees with the periods and "today".
          createdAt: this.clock.now(),
        });
        const evidence = await repo.findOneByOrFail({ id });
        await this.audit.record(m, caller.id, {
          action: 'upload',
          entity: 'Evidence',
          entityId: id,
          planId: target.planId,
          after: evidence,
        });
        // Last step before COMMIT: if the commit then fails, the file is removed again below.
        await this.storage.commit(staged, storageKey);
        committedKey = storageKey;
        return { evidence, created: true };
      });
    } catch (err) {
      if (committedKey)
        await this.storage.remove(committedKey).catch((e: unknown) => this.logger.error(`could not undo ${committedKey}: ${String(e)}`));
      throw err;
    } finally {
      await this.storage.discard(staged).catch(() => undefined);
    }
  }

  /** The same file again on a report where it had been withdrawn: it is back, not stored twice. */
  private async restore(m: EntityManager, caller: AuthUser, existing: Evidence): Promise<Evidence> {
    if (!existing.withdrawn) return existing;
    const repo = m.getRepository(Evidence);
    await repo.update({ id: existing.id }, { withdrawn: false, withdrawnAt: null, withdrawnBy: null, version: existing.version + 1 });
    const after = await repo.findOneByOrFail({ id: existing.id });
    await this.audit.record(m, caller.id, {
      action: 'restore',
      entity: 'Evidence',
      entityId: existing.id,
      planId: existing.planId,
      before: existing,
      after,
    });
    return after;
  }

  private async decideFormat(
    sniffed: NonNullable<Awaited<ReturnType<typeof receiveFile>>['sniffed']>,
    staged: StagedObject,
  ): Promise<EvidenceFormat> {
    if ('format' in sniffed) return sniffed.format;
    // A refused format is a RefusedType: a 415 in the catalogue's words.
    return confirmContainer(sniffed.container, (offset, length) => this.storage.readStaged(staged, offset, length), staged.size);
  }

  private named(filename: string, format: EvidenceFormat): { filename: string; mimeType: string } {
    return nameAndMime(filename, format);
  }

  /** `DELETE /api/evidence/:id`: marks it withdrawn; the file and the record stay. */
  async withdraw(caller: AuthUser, id: string): Promise<Evidence> {
    return this.db.transaction(async (m) => {
      const evidence = found(await this.scoped(caller, m).andWhere('e.id = :id', { id }).getOne(), '佐证材料');
      if (evidence.reportId) await this.ownerTarget(caller, { kind: 'report', id: evidence.reportId }, m, true);
      if (evidence.indicatorValueId) await this.ownerTarget(caller, { kind: 'indicatorValue', id: evidence.indicatorValueId }, m, true);
      const repo = m.getRepository(Evidence);
      const current = await repo.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (current.withdrawn) throw refuse(409, 'evidence.withdrawn');
      await repo.update({ id }, { withdrawn: true, withdrawnAt: this.clock.now(), withdrawnBy: caller.id, version: current.version + 1 });
      const after = await repo.findOneByOrFail({ id });
      await this.audit.record(m, caller.id, {
        action: 'withdraw',
        entity: 'Evidence',
        entityId: id,
        planId: current.planId,
        before: current,
        after,
      });
      return after;
    });
  }
}
