import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapReportToFiks } from '../../../src/domain/fiks/map-to-fiks.ts';
import { FIKS_MESSAGE_TYPES } from '../../../src/domain/fiks/message-types.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';
import { isValidEmail } from '../../../src/domain/rules/email.ts';
import { isValidNationalId } from '../../../src/domain/rules/fnr.ts';
import { isValidOrgnr } from '../../../src/domain/rules/orgnr.ts';
import { isValidPhone } from '../../../src/domain/rules/phone.ts';
import { stripControlCharacters } from '../../../src/domain/rules/text.ts';
import { nationalId, report, validEmail, validOrgnr, validPhone } from '../report-arbitraries.ts';

describe('the generators produce what the rules accept (otherwise the property below proves little)', () => {
  it('phones, e-mails, orgnr and national ids', () => {
    fc.assert(fc.property(validPhone, isValidPhone), { numRuns: 300 });
    fc.assert(fc.property(validEmail, isValidEmail), { numRuns: 300 });
    fc.assert(fc.property(validOrgnr, isValidOrgnr), { numRuns: 300 });
    fc.assert(fc.property(nationalId(1900, 2039, ['fnr', 'dnr', 'tenor', 'hnr']), isValidNationalId), { numRuns: 300 });
  });
});

describe('any report the rules let through maps to a schema-valid Fiks v2 document', () => {
  it('never throws, always validates, and keeps the concern text', () => {
    fc.assert(
      fc.property(report, (r) => {
        const message = mapReportToFiks(r);
        assert.equal(
          message.messageType,
          r.reporterType === 'private' ? FIKS_MESSAGE_TYPES.privatV2 : FIKS_MESSAGE_TYPES.offentligV2,
        );
        const result = validateFiksDocument(message.messageType, message.document);
        assert.deepEqual(result, { valid: true }, JSON.stringify(result));

        assert.match(message.document.sendingstidspunkt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        const whatHappened = stripControlCharacters(r.concern.whatHappened);
        if (message.messageType === FIKS_MESSAGE_TYPES.privatV2) {
          assert.equal(message.document.privatBarn.length, r.children.length);
          if (whatHappened.trim()) assert.ok(message.document.melding.includes(whatHappened));
        } else {
          assert.equal(message.document.offentligBarn.length, r.children.length);
          assert.ok(message.document.foresatte.length >= 1 && message.document.foresatte.length <= 2);
          if (whatHappened.trim()) assert.ok(message.document.melding.melding.includes(whatHappened));
          assert.equal(message.document.melding.historie, stripControlCharacters(r.concern.history));
        }
      }),
      { numRuns: 300 },
    );
  });
});
