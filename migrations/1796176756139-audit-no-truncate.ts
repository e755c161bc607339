import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TRUNCATE fires no row trigger, so it passed the append-only rule and left an empty chain that verified.
 * A statement trigger refuses it on the events and on the chain heads alike.
 */
export class AuditNoTruncate1796176756139 implements MigrationInterface {
  name = 'AuditNoTruncate1796176756139';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_chain_heads_no_truncate ON audit_chain_heads`);
    await q.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
  }
}
