import { INDICATOR_YEARS, type IndicatorStatus } from '@duban/domain';

/** The colour of an indicator status (the words are libs/domain's labels, duban.indicatorStatus.*). */
export const STATUS_COLOR: Record<IndicatorStatus, string> = {
  met: '#2e7d32',
  on_track: '#0288d1',
  at_risk: '#ed6c02',
  off_track: '#d32f2f',
  judged: '#7b1fa2',
};

export interface IndicatorRow {
  id: string;
  number: number;
  position: number;
  category: string;
  name: string;
  scope: string;
  unit: string;
  baseline: number | null;
  baselineText: string;
  target: number | null;
  cumulativeTarget: number | null;
  targetText: string;
  cumulativeText: string;
  binding: boolean;
  responsibleOrgUnitId: string | null;
  version: number;
  status: Record<string, IndicatorStatus | null>;
  projection2025: number | null;
  missYear: number | null;
}

/** The latest year that has a status, and that status. */
export function latestStatus(row: IndicatorRow): { year: number; status: IndicatorStatus } | null {
  for (const year of [...INDICATOR_YEARS].reverse()) {
    const status = row.status?.[year];
    if (status) return { year, status };
  }
  return null;
}

/** 约束性 rows off track now, or projected to miss the target: flagged, and listed first. */
export function flagOf(row: IndicatorRow): { kind: 'off'; year: number } | { kind: 'miss'; year: number } | null {
  if (!row.binding) return null;
  const latest = latestStatus(row);
  if (latest?.status === 'off_track') return { kind: 'off', year: latest.year };
  if (row.missYear !== null && row.missYear !== undefined) return { kind: 'miss', year: row.missYear };
  return null;
}

/** Flagged rows first, each group in the document's order. */
export function flaggedFirst(rows: IndicatorRow[]): IndicatorRow[] {
  return [...rows].sort((a, b) => Number(!!flagOf(b)) - Number(!!flagOf(a)) || a.position - b.position);
}
