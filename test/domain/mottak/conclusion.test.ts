import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateConclusion, type ConclusionInput } from '../../../src/domain/mottak/conclusion.ts';

const TODAY = '2026-06-01';
const base: ConclusionInput = { conclusionCode: '10', reason: '', obviouslyGroundless: false, reporterCode: '4', reporterCodeDetail: '', contentCodes: ['2.1.02'] };

describe('concluding a report', () => {
  it('keeps what the caseworker decided: an investigation without reasons is not recorded as groundless', () => {
    const result = validateConclusion({ ...base, conclusionCode: '2' }, TODAY);
    assert.ok(result.ok);
    assert.deepEqual([result.value.reason, result.value.obviouslyGroundless, result.value.opensInvestigation], ['', false, true]);
  });

  it('closes a report without reasons only when the caseworker ticks "obviously groundless"', () => {
    const refused = validateConclusion(base, TODAY);
    assert.deepEqual(refused.ok ? [] : refused.errors, [{ field: 'reason', key: 'reasonMissing' }]);
    const closed = validateConclusion({ ...base, obviouslyGroundless: true }, TODAY);
    assert.ok(closed.ok);
    assert.equal(closed.value.obviouslyGroundless, true);
  });

  it('refuses "obviously groundless" beside a conclusion that does not close the report', () => {
    for (const conclusionCode of ['2', '4']) {
      const result = validateConclusion({ ...base, conclusionCode, obviouslyGroundless: true }, TODAY);
      assert.deepEqual(result.ok ? [] : result.errors, [{ field: 'obviouslyGroundless', key: 'groundlessNotClosed' }], conclusionCode);
    }
  });
});
