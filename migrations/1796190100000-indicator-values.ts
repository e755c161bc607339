import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly indicator values (2021–2025, one per indicator row and year), entered by the responsible unit's liaison
 * and carried through the report machine (draft → submitted → confirmed → approved → accepted, or returned), with
 * their history; evidence rows gain the foreign key their indicator_value_id column was waiting for.
 */
export class IndicatorValues1796190100000 implements MigrationInterface {
  name = 'IndicatorValues1796190100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        year int NOT NULL CHECK (year BETWEEN 2021 AND 2025),
        value numeric,
        text text NOT NULL DEFAULT '',
        assessment text CHECK (assessment IN ('met','on_track','at_risk','off_track')),
        assessment_reason text,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','submitted','confirmed','approved','accepted','returned')),
        created_by uuid NOT NULL REFERENCES users (id),
        first_submitted_at timestamptz,
        submitted_at timestamptz,
        confirmed_at timestamptz,
        approved_at timestamptz,
        accepted_at timestamptz,
        returned_at timestamptz,
        waiting_since timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // One value per row and year; also serves the indicatorId filter.
    await q.query(`CREATE UNIQUE INDEX indicator_values_indicator_year_key ON indicator_values (indicator_id, year)`);
    await q.query(`CREATE INDEX indicator_values_unit_status_idx ON indicator_values (org_unit_id, status, waiting_since)`);
    await q.query(`CREATE INDEX indicator_values_plan_status_idx ON indicator_values (plan_id, status, waiting_since)`);
    await q.query(`
      CREATE TABLE indicator_value_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_value_id uuid NOT NULL REFERENCES indicator_values (id) ON DELETE RESTRICT,
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        action text NOT NULL CHECK (action IN ('submit','confirm','approve','return','accept')),
        from_status text NOT NULL,
        to_status text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        comment text,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX indicator_value_history_value_at_idx ON indicator_value_history (indicator_value_id, at)`);
    await q.query(
      `ALTER TABLE evidence ADD CONSTRAINT evidence_indicator_value_fk FOREIGN KEY (indicator_value_id) REFERENCES indicator_values (id) ON DELETE RESTRICT`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence DROP CONSTRAINT evidence_indicator_value_fk`);
    await q.query(`DROP TABLE indicator_value_history, indicator_values`);
  }
}
