import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decomposition (issue 4): the duty map behind the suggestions, and the indexes the assignments list needs
 * for every filter and sort it offers (the table itself is 1764400200000-assignments).
 */
export class Decomposition1764400400000 implements MigrationInterface {
  name = 'Decomposition1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        keywords text[] NOT NULL CHECK (cardinality(keywords) BETWEEN 1 AND 50),
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        weight int NOT NULL CHECK (weight BETWEEN 1 AND 10),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX duty_rules_org_unit_idx ON duty_rules (org_unit_id)`);
    await q.query(`CREATE INDEX duty_rules_keywords_idx ON duty_rules USING gin (keywords)`);
    await q.query(`CREATE INDEX duty_rules_weight_idx ON duty_rules (weight)`);
    await q.query(`CREATE INDEX duty_rules_created_idx ON duty_rules (created_at)`);
    // Substring search over the keywords: array_to_string is only STABLE, so an IMMUTABLE wrapper makes it indexable.
    await q.query(`
      CREATE FUNCTION duty_rule_keywords_text(text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, ' ') $$`);
    await q.query(`CREATE INDEX duty_rules_keywords_trgm_idx ON duty_rules USING gin (duty_rule_keywords_text(keywords) gin_trgm_ops)`);

    // The assignments list: its default order (deadline, id) without a plan filter (with one, (plan_id, deadline)
    // and an incremental sort serve it); role and createdAt per plan; the unit-scoped lists by unit and status.
    await q.query(`CREATE INDEX assignments_deadline_id_idx ON assignments (deadline, id)`);
    await q.query(`CREATE INDEX assignments_plan_role_idx ON assignments (plan_id, role)`);
    await q.query(`CREATE INDEX assignments_plan_created_idx ON assignments (plan_id, created_at)`);
    await q.query(`CREATE INDEX assignments_created_idx ON assignments (created_at)`);
    await q.query(`CREATE INDEX assignments_unit_status_idx ON assignments (org_unit_id, status)`);
    // q over the item's number and title (the join target of the assignments list).
    await q.query(`CREATE INDEX plan_items_number_title_trgm_idx ON plan_items USING gin ((number || ' ' || title) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX plan_items_number_title_trgm_idx`);
    await q.query(
      `DROP INDEX assignments_unit_status_idx, assignments_created_idx, assignments_plan_created_idx, assignments_plan_role_idx, assignments_deadline_id_idx`,
    );
    await q.query(`DROP TABLE duty_rules`);
    await q.query(`DROP FUNCTION duty_rule_keywords_text(text[])`);
  }
}
