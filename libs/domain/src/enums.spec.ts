import { describe, expect, it } from 'vitest';
import { isOneOf, REPORT_CYCLES, roleAllowsUnitKind, ROLES } from './enums';

describe('enums', () => {
  it('should allow each role only its kinds of unit', () => {
    expect(roleAllowsUnitKind('admin', null)).toBe(true);
    expect(roleAllowsUnitKind('admin', 'office')).toBe(false);
    expect(roleAllowsUnitKind('office', 'office')).toBe(true);
    expect(roleAllowsUnitKind('office', null)).toBe(false);
    expect(roleAllowsUnitKind('inspector', null)).toBe(true);
    expect(roleAllowsUnitKind('inspector', 'office')).toBe(true);
    expect(roleAllowsUnitKind('inspector', 'county')).toBe(false);
    for (const role of ['leader', 'liaison'] as const) {
      expect(roleAllowsUnitKind(role, 'department')).toBe(true);
      expect(roleAllowsUnitKind(role, 'county')).toBe(true);
      expect(roleAllowsUnitKind(role, 'zone')).toBe(true);
      expect(roleAllowsUnitKind(role, 'office')).toBe(false);
      expect(roleAllowsUnitKind(role, null)).toBe(false);
    }
  });

  it('should validate values against the const arrays', () => {
    expect(isOneOf(ROLES, 'liaison')).toBe(true);
    expect(isOneOf(ROLES, 'root')).toBe(false);
    expect(isOneOf(REPORT_CYCLES, 'weekly')).toBe(false);
    expect(isOneOf(REPORT_CYCLES, 1)).toBe(false);
  });
});
