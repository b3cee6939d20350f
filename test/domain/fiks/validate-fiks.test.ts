import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir } from '../../../src/reference-data.ts';
import { FIKS_MESSAGE_TYPES, type FiksSchemaMessageType } from '../../../src/domain/fiks/message-types.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';

function example(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(referenceDataDir(), 'fiks-bekymringsmelding/schema/examples', name), 'utf8'));
}

const EXAMPLES: [string, FiksSchemaMessageType][] = [
  ['privatBekymringsmeldingV2.json', FIKS_MESSAGE_TYPES.privatV2],
  ['offentligBekymringsmeldingV2.json', FIKS_MESSAGE_TYPES.offentligV2],
  ['privatBekymringsmeldingV1.json', FIKS_MESSAGE_TYPES.privatV1],
  ['offentligBekymringsmeldingV1.json', FIKS_MESSAGE_TYPES.offentligV1],
  ['feilmelding.json', FIKS_MESSAGE_TYPES.feiletV1],
  ['feilmelding_tom.json', FIKS_MESSAGE_TYPES.feiletV1],
];

describe('validateFiksDocument accepts what KS itself publishes', () => {
  for (const [file, messageType] of EXAMPLES) {
    it(`${file} is a valid ${messageType}`, () => {
      assert.deepEqual(validateFiksDocument(messageType, example(file)), { valid: true });
    });
  }
});

describe('validateFiksDocument refuses what a receiving case system would refuse', () => {
  const offentlig = () => example('offentligBekymringsmeldingV2.json');
  const privat = () => example('privatBekymringsmeldingV2.json');

  function assertInvalid(messageType: FiksSchemaMessageType, document: unknown, pathFragment: string) {
    const result = validateFiksDocument(messageType, document);
    assert.equal(result.valid, false);
    if (!result.valid) {
      assert.ok(
        result.errors.some((e) => e.includes(pathFragment)),
        `expected an error at ${pathFragment}, got ${result.errors.join('; ')}`,
      );
    }
  }

  it('a name with a line break (the ^(.*)$ patterns)', () => {
    const doc = offentlig();
    doc.offentligBarn[0].personnavn = 'Barn\nBarnesen';
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, doc, '/offentligBarn/0/personnavn');
  });

  it('a reporter phone outside the pattern', () => {
    const doc = offentlig();
    doc.offentligMelder.telefonnummer = '(+47) 99999999';
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, doc, '/offentligMelder/telefonnummer');
  });

  it('an e-mail with a plus sign', () => {
    const doc = offentlig();
    doc.offentligMelder.epost = 'lise+bvt@skole.no';
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, doc, '/offentligMelder/epost');
  });

  it('no guardians, or three', () => {
    const none = offentlig();
    none.foresatte = [];
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, none, '/foresatte');
    const three = offentlig();
    three.foresatte = [three.foresatte[0], three.foresatte[0], three.foresatte[0]];
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, three, '/foresatte');
  });

  it('an address without adresselinje1 (proves the ../adresse.json $ref resolves)', () => {
    const doc = offentlig();
    delete doc.offentligMelder.virksomhet.adresse.adresselinje1;
    assertInvalid(FIKS_MESSAGE_TYPES.offentligV2, doc, '/offentligMelder/virksomhet/adresse');
    const priv = privat();
    priv.privatBarn[1].adresse = { postnummer: '5020' };
    assertInvalid(FIKS_MESSAGE_TYPES.privatV2, priv, '/privatBarn/1/adresse');
  });

  it('a private report about no child, which KS’s schema means but (minLength on an array) does not say', () => {
    const doc = privat();
    doc.privatBarn = [];
    assertInvalid(FIKS_MESSAGE_TYPES.privatV2, doc, '/privatBarn');
  });

  it('a missing required field', () => {
    const doc = privat();
    delete doc.sendingstidspunkt;
    assertInvalid(FIKS_MESSAGE_TYPES.privatV2, doc, 'sendingstidspunkt');
  });

  it('a bydelsnummer that is not two digits', () => {
    const doc = privat();
    doc.bydelsnummer = '2';
    assertInvalid(FIKS_MESSAGE_TYPES.privatV2, doc, '/bydelsnummer');
  });
});

describe('sendingstidspunkt: date-time with the zone optional', () => {
  function withTime(value: string) {
    const doc = example('privatBekymringsmeldingV2.json');
    doc.sendingstidspunkt = value;
    return validateFiksDocument(FIKS_MESSAGE_TYPES.privatV2, doc).valid;
  }

  it('accepts Norwegian local time without zone, as the protocol sends it', () => {
    assert.equal(withTime('2026-07-01T10:15:30'), true);
  });

  it('still accepts RFC 3339 with a zone', () => {
    assert.equal(withTime('2026-07-01T08:15:30Z'), true);
    assert.equal(withTime('2026-07-01T10:15:30+02:00'), true);
    assert.equal(withTime('2026-07-01T10:15:30.123+02:00'), true);
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['2026-07-01 10:15:30', '2026-02-30T10:00:00', '2026-07-01T24:00:00', '2026-07-01T10:60:00', '2026-07-01', '01.07.2026 10:15', '2026-07-01T10:15']) {
      assert.equal(withTime(bad), false, bad);
    }
  });
});
