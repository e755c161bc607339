import type { EscalationKind, OrgUnitKind } from './enums';

/**
 * The rows of GET /api/dashboard/{summary|by-unit|by-county|by-chapter|by-level}: one definition, which the API's
 * dashboards service returns and the console's charts read.
 */

/** The counts every dashboard row carries (cancelled work is left out of all of them). */
export interface WorkCounts {
  total: number;
  open: number;
  completed: number;
  closureRequested: number;
  overdue: number;
  green: number;
  yellow: number;
  red: number;
  /** Completed share of the work, in percent with one decimal. */
  completionRate: number;
  /** The highest ladder level among the work (0–3). */
  maxLevel: number;
}

export interface DashboardSummary extends WorkCounts {
  today: string;
  /** Open work per ladder level, 0 to 3. */
  levels: [number, number, number, number];
  awaitingConfirmation: number;
  awaitingReview: number;
  /** Approved final reports waiting for the office's 销号. */
  awaitingAcceptance: number;
  /** 签收: open work its unit has not acknowledged yet. */
  unacknowledged: number;
  /** Notices whose answer date passed without an answer (the office's chase list). */
  unansweredNotices: number;
  calendarWarning: string | null;
}

/** One unit (by-unit) or one county (by-county). */
export interface DashboardUnitRow extends WorkCounts {
  orgUnitId: string;
  orgUnitName: string;
  orgUnitKind: OrgUnitKind;
  unansweredNotices: number;
}

export interface DashboardChapterRow extends WorkCounts {
  chapterId: string;
  chapterNumber: string;
  chapterTitle: string;
}

export interface DashboardLevels {
  levels: { level: number; open: number }[];
  notices: { kind: EscalationKind; total: number; open: number; answered: number; unanswered: number }[];
}
