import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  characterCount,
  isSingleLine,
  isWithinMaxLength,
  MAX_LENGTHS,
  stripControlCharacters,
  toSingleLine,
} from '../../../src/domain/rules/text.ts';

/** How Ajv evaluates the Fiks `^(.*)$` patterns. */
const FIKS_SINGLE_LINE = /^(.*)$/u;

describe('isSingleLine: names, roles and reasons the Fiks schema wants on one line', () => {
  it('accepts names in any script, with emoji', () => {
    for (const value of ['Ola Nordmann', 'Åse Ødegård-Æsøy', 'Mátyás Þór', 'محمد', '李小龍', 'Emma 😀', '👩‍👩‍👧 Familie', '']) {
      assert.equal(isSingleLine(value), true, value);
    }
  });

  it('refuses line breaks, line/paragraph separators and other control characters', () => {
    for (const value of ['a\nb', 'a\rb', 'a\r\nb', 'a\u2028b', 'a\u2029b', 'a\tb', 'a\u0000b', 'a\u0085b', 'a\u007fb', 'a\u001bb']) {
      assert.equal(isSingleLine(value), false, JSON.stringify(value));
    }
  });

  it('anything it accepts passes the Fiks ^(.*)$ pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        if (isSingleLine(value)) assert.match(value, FIKS_SINGLE_LINE);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stripControlCharacters: free text keeps its lines and tabs', () => {
  it('normalises CRLF and CR to LF and drops other control characters', () => {
    assert.equal(stripControlCharacters('a\r\nb\rc\u0000d\te\u0007f\u009fg'), 'a\nb\ncd\tefg');
  });

  it('leaves æøå, emoji and combining marks alone', () => {
    const text = 'Blåbærsyltetøy 🍓\nE\u0301n linje til';
    assert.equal(stripControlCharacters(text), text);
  });
});

describe('toSingleLine: the mapping’s last defence', () => {
  it('turns line breaks into spaces so nothing is lost', () => {
    assert.equal(toSingleLine('Storgata 1\nH0201'), 'Storgata 1 H0201');
    assert.equal(toSingleLine(' Ola\r\n\r\nNordmann\u2028 '), 'Ola Nordmann');
  });

  it('always yields a single line', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => isSingleLine(toSingleLine(value))), { numRuns: 500 });
  });
});

describe('MAX_LENGTHS', () => {
  it('has the agreed limits', () => {
    assert.equal(MAX_LENGTHS.name, 200);
    assert.equal(MAX_LENGTHS.shortText, 500);
    assert.equal(MAX_LENGTHS.freeText, 20_000);
  });

  it('counts what a reader sees as characters, not UTF-16 units', () => {
    assert.equal(characterCount('😀'), 1);
    assert.equal(isWithinMaxLength('😀'.repeat(200), MAX_LENGTHS.name), true);
    assert.equal(isWithinMaxLength('a'.repeat(201), MAX_LENGTHS.name), false);
  });
});
