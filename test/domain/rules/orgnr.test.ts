import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidOrgnr, normalizeOrgnr } from '../../../src/domain/rules/orgnr.ts';

describe('isValidOrgnr: the employer a professional reporter names', () => {
  it('accepts real organisation numbers', () => {
    assert.equal(isValidOrgnr('974760673'), true); // Brønnøysundregistrene
    assert.equal(isValidOrgnr('991825827'), true); // Digitaliseringsdirektoratet
  });

  it('accepts the number as Brønnøysund prints it, with spaces', () => {
    assert.equal(isValidOrgnr('974 760 673'), true);
    assert.equal(isValidOrgnr('974\u00a0760\u00a0673'), true);
    assert.equal(normalizeOrgnr(' 974 760 673 '), '974760673');
  });

  it('refuses every one-digit change of 974760673', () => {
    const valid = '974760673';
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        assert.equal(isValidOrgnr(changed), false, changed);
      }
    }
  });

  it('refuses numbers whose check digit would be 10, whatever the last digit', () => {
    // 40000000x: weighted sum 3·4 = 12 leaves remainder 1, so the check digit would be 11 − 1 = 10.
    for (let last = 0; last <= 9; last++) {
      assert.equal(isValidOrgnr(`40000000${last}`), false);
    }
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const bad of ['', '97476067', '9747606730', '97476067a', 'NO974760673', '974-760-673']) {
      assert.equal(isValidOrgnr(bad), false, bad);
    }
  });
});
