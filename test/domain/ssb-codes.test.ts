import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONCLUSION_CODES, CONTENT_CODES, REPORTER_CODES, findContentCode } from '../../src/domain/ssb-codes.ts';

describe("SSB's code lists as caseworkers and reporters read them", () => {
  it('spell the words right, where the source list has typos, under the same codes', () => {
    assert.equal(findContentCode('3.2.02')?.text, 'Fattigdom');
    assert.equal(findContentCode('3.3.04')?.text, 'Minoritetsspråklige familier');
    assert.equal(findContentCode('1.3.11')?.text, 'Barn som begår straffbare handlinger');
    assert.equal(findContentCode('3.2.01')?.theme, 'Bolig, økonomi og arbeid');
    assert.equal(REPORTER_CODES.find((c) => c.code === '5')?.text, 'Barneverntjenesten');
    const texts = [...CONTENT_CODES.flatMap((c) => [c.text, c.theme, c.mainArea]), ...REPORTER_CODES.map((c) => c.text), ...CONCLUSION_CODES.map((c) => c.text)];
    for (const typo of ['Fattogdom', 'Minioritets', 'straffbar handlinger', 'Barnvernstjenesten', 'Bolig økonomi']) {
      assert.ok(!texts.some((t) => t.includes(typo)), typo);
    }
  });

  it('keep every code as SSB numbers it', () => {
    assert.equal(CONTENT_CODES.length, 57);
    assert.deepEqual(
      CONTENT_CODES.filter((c) => c.code.startsWith('3.')).map((c) => c.code),
      ['3.1.01', '3.1.02', '3.1.03', '3.1.04', '3.1.05', '3.1.06', '3.1.07', '3.1.08', '3.1.09', '3.1.10', '3.2.01', '3.2.02', '3.3.01', '3.3.02', '3.3.03', '3.3.04', '3.3.05', '3.3.06'],
    );
    assert.deepEqual(REPORTER_CODES.map((c) => c.code), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '24', '25', '16', '17', '18', '19', '20', '21', '22', '23']);
    assert.deepEqual(CONCLUSION_CODES.map((c) => c.code), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });
});
