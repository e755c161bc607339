import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { countParsed, type ParsedCounts, type ParsedPlan, type ParseProblem } from '@duban/plan-parser';
import { AuditService, type AuditEntry } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth-user';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config';
import { OrgUnit } from '../../core/org-units/org-unit.entity';
import { SettingsService } from '../../core/settings/settings.service';
import { GlossaryTerm } from '../glossary-terms/glossary-term.entity';
import { defaultIndicatorDuty } from '../../../../../seeds/indicator-duties';
import { Indicator } from '../indicators/indicator.entity';
import { PlanItem } from '../plan-items/plan-item.entity';
import { PlanDocumentError } from './plan-document';
import { decodeInWorker, parseInWorker, PlanParseAborted } from './plan-parse-worker';
import { Plan } from './plan.entity';
import { changedFields, matchRows } from './plan-sync';
import { LocalizedException, refuse } from '../../core/http/messages';

export interface ImportedRow {
  kind: string;
  number: string;
  title: string;
  fields?: string[];
}

export interface ImportResult {
  plan: Plan;
  created: boolean;
  encoding: string;
  counts: ParsedCounts;
  added: ImportedRow[];
  removed: ImportedRow[];
  changed: ImportedRow[];
  problems: ParseProblem[];
}

export type ImportProgress = (stage: string, done: number, total: number) => void;

const ITEM_FIELDS = [
  'parentId',
  'kind',
  'number',
  'title',
  'body',
  'assignable',
  'position',
  'line',
  'milestones',
  'periods',
  'targets',
  'subItems',
  'mentionedOrgUnitIds',
  'glossaryTermIds',
] as const;
const TERM_FIELDS = ['number', 'term', 'explanation', 'itemIds'] as const;
const INDICATOR_FIELDS = [
  'number',
  'position',
  'category',
  'name',
  'scope',
  'unit',
  'baseline',
  'baselineText',
  'target',
  'cumulativeTarget',
  'targetText',
  'cumulativeText',
  'binding',
  'direction',
  'comparator',
  'orgUnitId',
] as const;
const PLAN_FIELDS = ['title', 'periodStart', 'periodEnd', 'issuedOn', 'preface', 'notice', 'indicatorTable', 'referenceTables'] as const;

/** The largest plan document accepted (the Yichun plan is 122 KB of text). */
export const PLAN_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** The longest plan text read (the Yichun plan has 41,000 characters). */
export const PLAN_TEXT_MAX_CHARS = 5_000_000;

/**
 * Reads a plan document into a draft plan. A document already imported (same plan code) is updated in place:
 * rows are matched by kind and title, then by number, keep their ids, and the result says what was added,
 * removed and changed. Nothing is written when the document has errors.
 */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: SettingsService,
  ) {}

  async decode(buffer: Buffer, filename?: string): Promise<{ text: string; encoding: string }> {
    if (buffer.length > PLAN_FILE_MAX_BYTES) throw refuse(413, 'plans.fileTooLarge');
    try {
      // Off the main thread, within the parser's time limit: a hostile file cannot hold up other requests.
      return await decodeInWorker(buffer, filename, this.config.planParseTimeoutMs);
    } catch (err) {
      if (err instanceof PlanParseAborted) throw this.aborted(err, 'decode');
      if (!(err instanceof PlanDocumentError)) throw err;
      // A binary or non-document file is the wrong media type; an undecodable or broken document is bad input.
      const status =
        err.code === 'binary' || err.code === 'unsupported-format' ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.BAD_REQUEST;
      throw new LocalizedException(status, [{ key: 'plans.badDocument', params: { detail: err.message } }], {
        problems: [{ line: 0, message: err.message, severity: 'error' }],
      });
    }
  }

  async importText(
    actor: AuthUser | null,
    text: string,
    encoding = 'utf-8',
    progress: ImportProgress = () => undefined,
  ): Promise<ImportResult> {
    progress('解析', 0, 1);
    if (text.length > PLAN_TEXT_MAX_CHARS) {
      throw refuse(413, 'plans.textTooLong', { chars: text.length, max: PLAN_TEXT_MAX_CHARS });
    }
    const units = await this.db.getRepository(OrgUnit).find();
    const parsed = await this.parse(text, units);
    progress('解析', 1, 1);
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new LocalizedException(400, [{ key: 'plans.notPlan', params: { detail: errors[0].message } }], { problems: parsed.problems });
    }
    const sha = createHash('sha256').update(text).digest('hex');
    return this.db.transaction(async (m) => this.write(m, actor, parsed, units, sha, encoding, progress));
  }

  /** Parsed off the main thread, within the configured time (PLAN_PARSE_TIMEOUT_MS) and a worker's memory. */
  private async parse(text: string, units: OrgUnit[]): Promise<ParsedPlan> {
    const refs = units.map(({ code, name, kind, aliases }) => ({ code, name, kind, aliases }));
    const { locality } = await this.settings.get();
    const options = {
      units: refs,
      groupAbbreviations: locality.groups,
      ambiguousNames: locality.ambiguousNames,
      place: { name: locality.city, code: locality.cityCode },
    };
    try {
      return await parseInWorker(text, options, this.config.planParseTimeoutMs);
    } catch (err) {
      if (!(err instanceof PlanParseAborted)) throw err;
      throw this.aborted(err, 'parse');
    }
  }

  /** Reading the file's text or parsing it stopped for time or memory: a 422 in words. */
  private aborted(err: PlanParseAborted, stage: 'decode' | 'parse'): LocalizedException {
    const seconds = Math.round(this.config.planParseTimeoutMs / 10) / 100;
    if (err.reason === 'memory') return refuse(422, 'plans.parseMemory');
    return refuse(422, stage === 'decode' ? 'plans.decodeTimeout' : 'plans.parseTimeout', { seconds });
  }

  private async write(
    m: EntityManager,
    actor: AuthUser | null,
    parsed: ParsedPlan,
    units: OrgUnit[],
    sha: string,
    encoding: string,
    progress: ImportProgress,
  ): Promise<ImportResult> {
    // One import of a plan at a time: the second waits and then sees the first one's rows.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:plan-import:' || $1))`, [parsed.plan.code]);
    const planRepo = m.getRepository(Plan);
    const existingPlan = await planRepo.findOne({ where: { code: parsed.plan.code } });
    const audit: AuditEntry[] = [];
    const planFields: Partial<Plan> = {
      title: parsed.plan.title,
      periodStart: parsed.plan.periodStart,
      periodEnd: parsed.plan.periodEnd,
      issuedOn: parsed.plan.issuedOn,
      preface: parsed.plan.preface,
      notice: parsed.plan.notice,
      indicatorTable: parsed.indicatorTable,
      referenceTables: parsed.referenceTables,
    };
    let plan: Plan;
    if (!existingPlan) {
      plan = await planRepo.save(planRepo.create({ code: parsed.plan.code, status: 'draft', sourceSha256: sha, ...planFields }));
      audit.push({
        action: 'import',
        entity: 'Plan',
        entityId: plan.id,
        planId: plan.id,
        after: { ...plan, preface: undefined, notice: undefined },
      });
    } else {
      plan = existingPlan;
      const diff = changedFields(plan, planFields, PLAN_FIELDS);
      if (diff.length > 0) {
        const before = { ...plan };
        Object.assign(plan, planFields, { version: plan.version + 1 });
        await planRepo.update({ id: plan.id }, { ...planFields, version: plan.version, sourceSha256: sha });
        audit.push({
          action: 'reimport',
          entity: 'Plan',
          entityId: plan.id,
          planId: plan.id,
          before: pick(before, diff),
          after: pick(plan, diff),
        });
      }
    }

    const unitIdByCode = new Map(units.map((u) => [u.code, u.id]));
    const oldItems = await m.getRepository(PlanItem).find({ where: { planId: plan.id } });
    const oldTerms = await m.getRepository(GlossaryTerm).find({ where: { planId: plan.id } });
    const oldIndicators = await m.getRepository(Indicator).find({ where: { planId: plan.id } });

    // Ids first (kept for matched rows), then the links between items and glossary terms.
    const itemMatch = matchRows(parsed.items, oldItems, [(r) => `${r.kind}|${r.title}`, (r) => `${r.kind}|${r.number}`]);
    const itemIds = parsed.items.map((_, i) => itemMatch[i]?.id ?? randomUUID());
    const itemIdByKey = new Map(parsed.items.map((it, i) => [it.key, itemIds[i]]));
    const termMatch = matchRows(parsed.glossary, oldTerms, [(r) => `${r.term}|${r.explanation}`, (r) => String(r.number)]);
    const termIds = parsed.glossary.map((_, i) => termMatch[i]?.id ?? randomUUID());
    const termIdsByName = new Map<string, string[]>();
    parsed.glossary.forEach((g, i) => termIdsByName.set(g.term, [...(termIdsByName.get(g.term) ?? []), termIds[i]]));
    const termIdByNumber = new Map(parsed.glossary.map((g, i) => [g.number, termIds[i]]));

    const itemRows: Partial<PlanItem>[] = parsed.items.map((it, i) => ({
      id: itemIds[i],
      planId: plan.id,
      parentId: it.parentKey ? (itemIdByKey.get(it.parentKey) ?? null) : null,
      kind: it.kind,
      number: it.number,
      title: it.title,
      body: it.body,
      assignable: it.assignable,
      position: i,
      line: it.line,
      milestones: it.milestones,
      periods: it.periods,
      targets: it.targets,
      subItems: it.subItems,
      mentionedOrgUnitIds: it.mentionedUnitCodes.map((c) => unitIdByCode.get(c)).filter((id): id is string => !!id),
      glossaryTermIds: unique(
        it.footnoteNumbers.length > 0
          ? it.footnoteNumbers.map((n) => termIdByNumber.get(n)).filter((id): id is string => !!id)
          : it.glossaryTerms.flatMap((t) => termIdsByName.get(t) ?? []),
      ),
    }));
    const termRows: Partial<GlossaryTerm>[] = parsed.glossary.map((g, i) => ({
      id: termIds[i],
      planId: plan.id,
      number: g.number,
      term: g.term,
      explanation: g.explanation,
      itemIds: unique(g.itemKeys.map((k) => itemIdByKey.get(k)).filter((id): id is string => !!id)),
    }));
    const indicatorMatch = matchRows(parsed.indicators, oldIndicators, [(r) => `${r.name}|${r.scope}`, (r) => `${r.number}|${r.scope}`]);
    const indicatorRows: Partial<Indicator>[] = parsed.indicators.map((ind, i) => ({
      id: indicatorMatch[i]?.id ?? randomUUID(),
      planId: plan.id,
      number: ind.number,
      position: i,
      category: ind.category,
      name: ind.name,
      scope: ind.scope,
      unit: ind.unit,
      baseline: ind.baseline,
      baselineText: ind.baselineText,
      target: ind.target,
      cumulativeTarget: ind.cumulativeTarget,
      targetText: ind.targetText,
      cumulativeText: ind.cumulativeText,
      binding: ind.binding,
      direction: ind.direction,
      comparator: ind.comparator,
      orgUnitId: scopeUnit(ind.scope, units),
      // the office's choice survives a re-import; a new row (or one never assigned) takes the default
      responsibleOrgUnitId: indicatorMatch[i]?.responsibleOrgUnitId ?? dutyUnit(ind.name, ind.scope, units),
    }));

    const result: ImportResult = {
      plan,
      created: !existingPlan,
      encoding,
      counts: countParsed(parsed),
      added: [],
      removed: [],
      changed: [],
      problems: parsed.problems,
    };
    const total = itemRows.length + termRows.length + indicatorRows.length;
    let done = 0;
    const step = (n: number) => progress('写入', (done += n), total);

    const items = await this.sync(m, PlanItem, plan.id, itemRows, itemMatch, oldItems, ITEM_FIELDS, 'PlanItem', audit, step);
    const describe = (r: Partial<PlanItem>, fields?: string[]): ImportedRow => ({
      kind: r.kind!,
      number: r.number!,
      title: r.title!,
      ...(fields ? { fields } : {}),
    });
    result.added.push(...items.added.map((r) => describe(r)));
    result.changed.push(...items.changed.map(([r, f]) => describe(r, f)));
    result.removed.push(...items.removed.map((r) => describe(r)));
    const terms = await this.sync(m, GlossaryTerm, plan.id, termRows, termMatch, oldTerms, TERM_FIELDS, 'GlossaryTerm', audit, step);
    const term = (r: Partial<GlossaryTerm>, fields?: string[]): ImportedRow => ({
      kind: 'glossary',
      number: String(r.number),
      title: r.term!,
      ...(fields ? { fields } : {}),
    });
    result.added.push(...terms.added.map((r) => term(r)));
    result.changed.push(...terms.changed.map(([r, f]) => term(r, f)));
    result.removed.push(...terms.removed.map((r) => term(r)));
    const inds = await this.sync(
      m,
      Indicator,
      plan.id,
      indicatorRows,
      indicatorMatch,
      oldIndicators,
      INDICATOR_FIELDS,
      'Indicator',
      audit,
      step,
    );
    const ind = (r: Partial<Indicator>, fields?: string[]): ImportedRow => ({
      kind: 'indicator',
      number: String(r.number),
      title: `${r.name}（${r.scope}）`,
      ...(fields ? { fields } : {}),
    });
    result.added.push(...inds.added.map((r) => ind(r)));
    result.changed.push(...inds.changed.map(([r, f]) => ind(r, f)));
    result.removed.push(...inds.removed.map((r) => ind(r)));

    await this.audit.record(m, actor?.id ?? null, audit);
    result.plan = await planRepo.findOneByOrFail({ id: plan.id });
    return result;
  }

  /** Inserts new rows, updates changed ones (version + 1), deletes the ones the document no longer has. */
  private async sync<E extends { id: string; version: number }>(
    m: EntityManager,
    entity: new () => E,
    planId: string,
    rows: Partial<E>[],
    match: (E | null)[],
    old: E[],
    fields: readonly (keyof E)[],
    name: string,
    audit: AuditEntry[],
    step: (n: number) => void,
  ): Promise<{ added: Partial<E>[]; changed: [Partial<E>, string[]][]; removed: E[] }> {
    const repo = m.getRepository(entity);
    const added: Partial<E>[] = [];
    const changed: [Partial<E>, string[]][] = [];
    rows.forEach((row, i) => {
      const prev = match[i];
      if (!prev) {
        added.push(row);
        audit.push({ action: 'import', entity: name, entityId: row.id!, planId, after: row });
        return;
      }
      const diff = changedFields(prev, row, fields);
      if (diff.length > 0) {
        changed.push([{ ...row, version: prev.version + 1 } as Partial<E>, diff.map(String)]);
        audit.push({ action: 'reimport', entity: name, entityId: prev.id, planId, before: pick(prev, diff), after: pick(row as E, diff) });
      }
    });
    const kept = new Set(match.filter((e): e is E => !!e).map((e) => e.id));
    const removed = old.filter((e) => !kept.has(e.id));
    if (removed.length > 0) {
      await repo.delete(removed.map((r) => r.id));
      for (const r of removed) audit.push({ action: 'remove', entity: name, entityId: r.id, planId, before: r });
    }
    for (let i = 0; i < added.length; i += 500) {
      await repo.insert(added.slice(i, i + 500) as never);
      step(Math.min(500, added.length - i));
    }
    for (const [row] of changed) await repo.update(row.id!, row as never);
    step(rows.length - added.length);
    return { added, changed, removed };
  }
}

function pick<T extends object>(row: T, fields: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(fields.map((f) => [f, row[f]])) as Partial<T>;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/** An indicator row scoped to one county or zone ("袁州区", "宜春经开区") belongs to that unit. */
function dutyUnit(name: string, scope: string, units: OrgUnit[]): string | null {
  const code = defaultIndicatorDuty(name, scope);
  return units.find((u) => u.code === code)?.id ?? null;
}

function scopeUnit(scope: string, units: OrgUnit[]): string | null {
  const hit = units.find(
    (u) => (u.kind === 'county' || u.kind === 'zone') && [u.name, ...u.aliases].some((a) => scope === a || scope.startsWith(a)),
  );
  return hit?.id ?? null;
}
