// What a reporter types into "Kommune" (a postcode, a name, a Sámi name, a postal town) resolves to
// municipalities from the reference data. Only a name or a postcode is taken as the answer; anything
// looser is offered as a choice, since a report sent to the wrong service is lost days.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findMunicipality, findMunicipalityByNumber, type MunicipalityMatch } from '../../../src/portal/registry/find-municipality.ts';

function choices(match: MunicipalityMatch): string[] {
  assert.equal(match.kind, 'ambiguous', `expected a choice, got ${JSON.stringify(match).slice(0, 200)}`);
  return (match as Extract<MunicipalityMatch, { kind: 'ambiguous' }>).candidates.map((m) => m.kommunenummer);
}

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

  test('a postal town is offered as a choice, with the town named: "Sand" is never turned into Suldal without asking', () => {
    const sand = findMunicipality('Sand');
    const offered = choices(sand);
    assert.equal(offered[0], '1134', 'Suldal, where the postal town Sand is, comes first');
    assert.equal((sand as Extract<MunicipalityMatch, { kind: 'ambiguous' }>).postTowns?.['1134'], 'SAND');
    for (const alsoMeant of ['1108', '1514', '3907']) assert.ok(offered.includes(alsoMeant), `Sandnes, Sande and Sandefjord are offered too (${alsoMeant})`);
    assert.deepEqual(choices(findMunicipality('sandvika')), ['3201']);
  });

  test('"1337 Sandvika", as an address is written, is read by its postcode', () => {
    assert.equal(found(findMunicipality('1337 Sandvika')), '3201');
    assert.equal(found(findMunicipality('1470 LØRENSKOG')), '3222');
    assert.deepEqual(findMunicipality('0000 Ingensted'), { kind: 'unknownPostcode' });
  });

  test('names typed without æ, ø and å: "Baerum" and "Aasnes" are found, "Barum" and "Lorenskog" asked about', () => {
    assert.equal(found(findMunicipality('Baerum')), '3201');
    assert.equal(found(findMunicipality('Aasnes')), '3418');
    assert.equal(found(findMunicipality('Loerenskog')), '3222');
    assert.deepEqual(choices(findMunicipality('Barum')), ['3201']);
    assert.deepEqual(choices(findMunicipality('Lorenskog')), ['3222']);
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

  test('the start of a name, three letters or more, is offered, not taken', () => {
    assert.deepEqual(choices(findMunicipality('Lørensk')), ['3222']);
    assert.ok(choices(findMunicipality('Trond')).includes('5001'));
  });

  test('findMunicipalityByNumber', () => {
    assert.equal(findMunicipalityByNumber('0301')?.name, 'Oslo');
    assert.equal(findMunicipalityByNumber('5612')?.name, 'Kautokeino');
    assert.equal(findMunicipalityByNumber('9999'), undefined);
    assert.equal(findMunicipalityByNumber(''), undefined);
  });
});
