import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, REPORT_STATUSES, TRANSITIONS, type ReportStatus, type TransitionCause } from '../../../src/domain/delivery/status.ts';

function walk(from: ReportStatus, causes: TransitionCause[]): ReportStatus {
  return causes.reduce((status, cause) => {
    assert.ok(canTransition(status, cause), `${cause} from ${status}`);
    return TRANSITIONS[cause].to;
  }, from);
}

test('the ladders of the issue are the only ways to LEVERT', () => {
  assert.equal(walk('AKSEPTERT', ['publisert', 'mottatt']), 'LEVERT');
  assert.equal(walk('AKSEPTERT', ['publisert', 'manuell-nedlasting']), 'LEVERT');
  assert.equal(walk('AKSEPTERT', ['publisert', 'feilet', 'print-sendt', 'print-levert']), 'LEVERT');
  assert.equal(walk('AKSEPTERT', ['publisert', 'feilet', 'print-sendt', 'print-feilet']), 'AVVIST_PRINT');
  assert.equal(walk('AKSEPTERT', ['publisert', 'frist-utlopt', 'print-levert']), 'LEVERT');
});

test('delivered and failed-in-print are final: nothing moves a report out of them', () => {
  for (const final of ['LEVERT', 'AVVIST_PRINT'] as const) {
    for (const cause of Object.keys(TRANSITIONS) as TransitionCause[]) assert.equal(canTransition(final, cause), false, `${cause} from ${final}`);
  }
});

test('a report in the post cannot be received by the system any more, nor refused', () => {
  for (const cause of ['mottatt', 'feilet', 'frist-utlopt', 'publisert'] as const) assert.equal(canTransition('SENDT_PRINT', cause), false, cause);
});

test('every status is reachable from AKSEPTERT, and each cause leads to one status', () => {
  const reached = new Set<ReportStatus>(['AKSEPTERT']);
  for (let changed = true; changed; ) {
    changed = false;
    for (const { from, to } of Object.values(TRANSITIONS)) {
      if (!reached.has(to) && from.some((f) => reached.has(f))) {
        reached.add(to);
        changed = true;
      }
    }
  }
  assert.deepEqual([...reached].sort(), [...REPORT_STATUSES].sort());
});
