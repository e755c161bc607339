import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published monthly bulletins (通报): the frozen .docx and .xlsx bytes and their sha256, one per plan and month.
 * `bulletin_months` lists every month of every published plan: published where a row exists, else the live draft.
 * A month's id is the same before and after publication (derived from plan and month).
 */
export class Bulletins1796179154305 implements MigrationInterface {
  name = 'Bulletins1796179154305';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletins (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plans (id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        as_of date NOT NULL,
        docx bytea NOT NULL,
        xlsx bytea NOT NULL,
        sha256 text NOT NULL,
        xlsx_sha256 text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        UNIQUE (plan_id, month)
      )`);
    await q.query(`
      CREATE VIEW bulletin_months AS
      SELECT md5(p.id::text || ':' || to_char(m, 'YYYY-MM'))::uuid AS id,
             p.id AS plan_id,
             to_char(m, 'YYYY-MM') AS month,
             CASE WHEN b.id IS NULL THEN 'draft' ELSE 'published' END AS status,
             to_char(b.as_of, 'YYYY-MM-DD') AS as_of, b.sha256, b.xlsx_sha256, b.published_at, b.published_by,
             coalesce(b.created_at, p.created_at) AS created_at,
             coalesce(b.updated_at, p.updated_at) AS updated_at,
             coalesce(b.version, 1) AS version
        FROM plans p
       CROSS JOIN LATERAL generate_series(date_trunc('month', p.period_start), p.period_end, interval '1 month') AS m
        LEFT JOIN bulletins b ON b.plan_id = p.id AND b.month = to_char(m, 'YYYY-MM')
       WHERE p.status = 'published'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW bulletin_months`);
    await q.query(`DROP TABLE bulletins`);
  }
}
