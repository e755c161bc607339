/**
 * GET /api/evaluations?asOf=: one definition of its answer, which the API's evaluations service returns and the
 * console's evaluation page reads.
 */

/** The weights of a score's parts (settings.evaluationWeights), adding up to 1. */
export interface EvaluationWeights {
  onTime: number;
  quality: number;
  indicators: number;
}

/** The presets: the plan's mid-term evaluation and its final assessment (规划第十二章第五节). */
export const EVALUATION_PRESETS = [
  { key: 'mid_term', asOf: '2023-06-30' },
  { key: 'final', asOf: '2025-12-31' },
] as const;

export interface EvaluationRow {
  orgUnitId: string;
  code: string;
  name: string;
  /** departments are ranked among departments; counties and zones among themselves */
  group: 'department' | 'county';
  assignmentsDue: number;
  completedOnTime: number;
  completedLate: number;
  overdueNow: number;
  reportsSubmitted: number;
  reportsOnTime: number;
  reportsApproved: number;
  firstPassApprovalRate: number | null;
  notices: { reminder: number; urge: number; supervision: number; interview: number };
  noticesUnanswered: number;
  extensionsGranted: number;
  indicators: { rows: number; met: number; onTrack: number; atRisk: number; offTrack: number; judged: number; none: number };
  /** 0–1 each: the parts of the score before weighting */
  parts: { onTime: number; quality: number; indicators: number };
  score: number;
  rank: number;
}

export interface Evaluation {
  /** `draft`: computed now; `published`: frozen by the office at `publishedAt` */
  status: 'draft' | 'published';
  publishedAt: string | null;
  sha256: string | null;
  asOf: string;
  planId: string;
  weights: EvaluationWeights;
  rows: EvaluationRow[];
}
