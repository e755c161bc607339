import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('office','department','county','zone')),
        aliases text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX org_units_code_key ON org_units (code)`);
    await q.query(`CREATE UNIQUE INDEX org_units_name_key ON org_units (name)`);
    await q.query(`CREATE INDEX org_units_kind_idx ON org_units (kind)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','office','inspector','leader','liaison')),
        org_unit_id uuid REFERENCES org_units (id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        email text,
        token_version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (role NOT IN ('leader','liaison') OR org_unit_id IS NOT NULL),
        CHECK (role <> 'admin' OR org_unit_id IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE INDEX users_org_unit_idx ON users (org_unit_id)`);
    await q.query(`CREATE INDEX users_role_idx ON users (role)`);

    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        chain text NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        plan_id uuid,
        before jsonb,
        after jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX audit_events_chain_seq_key ON audit_events (chain, seq)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id)`);
    await q.query(`CREATE INDEX audit_events_plan_idx ON audit_events (plan_id)`);
    await q.query(`CREATE INDEX audit_events_at_idx ON audit_events (at)`);
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain text PRIMARY KEY,
        last_seq bigint NOT NULL,
        last_hash text NOT NULL,
        count bigint NOT NULL DEFAULT 0
      )`);
    // Append only: no statement rewrites history by accident. Someone who disables the trigger
    // still can, and the hash chain is what finds that.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        blocked_until timestamptz,
        last_failure_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle, settings, audit_chain_heads`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only`);
    await q.query(`DROP TABLE users, org_units`);
  }
}
