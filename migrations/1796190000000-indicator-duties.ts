import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators gain the bound their target writes (`comparator`: ≥ / < / 以内 / 左右 …, which decides how a value
 * is judged) and the unit responsible for reporting them (`responsible_org_unit_id`, a default from
 * seeds/indicator-duties.ts that the office may change). Rows already there take a comparator read from their
 * target text; the plan's next import fills the responsible unit where it is still empty.
 */
export class IndicatorDuties1796190000000 implements MigrationInterface {
  name = 'IndicatorDuties1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicators ADD COLUMN comparator text NOT NULL DEFAULT '='`);
    await q.query(`ALTER TABLE indicators ADD COLUMN responsible_org_unit_id uuid REFERENCES org_units (id)`);
    await q.query(`CREATE INDEX indicators_responsible_idx ON indicators (responsible_org_unit_id)`);
    await q.query(`
      UPDATE indicators SET comparator = CASE
        WHEN direction = 'judged' THEN 'judged'
        WHEN target_text ~ '(左右|约)' THEN '≈'
        WHEN target_text ~ '(≥|不低于|不少于|以上)' THEN '>='
        WHEN target_text ~ '(≤|不高于|不超过|以下|以内)' THEN '<='
        WHEN target_text ~ '[<＜]' THEN '<'
        WHEN target_text ~ '[>＞]' THEN '>'
        ELSE '=' END`);
    // A bracketed 2020 figure ("[19.5]") is a five-year sum, never a level (表2 note 6).
    await q.query(`UPDATE indicators SET baseline = NULL WHERE baseline_text ~ '^[\\[［【].*[\\]］】]$'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicators DROP COLUMN responsible_org_unit_id, DROP COLUMN comparator`);
  }
}
