/**
 * Judging the plan's indicators (表2) year by year, pure: a value against the straight path from the 2020
 * baseline to the 2025 target, aware of the indicator's direction and of the bound its target writes.
 *
 * - `met`: the value satisfies the 2025 target already (≥ 65 reached, PM2.5 at or under 29, forest cover ≥ 57.12).
 * - `on_track`: not yet met, but at or beyond the straight path for that year.
 * - `at_risk`: behind the path, yet better than the baseline (progress, too slow); with no baseline to draw a path
 *   from, a value short of the target whose trend still reaches it by 2025 is `on_track`, else `at_risk`.
 * - `off_track`: no better than the baseline; short of the target in 2025; or a bound the baseline already
 *   satisfied (hold steady: forest cover ≥ 57.12, accidents < 1.3, 100% of drinking-water sources) broken.
 * - `judged`: a target in words (稳中向好, 完成省下达目标): the inspector's assessment decides, never arithmetic;
 *   `judged` until one is given.
 * A five-year cumulative target ("[0.5]" 万吨 reduced) sums the years' values and takes the path from 0.
 */

export const INDICATOR_STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'judged'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];
/** What an inspector may say of a target in words. */
export const INDICATOR_ASSESSMENTS = ['met', 'on_track', 'at_risk', 'off_track'] as const;
export type IndicatorAssessment = (typeof INDICATOR_ASSESSMENTS)[number];

export type IndicatorDirectionName = 'lower' | 'higher' | 'hold' | 'judged';
export type IndicatorComparatorName = '>=' | '>' | '<=' | '<' | '≈' | '=' | 'judged';

export const PLAN_BASE_YEAR = 2020;
export const PLAN_TARGET_YEAR = 2025;
export const INDICATOR_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
/** "93.00左右": within 1% of the target counts as reaching it. */
export const APPROX_TOLERANCE = 0.01;

export interface IndicatorTarget {
  baseline: number | null;
  target: number | null;
  cumulativeTarget: number | null;
  direction: IndicatorDirectionName;
  comparator: IndicatorComparatorName;
}

export interface IndicatorYearValue {
  year: number;
  value: number | null;
  assessment?: IndicatorAssessment | null;
}

export interface IndicatorJudgement {
  /** per year 2021–2025; null where no value (or assessment) is known for that year */
  status: Record<number, IndicatorStatus | null>;
  /** the 2025 value if the linear trend of the years so far holds (the five-year sum for a cumulative target) */
  projection2025: number | null;
  /** the first year the target is missed if the trend holds; null when it holds or cannot be told */
  missYear: number | null;
}

export function isJudgedTarget(t: IndicatorTarget): boolean {
  return t.direction === 'judged' || t.comparator === 'judged' || (t.target === null && t.cumulativeTarget === null);
}

function isCumulative(t: IndicatorTarget): boolean {
  return t.target === null && t.cumulativeTarget !== null;
}

/** Which way is better: cumulative sums and ≥/> bounds rise; </≤ bounds fall; '=' follows the direction. */
function sense(t: IndicatorTarget): 'higher' | 'lower' | 'hold' {
  if (isCumulative(t)) return 'higher';
  if (t.comparator === '>=' || t.comparator === '>') return 'higher';
  if (t.comparator === '<=' || t.comparator === '<') return 'lower';
  return t.direction === 'lower' ? 'lower' : t.direction === 'hold' ? 'hold' : 'higher';
}

/** Whether a value satisfies the 2025 target as written. */
export function meetsTarget(t: IndicatorTarget, value: number): boolean {
  const goal = isCumulative(t) ? (t.cumulativeTarget as number) : t.target;
  if (goal === null) return false;
  const eps = 1e-9;
  switch (isCumulative(t) ? '>=' : t.comparator) {
    case '>=':
      return value >= goal - eps;
    case '>':
      return value > goal;
    case '<=':
      return value <= goal + eps;
    case '<':
      return value < goal;
    case '≈': {
      const slack = Math.abs(goal) * APPROX_TOLERANCE || APPROX_TOLERANCE;
      const s = sense(t);
      if (s === 'higher') return value >= goal - slack;
      if (s === 'lower') return value <= goal + slack;
      return Math.abs(value - goal) <= slack;
    }
    default: {
      const s = sense(t);
      if (s === 'higher') return value >= goal - eps;
      if (s === 'lower') return value <= goal + eps;
      return Math.abs(value - goal) <= eps;
    }
  }
}

/** The straight path from the baseline (2020) to the target (2025); a cumulative target's path starts at 0. */
export function pathValue(t: IndicatorTarget, year: number): number | null {
  const share = (year - PLAN_BASE_YEAR) / (PLAN_TARGET_YEAR - PLAN_BASE_YEAR);
  if (isCumulative(t)) return (t.cumulativeTarget as number) * share;
  if (t.baseline === null || t.target === null) return null;
  return t.baseline + (t.target - t.baseline) * share;
}

/** The value compared for a year: the year's own, or the sum so far for a cumulative target. */
function measured(t: IndicatorTarget, values: IndicatorYearValue[], year: number): number | null {
  const own = values.find((v) => v.year === year)?.value ?? null;
  if (own === null) return null;
  if (!isCumulative(t)) return own;
  return values.filter((v) => v.year <= year && v.value !== null).reduce((s, v) => s + (v.value as number), 0);
}

/** Least-squares line through the points; null with fewer than two distinct years. */
function trendAt(points: [number, number][], year: number): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  return round(my + slope * (year - mx));
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The trend's value in a year: a least-squares line through the years so far; a cumulative sum from the yearly mean. */
function projectedAt(t: IndicatorTarget, values: IndicatorYearValue[], year: number): number | null {
  const known = values.filter((v) => v.value !== null).sort((a, b) => a.year - b.year);
  if (known.length === 0) return null;
  if (isCumulative(t)) {
    const sum = known.reduce((s, v) => s + (v.value as number), 0);
    const last = known[known.length - 1]!.year;
    return round((sum / (last - PLAN_BASE_YEAR)) * (year - PLAN_BASE_YEAR));
  }
  const points: [number, number][] = known.map((v) => [v.year, v.value as number]);
  // the years reported make the trend; the 2020 baseline stands in for a second point while there is only one
  if (points.length === 1 && t.baseline !== null) points.unshift([PLAN_BASE_YEAR, t.baseline]);
  return trendAt(points, year);
}

/** One row's status in one year (null when that year has no value, or no assessment for a judged target). */
export function indicatorStatus(t: IndicatorTarget, values: IndicatorYearValue[], year: number): IndicatorStatus | null {
  const entry = values.find((v) => v.year === year);
  if (isJudgedTarget(t)) {
    if (!entry) return null;
    return entry.assessment ?? 'judged';
  }
  const value = measured(t, values, year);
  if (value === null) return null;
  if (meetsTarget(t, value)) return 'met';
  if (year >= PLAN_TARGET_YEAR) return 'off_track';
  const holding = !isCumulative(t) && t.baseline !== null && meetsTarget(t, t.baseline);
  if (holding) return 'off_track';
  const path = pathValue(t, year);
  const s = sense(t);
  if (path === null) {
    const projected = projectedAt(t, values, PLAN_TARGET_YEAR);
    return projected !== null && meetsTarget(t, projected) ? 'on_track' : 'at_risk';
  }
  const start = isCumulative(t) ? 0 : (t.baseline as number);
  const better = (a: number, b: number) => (s === 'lower' ? a <= b : a >= b);
  const strictlyBetter = (a: number, b: number) => (s === 'lower' ? a < b : a > b);
  if (better(value, path)) return 'on_track';
  if (strictlyBetter(value, start)) return 'at_risk';
  return 'off_track';
}

/** Every year's status, the 2025 projection, and the year the target is missed if the trend holds. */
export function judgeIndicator(t: IndicatorTarget, values: IndicatorYearValue[]): IndicatorJudgement {
  const status: Record<number, IndicatorStatus | null> = {};
  for (const y of INDICATOR_YEARS) status[y] = indicatorStatus(t, values, y);
  if (isJudgedTarget(t)) return { status, projection2025: null, missYear: null };
  const projection2025 = projectedAt(t, values, PLAN_TARGET_YEAR);
  const known = values.filter((v) => v.value !== null);
  const last = known.length ? Math.max(...known.map((v) => v.year)) : PLAN_BASE_YEAR;
  let missYear: number | null = null;
  if (projection2025 !== null) {
    const holding = !isCumulative(t) && t.baseline !== null && meetsTarget(t, t.baseline);
    if (holding) {
      // a bound to keep every year: the first year after the last value where the trend breaks it
      for (let y = last + 1; y <= PLAN_TARGET_YEAR && missYear === null; y++) {
        const p = projectedAt(t, values, y);
        if (p !== null && !meetsTarget(t, p)) missYear = y;
      }
    } else if (last < PLAN_TARGET_YEAR && !meetsTarget(t, projection2025)) {
      missYear = PLAN_TARGET_YEAR;
    }
  }
  return { status, projection2025, missYear };
}
