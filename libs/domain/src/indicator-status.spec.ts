import { describe, expect, it } from 'vitest';
import { indicatorStatus, judgeIndicator, meetsTarget, pathValue, type IndicatorTarget } from './indicator-status';

// 表2 rows, as the plan writes them
const pm25: IndicatorTarget = { baseline: 37, target: 29, cumulativeTarget: null, direction: 'lower', comparator: '=' };
const forest: IndicatorTarget = { baseline: 57.12, target: 57.12, cumulativeTarget: null, direction: 'higher', comparator: '>=' };
const reduction: IndicatorTarget = { baseline: null, target: null, cumulativeTarget: 0.5, direction: 'higher', comparator: '=' };
const groundwater: IndicatorTarget = { baseline: 50, target: null, cumulativeTarget: null, direction: 'judged', comparator: 'judged' };
const accidents: IndicatorTarget = { baseline: 0, target: 1.3, cumulativeTarget: null, direction: 'lower', comparator: '<' };
const farmland: IndicatorTarget = { baseline: null, target: 93, cumulativeTarget: null, direction: 'higher', comparator: '≈' };

describe('indicator status: lower is better (PM2.5 37 → 29)', () => {
  it('should draw the straight path from the 2020 baseline to the 2025 target', () => {
    expect(pathValue(pm25, 2022)).toBeCloseTo(33.8);
  });

  it('should call a value at or under the path on track, behind it but better than 2020 at risk, and no better off track', () => {
    expect(indicatorStatus(pm25, [{ year: 2022, value: 33 }], 2022)).toBe('on_track');
    expect(indicatorStatus(pm25, [{ year: 2022, value: 35 }], 2022)).toBe('at_risk');
    expect(indicatorStatus(pm25, [{ year: 2022, value: 37 }], 2022)).toBe('off_track');
    expect(indicatorStatus(pm25, [{ year: 2023, value: 28.5 }], 2023)).toBe('met');
    expect(indicatorStatus(pm25, [{ year: 2025, value: 30 }], 2025)).toBe('off_track');
    expect(indicatorStatus(pm25, [], 2022)).toBeNull();
  });

  it('should project 2025 from the trend and name 2025 as the year missed when the trend falls short', () => {
    const slow = judgeIndicator(pm25, [
      { year: 2021, value: 36 },
      { year: 2022, value: 35 },
    ]);
    expect(slow.projection2025).toBeCloseTo(32);
    expect(slow.missYear).toBe(2025);
    expect(slow.status).toMatchObject({ 2021: 'at_risk', 2022: 'at_risk', 2023: null });
    const fast = judgeIndicator(pm25, [
      { year: 2021, value: 35 },
      { year: 2022, value: 33 },
    ]);
    expect(fast.projection2025).toBeCloseTo(27);
    expect(fast.missYear).toBeNull();
  });
});

describe('indicator status: hold steady (forest cover ≥ 57.12)', () => {
  it('should call a value at or above the bound met and any value under it off track', () => {
    expect(indicatorStatus(forest, [{ year: 2021, value: 57.2 }], 2021)).toBe('met');
    expect(indicatorStatus(forest, [{ year: 2021, value: 57.12 }], 2021)).toBe('met');
    expect(indicatorStatus(forest, [{ year: 2021, value: 57.1 }], 2021)).toBe('off_track');
  });

  it('should name the first year a falling trend breaks the bound', () => {
    const falling = judgeIndicator(forest, [
      { year: 2021, value: 57.4 },
      { year: 2022, value: 57.3 },
    ]);
    expect(falling.status[2022]).toBe('met');
    // 57.4, 57.3: 0.1 a year down, so 57.1 in 2024
    expect(falling.missYear).toBe(2024);
    expect(falling.projection2025).toBeCloseTo(57.0);
    const steady = judgeIndicator(forest, [
      { year: 2021, value: 57.3 },
      { year: 2022, value: 57.4 },
    ]);
    expect(steady.missYear).toBeNull();
    const dropping = judgeIndicator(forest, [
      { year: 2021, value: 57.3 },
      { year: 2022, value: 57.2 },
      { year: 2023, value: 57.13 },
    ]);
    expect(dropping.missYear).toBe(2024); // 57.21 − 0.085 a year: 57.04 in 2024
  });

  it('should treat a ceiling the baseline already meets (accidents < 1.3) as a bound to keep', () => {
    expect(indicatorStatus(accidents, [{ year: 2022, value: 0.4 }], 2022)).toBe('met');
    expect(indicatorStatus(accidents, [{ year: 2022, value: 1.3 }], 2022)).toBe('off_track');
    expect(meetsTarget(accidents, 1.29)).toBe(true);
  });
});

describe('indicator status: a five-year cumulative reduction ([0.5] 万吨)', () => {
  it('should sum the years against the path from 0 to the five-year figure', () => {
    const values = [
      { year: 2021, value: 0.1 },
      { year: 2022, value: 0.05 },
      { year: 2023, value: 0.2 },
    ];
    expect(indicatorStatus(reduction, values, 2021)).toBe('on_track'); // 0.1 ≥ path 0.1
    expect(indicatorStatus(reduction, values, 2022)).toBe('at_risk'); // 0.15 < path 0.2, > 0
    expect(indicatorStatus(reduction, values, 2023)).toBe('on_track'); // 0.35 ≥ 0.3
    const j = judgeIndicator(reduction, values);
    expect(j.projection2025).toBeCloseTo(0.5833, 3);
    expect(j.missYear).toBeNull();
    expect(indicatorStatus(reduction, [...values, { year: 2024, value: 0.2 }], 2024)).toBe('met');
  });
});

describe('indicator status: a target in words (稳中向好)', () => {
  it('should take the inspector’s assessment and never compute one', () => {
    expect(indicatorStatus(groundwater, [{ year: 2022, value: 10, assessment: 'at_risk' }], 2022)).toBe('at_risk');
    expect(indicatorStatus(groundwater, [{ year: 2022, value: 90 }], 2022)).toBe('judged');
    expect(indicatorStatus(groundwater, [], 2022)).toBeNull();
    expect(judgeIndicator(groundwater, [{ year: 2022, value: 40, assessment: 'met' }])).toMatchObject({
      projection2025: null,
      missYear: null,
    });
  });
});

describe('indicator status: about a figure with no baseline (93.00左右)', () => {
  it('should accept 1% short of the figure and judge earlier years by the trend', () => {
    expect(meetsTarget(farmland, 92.1)).toBe(true);
    expect(meetsTarget(farmland, 91.9)).toBe(false);
    expect(indicatorStatus(farmland, [{ year: 2021, value: 80 }], 2021)).toBe('at_risk');
    const rising = [
      { year: 2021, value: 80 },
      { year: 2022, value: 85 },
    ];
    expect(indicatorStatus(farmland, rising, 2022)).toBe('on_track');
  });
});
