import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 签收: an assignment is acknowledged by its unit (leader or liaison). Assignments already in the database count as
 * acknowledged on the day they were assigned, so the sweep does not chase years of history; new ones start unacknowledged.
 * The partial index serves the sweep's receipt targets and the office's "not acknowledged" list.
 */
export class AssignmentReceipt1796190300000 implements MigrationInterface {
  name = 'AssignmentReceipt1796190300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments ADD COLUMN acknowledged_at timestamptz, ADD COLUMN acknowledged_by uuid REFERENCES users (id)`);
    await q.query(`UPDATE assignments SET acknowledged_at = (assigned_on::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    await q.query(`CREATE INDEX assignments_unacknowledged_idx ON assignments (assigned_on) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignments_unacknowledged_idx`);
    await q.query(`ALTER TABLE assignments DROP COLUMN acknowledged_by, DROP COLUMN acknowledged_at`);
  }
}
