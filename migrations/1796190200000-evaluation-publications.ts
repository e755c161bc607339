import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A published evaluation: frozen as it stood when the office published it (like a bulletin), one per plan and date. */
export class EvaluationPublications1796190200000 implements MigrationInterface {
  name = 'EvaluationPublications1796190200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation_publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        as_of date NOT NULL,
        data jsonb NOT NULL,
        sha256 text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES users (id),
        UNIQUE (plan_id, as_of)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluation_publications`);
  }
}
