import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Plans1764400100000 implements MigrationInterface {
  name = 'Plans1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        title text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        issued_on date,
        preface text NOT NULL DEFAULT '',
        notice text NOT NULL DEFAULT '',
        indicator_table jsonb,
        reference_tables jsonb NOT NULL DEFAULT '[]',
        source_sha256 text,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (period_start <= period_end)
      )`);
    await q.query(`CREATE UNIQUE INDEX plans_code_key ON plans (code)`);
    await q.query(`CREATE INDEX plans_status_idx ON plans (status)`);

    await q.query(`
      CREATE TABLE plan_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES plan_items (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('chapter','section','measure','column','project','block')),
        number text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        assignable boolean NOT NULL DEFAULT false,
        position int NOT NULL,
        line int,
        milestones jsonb NOT NULL DEFAULT '[]',
        periods jsonb NOT NULL DEFAULT '[]',
        targets jsonb NOT NULL DEFAULT '[]',
        sub_items jsonb NOT NULL DEFAULT '[]',
        mentioned_org_unit_ids uuid[] NOT NULL DEFAULT '{}',
        glossary_term_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // Deferred, so a re-import may shift numbers between items inside one transaction.
    await q.query(
      `ALTER TABLE plan_items ADD CONSTRAINT plan_items_plan_kind_number_key UNIQUE (plan_id, kind, number) DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(`CREATE INDEX plan_items_plan_position_idx ON plan_items (plan_id, position)`);
    await q.query(`CREATE INDEX plan_items_parent_idx ON plan_items (parent_id)`);
    await q.query(`CREATE INDEX plan_items_plan_kind_idx ON plan_items (plan_id, kind)`);
    // Chinese text search: trigram GIN over title and body serves ILIKE '%…%' (pg_trgm with UTF-8).
    await q.query(`CREATE INDEX plan_items_text_trgm_idx ON plan_items USING gin ((title || ' ' || body) gin_trgm_ops)`);
    await q.query(`CREATE INDEX plan_items_units_idx ON plan_items USING gin (mentioned_org_unit_ids)`);

    await q.query(`
      CREATE TABLE glossary_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        number int NOT NULL,
        term text NOT NULL,
        explanation text NOT NULL,
        item_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(
      `ALTER TABLE glossary_terms ADD CONSTRAINT glossary_terms_plan_number_key UNIQUE (plan_id, number) DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(`CREATE INDEX glossary_terms_term_trgm_idx ON glossary_terms USING gin ((term || ' ' || explanation) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        number int NOT NULL,
        position int NOT NULL,
        category text NOT NULL DEFAULT '',
        name text NOT NULL,
        scope text NOT NULL,
        unit text NOT NULL DEFAULT '',
        baseline numeric,
        baseline_text text NOT NULL DEFAULT '',
        target numeric,
        cumulative_target numeric,
        target_text text NOT NULL DEFAULT '',
        cumulative_text text NOT NULL DEFAULT '',
        binding boolean NOT NULL,
        direction text NOT NULL CHECK (direction IN ('lower','higher','hold','judged')),
        org_unit_id uuid REFERENCES org_units (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(
      `ALTER TABLE indicators ADD CONSTRAINT indicators_plan_number_scope_key UNIQUE (plan_id, number, scope) DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(`CREATE INDEX indicators_plan_position_idx ON indicators (plan_id, position)`);
    await q.query(`CREATE INDEX indicators_org_unit_idx ON indicators (org_unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE indicators, glossary_terms, plan_items, plans`);
  }
}
