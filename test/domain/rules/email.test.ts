import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIKS_EMAIL_PATTERN, isValidEmail, MAX_EMAIL_LENGTH } from '../../../src/domain/rules/email.ts';
import { referenceDataDir } from '../../../src/reference-data.ts';

describe('isValidEmail: the Fiks offentlig epost pattern', () => {
  it('is the schema’s pattern, character for character', () => {
    const schema = JSON.parse(
      readFileSync(
        join(referenceDataDir(), 'fiks-bekymringsmelding/schema/domain/v2/offentlig.bekymringsmelding.v2.json'),
        'utf8',
      ),
    );
    assert.equal(FIKS_EMAIL_PATTERN.source, schema.properties.offentligMelder.properties.epost.pattern);
  });

  it('accepts ordinary work addresses, with æøå as KS allows', () => {
    for (const email of ['lise.laerer@skole.oslo.no', 'lærer@skole.no', 'ÆØÅ@bæ.no', 'first_last-x@sub-domain.example.com', 'post@bufdir.no']) {
      assert.equal(isValidEmail(email), true, email);
    }
  });

  it('refuses what the schema refuses, including the plus sign', () => {
    for (const bad of ['a+b@x.no', 'a@b', 'a@b.c', 'a@b.n0', 'a..b@x.no', '.a@x.no', 'a.@x.no', 'a b@x.no', 'a@b@c.no', 'ü@x.no', 'a:b@x.no', 'a<b@x.no', 'a@x_y.no', ' a@x.no', 'a@x.no ', '']) {
      assert.equal(isValidEmail(bad), false, bad);
    }
  });

  it('refuses addresses over 254 characters even when the pattern matches', () => {
    const local = 'a'.repeat(MAX_EMAIL_LENGTH - '@skole.no'.length);
    assert.equal(isValidEmail(`${local}@skole.no`), true);
    assert.equal(isValidEmail(`a${local}@skole.no`), false);
  });
});
