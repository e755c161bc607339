import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_DUTY_RULES } from '../../../../../seeds/duty-rules';
import { AuditService } from '../../core/audit/audit.service';

/** On an empty duty map: the default rules of seeds/duty-rules.ts (after the org units; it does not read the plan). */
@Injectable()
export class DutyRulesSeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async seed(): Promise<{ rules: number; skippedUnits: string[] } | null> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('duban:duty-rules'))`);
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM duty_rules`)) as { n: number }[];
      if (n > 0) return null;
      const units = new Map(
        ((await m.query(`SELECT id, code FROM org_units WHERE kind = 'department'`)) as { id: string; code: string }[]).map((u) => [
          u.code,
          u.id,
        ]),
      );
      const rules = DEFAULT_DUTY_RULES.filter((r) => units.has(r.unit));
      const skippedUnits = [...new Set(DEFAULT_DUTY_RULES.filter((r) => !units.has(r.unit)).map((r) => r.unit))];
      if (rules.length === 0) return { rules: 0, skippedUnits };
      const inserted = (await m.query(
        // clock_timestamp() keeps the seed's order in created_at (the list's default sort).
        `INSERT INTO duty_rules (keywords, org_unit_id, weight, created_at, updated_at)
         SELECT ARRAY(SELECT jsonb_array_elements_text(t.keywords)), t.unit, t.weight, clock_timestamp(), clock_timestamp()
           FROM unnest($1::jsonb[], $2::uuid[], $3::int[]) WITH ORDINALITY AS t(keywords, unit, weight, n)
          ORDER BY t.n
         RETURNING id, keywords, org_unit_id AS "orgUnitId", weight`,
        [rules.map((r) => JSON.stringify(r.keywords)), rules.map((r) => units.get(r.unit)), rules.map((r) => r.weight)],
      )) as { id: string; keywords: string[]; orgUnitId: string; weight: number }[];
      await this.audit.record(
        m,
        null,
        inserted.map((r) => ({ action: 'seed', entity: 'DutyRule', entityId: r.id, after: r })),
      );
      if (skippedUnits.length > 0)
        this.logger.warn(`duty rules: no department with code ${skippedUnits.join(', ')}; their rules were skipped`);
      this.logger.log(`duty rules: ${inserted.length} for ${new Set(rules.map((r) => r.unit)).size} departments`);
      return { rules: inserted.length, skippedUnits };
    });
  }
}
