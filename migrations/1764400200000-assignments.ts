import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assignments1764400200000 implements MigrationInterface {
  name = 'Assignments1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        plan_item_id uuid NOT NULL REFERENCES plan_items (id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('lead','support','county')),
        deadline date NOT NULL,
        milestones jsonb NOT NULL DEFAULT '[]',
        report_cycle text NOT NULL CHECK (report_cycle IN ('monthly','quarterly','semiannual','annual')),
        status text NOT NULL DEFAULT 'not_started'
          CHECK (status IN ('not_started','in_progress','closure_requested','completed','cancelled')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        assigned_on date NOT NULL,
        closure_requested_on date,
        completed_at timestamptz,
        completed_by uuid REFERENCES users (id),
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX assignments_item_unit_key ON assignments (plan_item_id, org_unit_id)`);
    await q.query(`CREATE INDEX assignments_plan_unit_idx ON assignments (plan_id, org_unit_id, deadline)`);
    await q.query(`CREATE INDEX assignments_plan_deadline_idx ON assignments (plan_id, deadline)`);
    await q.query(`CREATE INDEX assignments_plan_status_idx ON assignments (plan_id, status)`);
    await q.query(`CREATE INDEX assignments_unit_deadline_idx ON assignments (org_unit_id, deadline)`);
    await q.query(`CREATE INDEX assignments_open_deadline_idx ON assignments (deadline) WHERE status NOT IN ('completed','cancelled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignments`);
  }
}
