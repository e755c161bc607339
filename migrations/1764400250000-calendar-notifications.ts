import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statutory calendar (years the data covers, their holidays and make-up working days, and the derived
 * per-date table the sweep's SQL joins) and the notifications: in-app inbox rows plus a delivery outbox.
 */
export class CalendarNotifications1764400250000 implements MigrationInterface {
  name = 'CalendarNotifications1764400250000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
        source text NOT NULL CHECK (source IN ('chinese-days','state-council','weekends-only')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday','workday')),
        name text NOT NULL DEFAULT ''
      )`);
    // Derived from the two tables above (rebuilt in the same transaction as any change to them):
    // one row per date of every covered year; work_seq counts working days from the first covered date,
    // so "working days after D up to and including T" is T.work_seq - D.work_seq.
    await q.query(`
      CREATE TABLE calendar_dates (
        date date PRIMARY KEY,
        working boolean NOT NULL,
        work_seq int NOT NULL
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid REFERENCES plans (id) ON DELETE RESTRICT,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        dedupe_key text
      )`);
    // NULL dedupe keys never collide; a repeated key for the same user is skipped (ON CONFLICT DO NOTHING).
    await q.query(`CREATE UNIQUE INDEX notifications_user_dedupe_key ON notifications (user_id, dedupe_key)`);
    await q.query(`CREATE INDEX notifications_user_read_idx ON notifications (user_id, read_at, created_at)`);
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at)`);
    await q.query(`CREATE INDEX notifications_user_kind_idx ON notifications (user_id, kind, created_at)`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email','webhook')),
        target text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (status, next_attempt_at)`);
    await q.query(`CREATE INDEX notification_deliveries_notification_idx ON notification_deliveries (notification_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE calendar_dates, calendar_days, calendar_years`);
  }
}
