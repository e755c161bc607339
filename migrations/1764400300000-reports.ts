import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Progress reports, their transition history, and evidence files (issue 5). */
export class Reports1764400300000 implements MigrationInterface {
  name = 'Reports1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$'),
        summary text NOT NULL,
        progress int NOT NULL CHECK (progress BETWEEN 0 AND 100),
        final boolean NOT NULL DEFAULT false,
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
        version int NOT NULL DEFAULT 1,
        CHECK (status <> 'accepted' OR final)
      )`);
    // One report per assignment and period; also serves the assignmentId filter.
    await q.query(`CREATE UNIQUE INDEX reports_assignment_period_key ON reports (assignment_id, period)`);
    // The queues: by status (and plan, or unit), oldest waiting first.
    await q.query(`CREATE INDEX reports_plan_status_waiting_idx ON reports (plan_id, status, waiting_since)`);
    await q.query(`CREATE INDEX reports_status_waiting_idx ON reports (status, waiting_since)`);
    await q.query(`CREATE INDEX reports_unit_status_waiting_idx ON reports (org_unit_id, status, waiting_since)`);
    await q.query(`CREATE INDEX reports_final_status_waiting_idx ON reports (status, waiting_since) WHERE final`);
    await q.query(`CREATE INDEX reports_period_idx ON reports (period)`);
    await q.query(`CREATE INDEX reports_created_at_idx ON reports (created_at)`);
    await q.query(`CREATE INDEX reports_submitted_at_idx ON reports (submitted_at)`);

    await q.query(`
      CREATE TABLE report_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES reports (id) ON DELETE RESTRICT,
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        action text NOT NULL CHECK (action IN ('submit','confirm','approve','return','accept')),
        from_status text NOT NULL,
        to_status text NOT NULL,
        actor_id uuid NOT NULL REFERENCES users (id),
        comment text,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX report_history_report_at_idx ON report_history (report_id, at)`);
    await q.query(`CREATE INDEX report_history_plan_at_idx ON report_history (plan_id, at)`);

    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        report_id uuid REFERENCES reports (id) ON DELETE RESTRICT,
        indicator_value_id uuid,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        mime_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        captured_at timestamptz,
        gps jsonb,
        withdrawn boolean NOT NULL DEFAULT false,
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users (id),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (num_nonnulls(report_id, indicator_value_id) = 1)
      )`);
    // The same file twice on one report (or indicator value) is stored once; also serve those filters.
    await q.query(`CREATE UNIQUE INDEX evidence_report_sha256_key ON evidence (report_id, sha256) WHERE report_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX evidence_indicator_value_sha256_key ON evidence (indicator_value_id, sha256) WHERE indicator_value_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX evidence_storage_key_key ON evidence (storage_key)`);
    await q.query(`CREATE INDEX evidence_plan_created_idx ON evidence (plan_id, created_at)`);
    await q.query(`CREATE INDEX evidence_unit_created_idx ON evidence (org_unit_id, created_at)`);
    await q.query(`CREATE INDEX evidence_created_idx ON evidence (created_at)`);
    await q.query(`CREATE INDEX evidence_withdrawn_created_idx ON evidence (created_at) WHERE withdrawn`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence`);
    await q.query(`DROP TABLE report_history`);
    await q.query(`DROP TABLE reports`);
  }
}
