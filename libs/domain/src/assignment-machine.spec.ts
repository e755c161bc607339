import { describe, expect, it } from 'vitest';
import { assignmentStatusAfter, type AssignmentEvent } from './assignment-machine';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './enums';
import { REPORT_ACTIONS } from './report-machine';

const report = (action: (typeof REPORT_ACTIONS)[number], final: boolean, otherFinalUnderReview = false): AssignmentEvent => ({
  kind: 'report',
  action,
  final,
  otherFinalUnderReview,
});
const status = (current: AssignmentStatus, event: AssignmentEvent) => {
  const move = assignmentStatusAfter(current, event);
  return move.ok ? move.status : `refused:${move.refused}`;
};

describe('assignment status', () => {
  it('should start the work on the first submitted report and keep it going on later ones', () => {
    expect(status('not_started', report('submit', false))).toBe('in_progress');
    expect(status('in_progress', report('submit', false))).toBe('in_progress');
    expect(status('closure_requested', report('submit', false))).toBe('closure_requested');
  });

  it('should request closure when a final report is submitted', () => {
    expect(status('not_started', report('submit', true))).toBe('closure_requested');
    expect(status('in_progress', report('submit', true))).toBe('closure_requested');
    expect(status('closure_requested', report('submit', true))).toBe('closure_requested');
  });

  it('should reopen when the final report is returned, unless another final is still under review', () => {
    expect(status('closure_requested', report('return', true))).toBe('in_progress');
    expect(status('closure_requested', report('return', true, true))).toBe('closure_requested');
    expect(status('closure_requested', report('return', false))).toBe('closure_requested');
    expect(status('in_progress', report('return', false))).toBe('in_progress');
    expect(status('in_progress', report('return', true))).toBe('in_progress');
  });

  it('should not move on a confirmation or an approval', () => {
    for (const current of ['not_started', 'in_progress', 'closure_requested'] as const)
      for (const final of [false, true]) {
        expect(status(current, report('confirm', final))).toBe(current);
        expect(status(current, report('approve', final))).toBe(current);
      }
  });

  it('should complete the assignment (销号) when its final report is accepted', () => {
    expect(status('closure_requested', report('accept', true))).toBe('completed');
    expect(status('closure_requested', report('accept', false))).toBe('closure_requested');
  });

  it('should refuse to start or complete a closed assignment, and let reviews under way finish', () => {
    for (const current of ['completed', 'cancelled'] as const)
      for (const final of [false, true]) {
        expect(status(current, report('submit', final))).toBe(`refused:${current}`);
        expect(status(current, report('accept', final))).toBe(`refused:${current}`);
        for (const action of ['confirm', 'approve', 'return'] as const) expect(status(current, report(action, final))).toBe(current);
      }
  });

  it('should cancel an open assignment when the office removes its unit, and refuse a closed one', () => {
    expect(status('not_started', { kind: 'cancel' })).toBe('cancelled');
    expect(status('in_progress', { kind: 'cancel' })).toBe('cancelled');
    expect(status('closure_requested', { kind: 'cancel' })).toBe('cancelled');
    expect(status('completed', { kind: 'cancel' })).toBe('refused:completed');
    expect(status('cancelled', { kind: 'cancel' })).toBe('refused:cancelled');
  });

  it('should bring a cancelled assignment back when the decomposition names its unit again', () => {
    expect(status('cancelled', { kind: 'restore', hasReports: true })).toBe('in_progress');
    expect(status('cancelled', { kind: 'restore', hasReports: false })).toBe('not_started');
    for (const current of ASSIGNMENT_STATUSES.filter((s) => s !== 'cancelled'))
      expect(status(current, { kind: 'restore', hasReports: true })).toBe(current);
  });
});
