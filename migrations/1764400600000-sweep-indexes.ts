import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the sweep reads besides open deadlines: the open work that has milestones. */
export class SweepIndexes1764400600000 implements MigrationInterface {
  name = 'SweepIndexes1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX assignments_open_milestones_idx ON assignments (id) WHERE milestones <> '[]'::jsonb AND status IN ('not_started', 'in_progress')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assignments_open_milestones_idx`);
  }
}
