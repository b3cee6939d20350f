import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { samplePrivateReport, sampleProfessionalReport } from '../../kit/fixtures/reports.ts';
import { emptyAddress, emptyChild, type Child, type PrivateReport, type ProfessionalReport } from '../../../src/domain/report.ts';
import { findContentCode } from '../../../src/domain/ssb-codes.ts';
import { FIKS_TEXTS } from '../../../src/domain/fiks/fiks-texts.ts';
import { FIKS_MESSAGE_TYPES } from '../../../src/domain/fiks/message-types.ts';
import type { FiksOffentligV2, FiksPrivatV2 } from '../../../src/domain/fiks/fiks-document.ts';
import { mapReportToFiks } from '../../../src/domain/fiks/map-to-fiks.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';

function mapPrivate(report: PrivateReport): FiksPrivatV2 {
  const message = mapReportToFiks(report);
  assert.equal(message.messageType, FIKS_MESSAGE_TYPES.privatV2);
  assert.deepEqual(validateFiksDocument(message.messageType, message.document), { valid: true });
  return message.document;
}

function mapProfessional(report: ProfessionalReport): FiksOffentligV2 {
  const message = mapReportToFiks(report);
  assert.equal(message.messageType, FIKS_MESSAGE_TYPES.offentligV2);
  assert.deepEqual(validateFiksDocument(message.messageType, message.document), { valid: true });
  return message.document;
}

/** Every string anywhere in the document: where a value ends up does not matter, that it arrives does. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

function assertCarries(document: unknown, expected: Record<string, string>) {
  const strings = allStrings(document);
  for (const [what, value] of Object.entries(expected)) {
    assert.ok(value !== '', `test bug: ${what} is empty`);
    assert.ok(
      strings.some((s) => s.includes(value)),
      `${what} (${JSON.stringify(value)}) is missing from the document`,
    );
  }
}

function child(overrides: Partial<Child>): Child {
  return { ...emptyChild(), name: 'Testbarn', informed: 'yes', ...overrides };
}

describe('private report (the fixture) → no.ks.fiks.bekymringsmelding.privat.v2', () => {
  const report = samplePrivateReport();
  const doc = mapPrivate(report);

  it('addresses the municipality without district', () => {
    assert.equal(doc.kommunenummer, '3201');
    assert.equal(doc.kommunenavn, 'Bærum');
    assert.equal(doc.bydelsnummer, '00');
    assert.equal(doc.bydelsnavn, '');
    assert.equal(doc.leveringskanal, 'Fagsystem');
  });

  it('stamps sendingstidspunkt in Norwegian winter time', () => {
    assert.equal(doc.sendingstidspunkt, '2026-11-23T12:03:00');
  });

  it('fills the structured fields', () => {
    assert.deepEqual(doc.privatMelder, {
      personnavn: 'Kari Nordmann',
      telefonnummer: '98765432',
      adresse: { adresselinje1: 'Storgata 3', postnummer: '1337', poststed: 'Sandvika' },
    });
    assert.deepEqual(doc.privatBarn, [
      {
        personnavn: 'Ola Åsheim',
        antattAlder: '8',
        relasjon: 'Nabo',
        adresse: { adresselinje1: 'Storgata 1', postnummer: '1337', poststed: 'Sandvika' },
      },
    ]);
  });

  it('loses nothing the reporter gave', () => {
    const [c] = report.children;
    const [g] = report.guardians;
    assert.ok(c && g);
    assertCarries(doc, {
      reporterName: report.reporter.name,
      reporterPhone: report.privateReporter.phone,
      reporterLine1: report.privateReporter.address.line1,
      reporterPostcode: report.privateReporter.address.postcode,
      reporterCity: report.privateReporter.address.city,
      relation: report.privateReporter.relationToChild,
      keepIdentity: FIKS_TEXTS.keepIdentityFromFamily.yes,
      childName: c.name,
      childAge: c.estimatedAge,
      childLine1: c.address.line1,
      childPostcode: c.address.postcode,
      childCity: c.address.city,
      childInformed: 'Orientert om meldingen: Nei',
      childReason: c.notInformedReason,
      guardianName: g.name,
      guardianPhone: g.phone,
      guardianReason: g.notInformedReason,
      whatHappened: report.concern.whatHappened,
      history: report.concern.history,
      urgency: FIKS_TEXTS.urgency.normal,
      interpreter: `${FIKS_TEXTS.headings.interpreter} Nei`,
      ...Object.fromEntries(report.concern.categories.map((code) => [`category ${code}`, `${code} ${findContentCode(code)?.text}`])),
    });
  });

  it('composes the text in labelled sections separated by blank lines', () => {
    assert.match(doc.melding, /^Hastegrad: Haster ikke\.\n\nBekymringen gjelder:\n- 2\.1\.02 Basal og praktisk omsorg\n- 2\.4\.05 Beskyttelse mot vold\n\n/);
    assert.ok(doc.melding.includes(`${FIKS_TEXTS.headings.whatHappened}\n${report.concern.whatHappened}\n\n`));
    assert.ok(doc.melding.includes('Barn:\n1. Ola Åsheim\n   Antatt alder: 8 år\n   Orientert om meldingen: Nei. Grunn: Han er for liten til å forstå det.'));
    assert.ok(doc.melding.includes('Foresatte:\n1. Per Åsheim\n   Telefon: +47 912 34 567\n   Orientert om meldingen: Nei. Grunn: Jeg er redd for reaksjonen.'));
    assert.ok(!doc.melding.includes(FIKS_TEXTS.headings.otherViews), 'empty sections are left out');
  });

  it('does not send the reporter’s national identity number: no field asks for it', () => {
    assert.ok(!JSON.stringify(doc).includes(report.reporter.fnr));
  });
});

describe('professional report (the fixture) → no.ks.fiks.bekymringsmelding.offentlig.v2', () => {
  const report = sampleProfessionalReport();
  const doc = mapProfessional(report);

  it('addresses the district', () => {
    assert.equal(doc.kommunenummer, '0301');
    assert.equal(doc.bydelsnummer, '05');
    assert.equal(doc.bydelsnavn, 'Frogner');
  });

  it('stamps sendingstidspunkt in Norwegian summer time', () => {
    assert.equal(doc.sendingstidspunkt, '2026-07-01T10:15:30');
  });

  it('fills the reporter and employer', () => {
    assert.deepEqual(doc.offentligMelder, {
      personnavn: 'Lise Lærer',
      rolle: 'Kontaktlærer',
      telefonnummer: '22 00 00 00',
      epost: 'lise.laerer@skole.oslo.no',
      virksomhet: {
        navn: 'Frogner skole',
        orgnr: '974760673',
        adresse: { adresselinje1: 'Frognerveien 1', postnummer: '0257', poststed: 'Oslo' },
      },
    });
  });

  it('sends the fnr when known and "" when not, with orientert and the reason', () => {
    const [sara, jonas] = doc.offentligBarn;
    assert.deepEqual(sara, {
      fnr: '28071364498',
      ufoedt: false,
      personnavn: 'Sara Hansen',
      adresse: { adresselinje1: 'Bygdøy allé 10', postnummer: '0262', poststed: 'Oslo' },
      orientert: true,
      orientertGrunn: '',
    });
    assert.equal(jonas?.fnr, '');
    assert.equal(jonas?.orientert, false);
    assert.equal(jonas?.orientertGrunn, 'Synes det er vanskelig å snakke om dette.');
  });

  it('puts the birth date of the child without fnr in the text', () => {
    assert.ok(doc.melding.melding.includes('Barn uten fødselsnummer:\n1. Jonas Hansen\n   Fødselsdato: 16.08.2016\n   Alder ved innsending: 9 år'));
    assert.ok(!doc.melding.melding.includes('Sara Hansen'), 'a child with fnr needs no identification text');
  });

  it('fills guardians, interpreter and other agencies', () => {
    assert.deepEqual(doc.foresatte, [
      { personnavn: 'Mona Hansen', telefonnummer: '45444342', orientert: true, orientertGrunn: '' },
      { personnavn: 'Geir Hansen', orientert: false, orientertGrunn: 'Bor i utlandet, ikke kontakt.' },
    ]);
    assert.equal(doc.behovForTolk, 'Ja, språk: Polsk');
    assert.equal(doc.andreHjelpeinstanser, 'BUP har hatt kontakt med familien.');
  });

  it('splits the concern into melding, historie and andreSynspunkter', () => {
    assert.equal(doc.melding.historie, report.concern.history);
    assert.equal(doc.melding.andreSynspunkter, report.concern.otherViews);
    assert.match(doc.melding.melding, /^Hastegrad: Haster\. Melder mener barnet trenger hjelp raskt\.\n\nBekymringen gjelder:\n- 1\.2\.03 /);
  });

  it('records the duty-to-report assessment', () => {
    assert.ok(
      doc.melding.melding.includes(
        `${FIKS_TEXTS.headings.duty}\n${FIKS_TEXTS.duty.triggered}\n- ${FIKS_TEXTS.duty.grounds.mistreatedAtHome}`,
      ),
    );
  });

  it('loses nothing the reporter gave', () => {
    const r = report.professionalReporter;
    const expected: Record<string, string> = {
      reporterName: report.reporter.name,
      role: r.role,
      employer: r.employerName,
      orgnr: r.employerOrgnr,
      employerLine1: r.employerAddress.line1,
      employerPostcode: r.employerAddress.postcode,
      employerCity: r.employerAddress.city,
      workPhone: r.workPhone,
      email: r.email,
      whatHappened: report.concern.whatHappened,
      history: report.concern.history,
      otherViews: report.concern.otherViews,
      otherAgencies: report.concern.otherAgencies,
      interpreterLanguage: report.concern.interpreterLanguage,
      urgency: FIKS_TEXTS.urgency.urgent,
    };
    report.children.forEach((c, i) => {
      expected[`child ${i} name`] = c.name;
      if (c.fnr) expected[`child ${i} fnr`] = c.fnr;
      if (c.birthDate) expected[`child ${i} birth date`] = '16.08.2016';
      if (c.notInformedReason) expected[`child ${i} reason`] = c.notInformedReason;
      expected[`child ${i} line1`] = c.address.line1;
      expected[`child ${i} postcode`] = c.address.postcode;
      expected[`child ${i} city`] = c.address.city;
    });
    report.guardians.forEach((g, i) => {
      expected[`guardian ${i} name`] = g.name;
      if (g.phone) expected[`guardian ${i} phone`] = g.phone;
      if (g.notInformedReason) expected[`guardian ${i} reason`] = g.notInformedReason;
    });
    for (const code of report.concern.categories) expected[`category ${code}`] = `${code} ${findContentCode(code)?.text}`;
    assertCarries(doc, expected);
  });
});

describe('the cases a receiving system must still be able to read', () => {
  it('a professional who knows no guardian sends one honest "Ukjent" entry (the schema needs 1–2)', () => {
    const doc = mapProfessional(sampleProfessionalReport({ guardians: [] }));
    assert.deepEqual(doc.foresatte, [
      { personnavn: 'Ukjent', orientert: false, orientertGrunn: 'Melder kjenner ikke til foresatte' },
    ]);
  });

  it('a private reporter who knows no guardian says so in the text', () => {
    const doc = mapPrivate(samplePrivateReport({ guardians: [] }));
    assert.ok(doc.melding.includes(FIKS_TEXTS.noGuardiansGiven));
  });

  it('a report with consent instead of the duty to report records the consent', () => {
    const base = sampleProfessionalReport();
    const doc = mapProfessional({
      ...base,
      duty: { grounds: [] },
      professionalReporter: {
        ...base.professionalReporter,
        consent: {
          parentsConsented: true,
          childOver15: 'notApplicable',
          consentDate: '2026-06-28',
          howRecorded: 'Samtale med mor og far på skolen.\nSignert skjema ligger i elevmappen.',
        },
      },
    });
    const text = doc.melding.melding;
    assert.ok(text.includes(FIKS_TEXTS.duty.notTriggered));
    assert.ok(text.includes('Foreldrene har samtykket til meldingen og innholdet: Ja'));
    assert.ok(text.includes('Barn over 15 år har samtykket: Ikke aktuelt'));
    assert.ok(text.includes('Dato for samtykke: 28.06.2026'));
    assert.ok(text.includes('Samtale med mor og far på skolen.\nSignert skjema ligger i elevmappen.'));
    assert.ok(!text.includes(FIKS_TEXTS.duty.triggered));
  });

  it('an unborn child: "Ufødt barn", ufoedt true, and the due date in the text', () => {
    const unborn = child({ name: '', identification: 'unborn', dueDate: '2027-02-14', address: emptyAddress() });
    const priv = mapPrivate(samplePrivateReport({ children: [unborn] }));
    assert.deepEqual(priv.privatBarn[0], {
      personnavn: 'Ufødt barn',
      antattAlder: 'Ufødt',
      relasjon: 'Nabo',
      adresse: { adresselinje1: 'Ukjent adresse' },
    });
    assert.ok(priv.melding.includes('1. Ufødt barn\n   Ufødt, termin: 14.02.2027'));

    const off = mapProfessional(sampleProfessionalReport({ children: [unborn] }));
    assert.equal(off.offentligBarn[0].ufoedt, true);
    assert.equal(off.offentligBarn[0].fnr, '');
    assert.equal(off.offentligBarn[0].personnavn, 'Ufødt barn');
    assert.ok(off.melding.melding.includes('Ufødt, termin: 14.02.2027'));
  });

  it('an unborn child without due date says so', () => {
    const doc = mapPrivate(samplePrivateReport({ children: [child({ identification: 'unborn', name: 'Lillebror' })] }));
    assert.equal(doc.privatBarn[0].personnavn, 'Lillebror');
    assert.ok(doc.melding.includes('Ufødt, termin ikke oppgitt'));
  });

  it('a private reporter who knows the fnr: the age is computed from it and the fnr goes in the text', () => {
    const doc = mapPrivate(samplePrivateReport({ children: [child({ identification: 'fnr', fnr: '28071364498' })] }));
    assert.equal(doc.privatBarn[0].antattAlder, '13'); // born 2013-07-28, submitted 2026-11-23
    assert.ok(doc.melding.includes('Fødselsnummer: 28071364498'));
  });

  it('a private reporter who knows the birth date: age at submission, turning on the Norwegian birthday', () => {
    const kid = child({ identification: 'birthDate', birthDate: '2016-11-23' });
    const dayBefore = mapPrivate(samplePrivateReport({ children: [kid], submittedAt: new Date('2026-11-22T22:59:59Z') }));
    const birthday = mapPrivate(samplePrivateReport({ children: [kid], submittedAt: new Date('2026-11-22T23:00:00Z') }));
    assert.equal(dayBefore.privatBarn[0].antattAlder, '9');
    assert.equal(birthday.privatBarn[0].antattAlder, '10');
    assert.ok(birthday.melding.includes('Fødselsdato: 23.11.2016'));
  });

  it('an unknown address becomes "Ukjent adresse", keeping whatever part is known', () => {
    const kid = child({ address: { line1: '', postcode: '1337', city: '' } });
    const doc = mapPrivate(samplePrivateReport({ children: [kid] }));
    assert.deepEqual(doc.privatBarn[0].adresse, { adresselinje1: FIKS_TEXTS.unknownAddress, postnummer: '1337' });
  });

  it('a private reporter without address sends none; with only a postcode, sends that', () => {
    const base = samplePrivateReport();
    const none = mapPrivate({ ...base, privateReporter: { ...base.privateReporter, address: emptyAddress() } });
    assert.equal('adresse' in none.privatMelder, false);
    const partial = mapPrivate({
      ...base,
      privateReporter: { ...base.privateReporter, address: { line1: '', postcode: '0262', city: 'Oslo' } },
    });
    assert.deepEqual(partial.privatMelder.adresse, { adresselinje1: 'Ukjent adresse', postnummer: '0262', poststed: 'Oslo' });
  });

  it('a private phone the pattern refuses goes in the text instead of breaking the document', () => {
    const base = samplePrivateReport();
    const doc = mapPrivate({ ...base, privateReporter: { ...base.privateReporter, phone: '(+47) 987 65 432' } });
    assert.equal('telefonnummer' in doc.privatMelder, false);
    assert.ok(doc.melding.includes('(+47) 987 65 432'));
  });

  it('a private reporter without phone sends none', () => {
    const base = samplePrivateReport();
    const doc = mapPrivate({ ...base, privateReporter: { ...base.privateReporter, phone: '' } });
    assert.equal('telefonnummer' in doc.privatMelder, false);
  });

  it('phone numbers and orgnr are normalised', () => {
    const base = sampleProfessionalReport();
    const doc = mapProfessional({
      ...base,
      professionalReporter: { ...base.professionalReporter, workPhone: '  22  00 00 00 ', employerOrgnr: '974 760 673' },
    });
    assert.equal(doc.offentligMelder.telefonnummer, '22 00 00 00');
    assert.equal(doc.offentligMelder.virksomhet.orgnr, '974760673');
  });

  it('interpreter: "Nei" and "Vet ikke"', () => {
    const base = sampleProfessionalReport();
    const no = mapProfessional({ ...base, concern: { ...base.concern, interpreterNeed: 'no', interpreterLanguage: '' } });
    assert.equal(no.behovForTolk, 'Nei');
    const unknown = mapProfessional({ ...base, concern: { ...base.concern, interpreterNeed: 'unknown' } });
    assert.equal(unknown.behovForTolk, 'Vet ikke');
    const priv = samplePrivateReport();
    const privDoc = mapPrivate({ ...priv, concern: { ...priv.concern, interpreterNeed: 'yes', interpreterLanguage: 'Tigrinja' } });
    assert.ok(privDoc.melding.includes('Behov for tolk: Ja, språk: Tigrinja'));
  });

  it('a private reporter who did not ask to stay unknown is told apart from one who did', () => {
    const base = samplePrivateReport();
    const doc = mapPrivate({ ...base, privateReporter: { ...base.privateReporter, keepIdentityFromFamily: false } });
    assert.ok(doc.melding.includes(FIKS_TEXTS.keepIdentityFromFamily.no));
    assert.ok(!doc.melding.includes(FIKS_TEXTS.keepIdentityFromFamily.yes));
  });

  it('line breaks that slipped into one-line fields are flattened, so the report stays deliverable', () => {
    const base = sampleProfessionalReport();
    const doc = mapProfessional({
      ...base,
      reporter: { ...base.reporter, name: 'Lise\nLærer' },
      children: [child({ name: 'Sara\r\nHansen', identification: 'fnr', fnr: '28071364498', informed: 'no', notInformedReason: 'Første linje\nandre linje' })],
      professionalReporter: { ...base.professionalReporter, role: 'Kontakt\u2028lærer' },
    });
    assert.equal(doc.offentligMelder.personnavn, 'Lise Lærer');
    assert.equal(doc.offentligMelder.rolle, 'Kontakt lærer');
    assert.equal(doc.offentligBarn[0].personnavn, 'Sara Hansen');
    assert.equal(doc.offentligBarn[0].orientertGrunn, 'Første linje andre linje');
  });

  it('free text keeps its lines but loses CR and other control characters', () => {
    const base = samplePrivateReport();
    const doc = mapPrivate({
      ...base,
      concern: { ...base.concern, whatHappened: 'Første linje\r\nAndre linje\u0000\u0007\n\tInnrykk' },
    });
    assert.ok(doc.melding.includes('Første linje\nAndre linje\n\tInnrykk'));
  });

  it('attachments are named in the text so the case worker knows to look for them', () => {
    const attachments = [{ id: 'a1', fileName: 'skjermbilde.png', contentType: 'image/png' as const, size: 1234 }];
    const priv = mapPrivate(samplePrivateReport({ attachments }));
    assert.ok(priv.melding.includes('Vedlegg:\n- skjermbilde.png'));
    const off = mapProfessional(sampleProfessionalReport({ attachments }));
    assert.ok(off.melding.melding.includes('Vedlegg:\n- skjermbilde.png'));
  });

  it('a district recipient with "00" never sends a district name', () => {
    const base = samplePrivateReport();
    const doc = mapPrivate({ ...base, recipient: { ...base.recipient, bydelsnummer: '00', bydelsnavn: 'Hele kommunen' } });
    assert.equal(doc.bydelsnavn, '');
  });

  it('more children: one entry each, in order', () => {
    const kids = [child({ name: 'En' }), child({ name: 'To', identification: 'estimatedAge', estimatedAge: '4' }), child({ name: 'Tre' })];
    assert.deepEqual(mapPrivate(samplePrivateReport({ children: kids })).privatBarn.map((b) => b.personnavn), ['En', 'To', 'Tre']);
    assert.deepEqual(mapProfessional(sampleProfessionalReport({ children: kids })).offentligBarn.map((b) => b.personnavn), ['En', 'To', 'Tre']);
  });

  it('guardians beyond the schema’s two (the rules stop them, but just in case) go to the text, not the bin', () => {
    const base = sampleProfessionalReport();
    const third = { name: 'Tredje Foresatt', phone: '99887766', informed: 'yes' as const, notInformedReason: '' };
    const doc = mapProfessional({ ...base, guardians: [...base.guardians, third] });
    assert.equal(doc.foresatte.length, 2);
    assert.ok(doc.melding.melding.includes(`${FIKS_TEXTS.headings.extraGuardians}\n1. Tredje Foresatt\n   Telefon: 99887766`));
  });

  it('a report about no child is refused: the rules never let one through, and Fiks needs at least one', () => {
    assert.throws(() => mapReportToFiks(samplePrivateReport({ children: [] })), /at least one child/);
    assert.throws(() => mapReportToFiks(sampleProfessionalReport({ children: [] })), /at least one child/);
  });
});
