// What a reporter types into "Kommune" (a postcode, a name, a Sámi name, a postal town) resolves to
// municipalities from the shared reference data.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findMunicipality, findMunicipalityByNumber, type MunicipalityMatch } from '../../../src/portal/registry/find-municipality.ts';

function found(match: MunicipalityMatch): string {
  assert.equal(match.kind, 'found', `expected a match, got ${JSON.stringify(match).slice(0, 200)}`);
  return (match as Extract<MunicipalityMatch, { kind: 'found' }>).municipality.kommunenummer;
}

describe('findMunicipality', () => {
  test('a four-digit postcode names its municipality and the postal town', () => {
    const match = findMunicipality('1337');
    assert.equal(found(match), '3201');
    assert.deepEqual((match as Extract<MunicipalityMatch, { kind: 'found' }>).postcode, { postnummer: '1337', poststed: 'SANDVIKA' });
    assert.equal(found(findMunicipality(' 0250 ')), '0301');
    assert.equal(found(findMunicipality('1470')), '3222');
  });

  test('an unknown or service-only postcode is an unknown postcode, not a kommunenummer', () => {
    assert.deepEqual(findMunicipality('0000'), { kind: 'unknownPostcode' });
    assert.deepEqual(findMunicipality('9999'), { kind: 'unknownPostcode' });
    // 0301 is Oslo's kommunenummer but as a postcode it does not exist: four digits are a postcode.
    assert.notEqual(findMunicipality('0301').kind, 'notFound');
  });

  test('a name, in any case and with stray spaces', () => {
    assert.equal(found(findMunicipality('Bærum')), '3201');
    assert.equal(found(findMunicipality('bærum')), '3201');
    assert.equal(found(findMunicipality('  BÆRUM  ')), '3201');
    assert.equal(found(findMunicipality('Oslo')), '0301');
    assert.equal(found(findMunicipality('Lørenskog')), '3222');
  });

  test('a name typed in decomposed Unicode (æ/ø/å from a Mac keyboard) still matches', () => {
    assert.equal(found(findMunicipality('Bærum'.normalize('NFD'))), '3201');
    assert.equal(found(findMunicipality('Lørenskog'.normalize('NFD'))), '3222');
  });

  test('the Sámi name "Guovdageaidnu" and the official double name find Kautokeino', () => {
    assert.equal(found(findMunicipality('Guovdageaidnu')), '5612');
    assert.equal(found(findMunicipality('guovdageaidnu')), '5612');
    assert.equal(found(findMunicipality('Guovdageaidnu - Kautokeino')), '5612');
    assert.equal(found(findMunicipality('Kautokeino')), '5612');
    assert.equal(found(findMunicipality('Oslove')), '0301');
  });

  test('"Herøy" is ambiguous: one in Møre og Romsdal, one in Nordland', () => {
    const match = findMunicipality('Herøy');
    assert.equal(match.kind, 'ambiguous');
    const candidates = (match as Extract<MunicipalityMatch, { kind: 'ambiguous' }>).candidates.map((m) => m.kommunenummer).sort();
    assert.deepEqual(candidates, ['1515', '1818']);
    // The full SSB name with the county picks one.
    assert.equal(found(findMunicipality('Herøy (Nordland)')), '1818');
    assert.equal(found(findMunicipality('herøy (møre og romsdal)')), '1515');
  });

  test('a postal town ("Sandvika") names its municipality through the postcode register', () => {
    assert.equal(found(findMunicipality('Sandvika')), '3201');
    assert.equal(found(findMunicipality('sandvika')), '3201');
  });

  test('unknown names, empty input and junk are told apart', () => {
    assert.deepEqual(findMunicipality(''), { kind: 'empty' });
    assert.deepEqual(findMunicipality('   '), { kind: 'empty' });
    assert.deepEqual(findMunicipality('Atlantis'), { kind: 'notFound' });
    assert.deepEqual(findMunicipality('<script>alert(1)</script>'), { kind: 'notFound' });
    assert.deepEqual(findMunicipality('12345'), { kind: 'notFound' });
    assert.deepEqual(findMunicipality('x'.repeat(10_000)), { kind: 'notFound' });
    // Two letters are too few for a prefix search.
    assert.notEqual(findMunicipality('Bæ').kind, 'found');
  });

  test('a prefix of three or more letters finds a unique municipality', () => {
    assert.equal(found(findMunicipality('Lørensk')), '3222');
  });

  test('findMunicipalityByNumber', () => {
    assert.equal(findMunicipalityByNumber('0301')?.name, 'Oslo');
    assert.equal(findMunicipalityByNumber('5612')?.name, 'Kautokeino');
    assert.equal(findMunicipalityByNumber('9999'), undefined);
    assert.equal(findMunicipalityByNumber(''), undefined);
  });
});
