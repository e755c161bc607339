import type { EntityManager } from 'typeorm';
import type { ReportAction, ReportStatus, ReportTransition } from '@duban/domain';

/**
 * One step of the report machine written to its row: ONE conditional UPDATE on (id, version, status), for
 * reports and indicator values alike (the indicator values follow the reports' machine). Of any number of
 * concurrent attempts exactly one changes the row and gets `true`; the rest find nothing and get `false` (a 409
 * for the caller). `extra` adds assignments of the table's own columns, its placeholders numbered from $7.
 */
export async function writeReportStep(
  m: EntityManager,
  table: 'reports' | 'indicator_values',
  row: { id: string; version: number; planId: string },
  step: Pick<ReportTransition, 'from' | 'to'>,
  at: Date,
  extra: { set: string; params: unknown[] } = { set: '', params: [] },
): Promise<boolean> {
  const [rows] = (await m.query(
    `UPDATE ${table} SET
       status = $4, version = version + 1, updated_at = now(), waiting_since = $5,
       first_submitted_at = CASE WHEN $4 = 'submitted' THEN COALESCE(first_submitted_at, $5) ELSE first_submitted_at END,
       submitted_at = CASE WHEN $4 = 'submitted' THEN $5 ELSE submitted_at END,
       confirmed_at = CASE WHEN $4 = 'confirmed' THEN $5 ELSE confirmed_at END,
       approved_at = CASE WHEN $4 = 'approved' THEN $5 ELSE approved_at END,
       accepted_at = CASE WHEN $4 = 'accepted' THEN $5 ELSE accepted_at END,
       returned_at = CASE WHEN $4 = 'returned' THEN $5 ELSE returned_at END
       ${extra.set}
     WHERE id = $1 AND version = $2 AND status = $3 AND plan_id = $6
     RETURNING id`,
    [row.id, row.version, step.from, step.to, at, row.planId, ...extra.params],
  )) as [{ id: string }[], number];
  return rows.length > 0;
}

/** One step in the history of a report or an indicator value, with the actor's name. */
export interface StepHistoryView {
  id: string;
  action: ReportAction;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  actorId: string;
  actorName: string;
  comment: string | null;
  at: Date;
}

const HISTORY = {
  reports: { table: 'report_history', key: 'report_id' },
  indicator_values: { table: 'indicator_value_history', key: 'indicator_value_id' },
} as const;

/** The histories of a page of reports or indicator values, in one query whatever the page size; every id has a list. */
export async function stepHistories(
  m: EntityManager,
  of: 'reports' | 'indicator_values',
  ids: string[],
): Promise<Map<string, StepHistoryView[]>> {
  const { table, key } = HISTORY[of];
  const rows = (await m.query(
    `SELECT h.id, h.${key} AS "ownerId", h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus",
            h.actor_id AS "actorId", u.display_name AS "actorName", h.comment, h.at
       FROM ${table} h JOIN users u ON u.id = h.actor_id
      WHERE h.${key} = ANY($1::uuid[])
      ORDER BY h.at, h.id`,
    [ids],
  )) as (StepHistoryView & { ownerId: string })[];
  const byOwner = new Map<string, StepHistoryView[]>(ids.map((id) => [id, []]));
  for (const { ownerId, ...h } of rows) byOwner.get(ownerId)?.push(h);
  return byOwner;
}
