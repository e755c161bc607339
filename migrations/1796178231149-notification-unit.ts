import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification remembers the unit its recipient belonged to when it was sent: a user moved to another unit no
 * longer reads the old unit's notices (the Notification rule in libs/permissions). Rows already there take the
 * recipient's present unit.
 */
export class NotificationUnit1796178231149 implements MigrationInterface {
  name = 'NotificationUnit1796178231149';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN org_unit_id uuid REFERENCES org_units (id)`);
    await q.query(`UPDATE notifications n SET org_unit_id = u.org_unit_id FROM users u WHERE u.id = n.user_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN org_unit_id`);
  }
}
