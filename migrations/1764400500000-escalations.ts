import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Escalations1764400500000 implements MigrationInterface {
  name = 'Escalations1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        org_unit_id uuid NOT NULL REFERENCES org_units (id) ON DELETE RESTRICT,
        target text NOT NULL,
        target_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder','urge','supervision','interview')),
        level int NOT NULL CHECK (level BETWEEN 0 AND 3),
        threshold int NOT NULL,
        days_overdue int NOT NULL DEFAULT 0,
        manual boolean NOT NULL DEFAULT false,
        number text,
        number_seq int,
        reason text NOT NULL DEFAULT '',
        due_at date,
        responded_at timestamptz,
        responded_by uuid REFERENCES users (id),
        response text,
        promised_date date,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES users (id),
        resolved_at timestamptz,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // One notice per (assignment, target chased, kind, threshold reached): a second sweep, or two at once, add nothing.
    await q.query(`CREATE UNIQUE INDEX escalations_notice_key ON escalations (assignment_id, target, kind, threshold)`);
    await q.query(`CREATE UNIQUE INDEX escalations_number_key ON escalations (plan_id, number) WHERE number IS NOT NULL`);
    await q.query(`CREATE INDEX escalations_plan_unit_idx ON escalations (plan_id, org_unit_id, created_at)`);
    await q.query(`CREATE INDEX escalations_unit_created_idx ON escalations (org_unit_id, created_at)`);
    await q.query(
      `CREATE INDEX escalations_open_level_idx ON escalations (assignment_id, level) WHERE resolved_at IS NULL AND kind <> 'reminder'`,
    );
    await q.query(`CREATE INDEX escalations_unanswered_idx ON escalations (due_at) WHERE responded_at IS NULL AND resolved_at IS NULL`);
    await q.query(`CREATE INDEX escalations_kind_created_idx ON escalations (kind, created_at)`);
    await q.query(
      `CREATE INDEX escalations_promised_idx ON escalations (promised_date) WHERE promised_date IS NOT NULL AND resolved_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE escalations`);
  }
}
