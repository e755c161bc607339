import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  ESCALATION_KINDS,
  ORG_UNIT_KINDS,
  PLAN_STATUSES,
  REPORT_CYCLES,
  REPORT_STATUSES,
  ROLES,
} from './enums';
import { INDICATOR_STATUSES } from './indicator-status';
import { LABELS, LANGUAGES, targetLabel, type Labels } from './labels';

const VALUES: Record<keyof Labels, readonly string[]> = {
  role: ROLES,
  orgUnitKind: ORG_UNIT_KINDS,
  assignmentRole: ASSIGNMENT_ROLES,
  assignmentStatus: ASSIGNMENT_STATUSES,
  reportStatus: REPORT_STATUSES,
  planStatus: PLAN_STATUSES,
  escalationKind: ESCALATION_KINDS,
  reportCycle: REPORT_CYCLES,
  indicatorStatus: INDICATOR_STATUSES,
};

describe('labels', () => {
  it('should name every enum value, and only those, in each language with a word no other value of its set uses', () => {
    for (const lang of LANGUAGES) {
      for (const [set, values] of Object.entries(VALUES) as [keyof Labels, readonly string[]][]) {
        const words = LABELS[lang][set] as Record<string, string>;
        expect(Object.keys(words).sort(), `${lang}.${set}`).toEqual([...values].sort());
        for (const v of values) expect(words[v].trim().length, `${lang}.${set}.${v}`).toBeGreaterThan(0);
        expect(new Set(Object.values(words)).size, `${lang}.${set} has two values with one word`).toBe(values.length);
      }
    }
  });

  it('should use one spelling of the office and of the lead unit', () => {
    expect(LABELS.zh.role.office).toBe('委办公室');
    expect(LABELS.zh.orgUnitKind.office).toBe(LABELS.zh.role.office);
    expect(LABELS.zh.assignmentRole.lead).toBe('牵头单位');
  });
});

describe('targetLabel', () => {
  it('should name what a notice chases in Chinese, or English, never as its raw code', () => {
    expect(targetLabel('deadline')).toBe('截止日期');
    expect(targetLabel('milestone:2025-06-30')).toBe('里程碑');
    expect(targetLabel('report:2024-Q2')).toBe('报告期 2024-Q2');
    expect(targetLabel('promise:5b0c3a5e-0000-4000-8000-000000000000')).toBe('承诺完成时间');
    expect(targetLabel('manual:2024-06-03')).toBe('督促事项');
    expect(targetLabel('deadline', 'en')).toBe('Deadline');
    expect(targetLabel('report:2024-Q2', 'en')).toBe('Report period 2024-Q2');
  });
});
