import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suggestReporterCode } from '../../../src/domain/mottak/reporter-code.ts';

const TODAY = '2026-06-01';
const privateCode = (relation: string) => suggestReporterCode({ reporterType: 'private', relation }, TODAY)?.code;
const professional = (role: string, employer: string) => suggestReporterCode({ reporterType: 'professional', role, employer }, TODAY);

describe('the SSB melder code suggested from what the reporter wrote', () => {
  it('reads a private reporter as parent, family, the child, or another private person', () => {
    assert.equal(privateCode('Jeg er moren'), '2');
    assert.equal(privateCode('Pappa'), '2');
    assert.equal(privateCode('Bestemor på morssiden'), '3');
    assert.equal(privateCode('tanta hans'), '3');
    assert.equal(privateCode('Meg selv'), '1');
    assert.equal(privateCode('Nabo'), '4');
    assert.equal(privateCode(''), '4');
  });

  it('reads a professional from role and workplace, the specific before the general', () => {
    assert.equal(professional('Kontaktlærer', 'Lilleby skole')?.code, '11');
    assert.equal(professional('Helsesykepleier', 'Skolehelsetjenesten Lilleby skole')?.code, '10');
    assert.equal(professional('Pedagogisk leder', 'Solsikken barnehage')?.code, '9');
    assert.equal(professional('Saksbehandler', 'Barnevernsvakta i Bergen')?.code, '7');
    assert.equal(professional('Politibetjent', 'Oslo politidistrikt')?.code, '8');
    assert.equal(professional('Veileder', 'NAV Grünerløkka')?.code, '6');
    assert.equal(professional('Tannlege', 'Den offentlige tannhelsetjenesten')?.code, '25');
    assert.equal(professional('Overlege', 'Haukeland universitetssjukehus')?.code, '24');
  });

  it('uses the code valid on the day: before 2025 a doctor was code 15', () => {
    assert.equal(suggestReporterCode({ reporterType: 'professional', role: 'Fastlege', employer: 'Legesenteret' }, '2024-06-01')?.code, '15');
  });

  it('falls back to "other public bodies" with the workplace as the precision SSB asks for, and says what it read', () => {
    assert.deepEqual(professional('Rådgiver', 'Statsforvalteren i Trøndelag'), { code: '22', detail: 'Statsforvalteren i Trøndelag', basis: 'Rådgiver, Statsforvalteren i Trøndelag' });
    assert.deepEqual(suggestReporterCode({ reporterType: 'private', relation: ' Nabo ' }, TODAY), { code: '4', detail: '', basis: 'Nabo' });
  });
});
