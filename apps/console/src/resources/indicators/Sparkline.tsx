import { INDICATOR_YEARS, PLAN_BASE_YEAR, PLAN_TARGET_YEAR } from '@duban/domain';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorRow } from './status';

/**
 * One row's 2021–2025 as a small chart: the verified values (solid), the straight path from the 2020 baseline to
 * the 2025 target (dashed) and the projection from the last value to 2025 (dotted). A five-year cumulative target
 * draws the running sum and a path from 0.
 */
const Sparkline = ({ row, values }: { row: IndicatorRow; values: Map<number, number> }) => {
  const cumulative = row.target === null && row.cumulativeTarget !== null;
  const start = cumulative ? 0 : row.baseline;
  const goal = cumulative ? row.cumulativeTarget : row.target;
  const years = [PLAN_BASE_YEAR, ...INDICATOR_YEARS];
  let sum = 0;
  let lastYear: number | null = null;
  const points = years.map((year) => {
    const raw = values.get(year);
    let value: number | null = null;
    if (year === PLAN_BASE_YEAR) value = cumulative ? 0 : row.baseline;
    else if (raw !== undefined) {
      sum += raw;
      value = cumulative ? sum : raw;
      lastYear = year;
    }
    const path =
      start !== null && goal !== null ? start + ((goal - start) * (year - PLAN_BASE_YEAR)) / (PLAN_TARGET_YEAR - PLAN_BASE_YEAR) : null;
    return { year, value, path, projection: null as number | null };
  });
  if (lastYear !== null && row.projection2025 !== null && lastYear < PLAN_TARGET_YEAR) {
    const last = points.find((p) => p.year === lastYear)!;
    last.projection = last.value;
    points[points.length - 1]!.projection = row.projection2025;
  }
  return (
    <ResponsiveContainer width="100%" height={56}>
      <LineChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: 4 }}>
        <XAxis dataKey="year" hide />
        <YAxis hide domain={['auto', 'auto']} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v)} labelFormatter={(y) => String(y)} />
        <Line dataKey="path" stroke="#9e9e9e" strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
        <Line dataKey="projection" stroke="#ed6c02" strokeDasharray="1 3" dot={false} isAnimationActive={false} connectNulls />
        <Line dataKey="value" stroke="#1976d2" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
};

export default Sparkline;
