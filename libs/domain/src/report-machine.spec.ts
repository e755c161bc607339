import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, ROLES, type ReportStatus, type Role } from './enums';
import {
  allowedReportActions,
  isReportEditable,
  nextReportStatus,
  REPORT_ACTIONS,
  REPORT_TRANSITIONS,
  type ReportAction,
} from './report-machine';

/** Every allowed move, written out by hand from CONTRACT.md: [role, from, action, to, final only]. */
const ALLOWED: [Role, ReportStatus, ReportAction, ReportStatus, boolean][] = [
  ['liaison', 'draft', 'submit', 'submitted', false],
  ['liaison', 'returned', 'submit', 'submitted', false],
  ['leader', 'submitted', 'confirm', 'confirmed', false],
  ['leader', 'submitted', 'return', 'returned', false],
  ['inspector', 'confirmed', 'approve', 'approved', false],
  ['inspector', 'confirmed', 'return', 'returned', false],
  ['office', 'approved', 'accept', 'accepted', true],
  ['office', 'approved', 'return', 'returned', true],
];

function expected(role: Role, from: ReportStatus, action: ReportAction, final: boolean): ReportStatus | null {
  const hit = ALLOWED.find(([r, f, a, , finalOnly]) => r === role && f === from && a === action && (!finalOnly || final));
  return hit ? hit[3] : null;
}

describe('report state machine', () => {
  it('should allow exactly the transitions of the contract, for every role, state, action and final flag', () => {
    let allowed = 0;
    for (const role of ROLES)
      for (const status of REPORT_STATUSES)
        for (const action of REPORT_ACTIONS)
          for (const final of [false, true]) {
            const want = expected(role, status, action, final);
            expect(nextReportStatus(status, action, { final, role }), `${role} ${action} ${status} final=${final}`).toBe(want);
            if (want) allowed++;
          }
    expect(allowed).toBe(14); // 6 moves for both kinds of report + accept and office return for final ones
  });

  it('should give the role-free next status when any role may move it', () => {
    expect(nextReportStatus('draft', 'submit', { final: false })).toBe('submitted');
    expect(nextReportStatus('approved', 'accept', { final: true })).toBe('accepted');
    expect(nextReportStatus('approved', 'accept', { final: false })).toBeNull();
    expect(nextReportStatus('approved', 'return', { final: false })).toBeNull();
    expect(nextReportStatus('submitted', 'submit', { final: false })).toBeNull();
    expect(nextReportStatus('confirmed', 'confirm', { final: true })).toBeNull();
  });

  it('should not let a leader return an approved report that only the office may return', () => {
    expect(nextReportStatus('approved', 'return', { final: true, role: 'leader' })).toBeNull();
    expect(nextReportStatus('approved', 'return', { final: true, role: 'office' })).toBe('returned');
  });

  it('should leave accepted reports with no way out', () => {
    for (const role of ROLES) expect(allowedReportActions('accepted', role, true)).toEqual([]);
  });

  it('should list the buttons each role sees', () => {
    expect(allowedReportActions('draft', 'liaison', false)).toEqual(['submit']);
    expect(allowedReportActions('submitted', 'leader', false)).toEqual(['confirm', 'return']);
    expect(allowedReportActions('confirmed', 'inspector', true)).toEqual(['approve', 'return']);
    expect(allowedReportActions('approved', 'office', true)).toEqual(['return', 'accept']);
    expect(allowedReportActions('approved', 'office', false)).toEqual([]);
    expect(allowedReportActions('submitted', 'admin', false)).toEqual([]);
    expect(allowedReportActions('submitted', 'liaison', false)).toEqual([]);
  });

  it('should require a reason exactly for returns', () => {
    for (const tr of REPORT_TRANSITIONS) expect(tr.reasonRequired).toBe(tr.action === 'return');
  });

  it('should let the liaison edit only draft and returned reports', () => {
    expect(REPORT_STATUSES.filter(isReportEditable)).toEqual(['draft', 'returned']);
  });
});
