// fast-check generators for complete reports as the rules let them through: names and free text from
// the whole of Unicode (æøå, emoji, combining marks, right-to-left), one-line fields kept on one line,
// phones/e-mails/orgnr/fnr valid, and every kind of child identification.
import fc from 'fast-check';
import {
  DUTY_GROUNDS,
  type Address,
  type AttachmentMeta,
  type Child,
  type Concern,
  type ConsentRecord,
  type Guardian,
  type PrivateReport,
  type ProfessionalReport,
  type Recipient,
  type Report,
} from '../../src/domain/report.ts';
import { CONTENT_CODES } from '../../src/domain/ssb-codes.ts';
import { makeNationalId, type NationalIdKind } from './national-id-helpers.ts';

const SPECIAL = ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', 'ß', 'ð', '😀', '👩‍👩‍👧', '🇳🇴', 'e\u0301', '\u200d', '\u202e', 'ع', '李', ' ', '"', '\\', '<', '&', '\ufeff'];

/** One code point from the full range (no lone surrogates), or a character we know is tricky. */
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz') },
);

/** What our text rule lets into a one-line field: no line breaks, no control characters. */
export const singleLineText = (maxLength = 40, minLength = 0) =>
  fc.string({ unit, minLength, maxLength }).map((s) => s.replace(/[\p{Cc}\u2028\u2029]/gu, ' '));

/** Free text as typed or pasted, control characters and all: the mapping must cope. */
export const freeText = (maxLength = 200) =>
  fc.string({ unit: fc.oneof({ weight: 5, arbitrary: unit }, { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\t', '\n\n') }), maxLength });

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** What isValidPhone accepts, sometimes with the stray whitespace normalizePhone removes. */
export const validPhone = fc
  .record({
    plus: fc.boolean(),
    digits: fc.array(fc.constantFrom(...'0123456789'), { minLength: 8, maxLength: 15 }),
    separators: fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: 15, maxLength: 15 }),
    padding: fc.constantFrom('', ' ', '  '),
  })
  .map(({ plus, digits: ds, separators, padding }) =>
    padding + (plus ? '+' : '') + ds.map((d, i) => (i === 0 ? d : (separators[i] ?? '') + d)).join('') + padding,
  );

const emailAtom = (chars: string) => fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 8 });
const LOCAL_CHARS = 'abcxyzABCXYZæøåÆØÅ0189_-';
const DOMAIN_CHARS = 'abcxyzæøåÆØÅ019-';

/** What the Fiks epost pattern accepts. */
export const validEmail = fc
  .record({
    local: fc.array(emailAtom(LOCAL_CHARS), { minLength: 1, maxLength: 3 }),
    domain: fc.array(emailAtom(DOMAIN_CHARS), { minLength: 1, maxLength: 3 }),
    tld: fc.string({ unit: fc.constantFrom(...'abcnoNOse'), minLength: 2, maxLength: 6 }),
  })
  .map(({ local, domain, tld }) => `${local.join('.')}@${domain.join('.')}.${tld}`);

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

export const validOrgnr = fc
  .tuple(digits(8), fc.boolean())
  .map(([eight, spaced]) => {
    const sum = ORGNR_WEIGHTS.reduce((acc, w, i) => acc + w * Number(eight[i]), 0);
    const check = sum % 11 === 0 ? 0 : 11 - (sum % 11);
    if (check === 10) return null;
    const orgnr = `${eight}${check}`;
    return spaced ? `${orgnr.slice(0, 3)} ${orgnr.slice(3, 6)} ${orgnr.slice(6)}` : orgnr;
  })
  .filter((orgnr): orgnr is string => orgnr !== null);

/** ISO dates between two years, always real calendar days. */
export const isoDate = (fromYear: number, toYear: number) =>
  fc
    .date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** A valid national id of the given kinds, for someone born between the years. */
export const nationalId = (fromYear: number, toYear: number, kinds: NationalIdKind[] = ['fnr', 'dnr', 'tenor']) =>
  fc
    .record({ date: isoDate(fromYear, toYear), kind: fc.constantFrom(...kinds), offset: fc.integer({ min: 0, max: 99 }) })
    .map(({ date, kind, offset }) => {
      const year = Number(date.slice(0, 4));
      // An individual number whose range means the right century (Skatteetaten's table).
      const base = year >= 2000 ? 500 : 100;
      return makeNationalId(date, base + offset, kind);
    })
    .filter((id): id is string => id !== null);

export const address: fc.Arbitrary<Address> = fc.record({
  line1: fc.oneof(fc.constant(''), singleLineText(60)),
  postcode: fc.oneof(fc.constant(''), digits(4)),
  city: fc.oneof(fc.constant(''), singleLineText(30)),
});

const informed = fc.oneof(
  fc.constant({ informed: 'yes' as const, notInformedReason: '' }),
  fc.record({ informed: fc.constant('no' as const), notInformedReason: singleLineText(80) }),
);

export const child: fc.Arbitrary<Child> = fc
  .record({
    identification: fc.constantFrom('fnr', 'birthDate', 'estimatedAge', 'unborn') as fc.Arbitrary<Child['identification']>,
    name: singleLineText(40, 1),
    fnr: nationalId(2008, 2026),
    birthDate: isoDate(2005, 2026),
    estimatedAge: fc.integer({ min: 0, max: 17 }).map(String),
    dueDate: fc.oneof(fc.constant(''), isoDate(2026, 2028)),
    unnamedUnborn: fc.boolean(),
    address,
    informed,
  })
  .map((c) => ({
    name: c.identification === 'unborn' && c.unnamedUnborn ? '' : c.name,
    identification: c.identification,
    fnr: c.identification === 'fnr' ? c.fnr : '',
    birthDate: c.identification === 'birthDate' ? c.birthDate : '',
    estimatedAge: c.identification === 'estimatedAge' ? c.estimatedAge : '',
    dueDate: c.identification === 'unborn' ? c.dueDate : '',
    address: c.address,
    ...c.informed,
  }));

export const guardian: fc.Arbitrary<Guardian> = fc
  .record({ name: singleLineText(40, 1), phone: fc.oneof(fc.constant(''), validPhone), informed })
  .map(({ informed: i, ...g }) => ({ ...g, ...i }));

export const concern: fc.Arbitrary<Concern> = fc
  .record({
    categories: fc.subarray(CONTENT_CODES.map((c) => c.code), { minLength: 1 }),
    urgency: fc.constantFrom('urgent', 'normal') as fc.Arbitrary<Concern['urgency']>,
    whatHappened: freeText(),
    history: freeText(),
    otherViews: freeText(),
    interpreterNeed: fc.constantFrom('yes', 'no', 'unknown') as fc.Arbitrary<Concern['interpreterNeed']>,
    interpreterLanguage: singleLineText(30, 1),
    otherAgencies: freeText(),
  })
  .map((c) => ({ ...c, interpreterLanguage: c.interpreterNeed === 'yes' ? c.interpreterLanguage : '' }));

export const recipient: fc.Arbitrary<Recipient> = fc.record({
  kommunenummer: digits(4),
  kommunenavn: singleLineText(30, 1),
  district: fc.oneof(
    fc.constant({ bydelsnummer: '00', bydelsnavn: '' }),
    fc.record({ bydelsnummer: fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0')), bydelsnavn: singleLineText(30, 1) }),
  ),
  serviceId: fc.uuid(),
  serviceName: singleLineText(40, 1),
}).map(({ district, ...r }) => ({ ...r, ...district }));

const attachment: fc.Arbitrary<AttachmentMeta> = fc.record({
  id: fc.uuid(),
  fileName: singleLineText(40, 1),
  contentType: fc.constantFrom('application/pdf', 'image/jpeg', 'image/png') as fc.Arbitrary<AttachmentMeta['contentType']>,
  size: fc.integer({ min: 1, max: 10 * 1024 * 1024 }),
});

const base = fc.record({
  reporter: fc.record({ fnr: nationalId(1940, 2008), name: singleLineText(60, 1) }),
  recipient,
  children: fc.array(child, { minLength: 1, maxLength: 5 }),
  guardians: fc.array(guardian, { maxLength: 2 }),
  concern,
  attachments: fc.array(attachment, { maxLength: 3 }),
  submittedAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }),
});

export const privateReport: fc.Arbitrary<PrivateReport> = fc
  .record({
    base,
    privateReporter: fc.record({
      phone: fc.oneof(fc.constant(''), validPhone),
      address,
      relationToChild: singleLineText(40),
      keepIdentityFromFamily: fc.boolean(),
    }),
  })
  .map(({ base: b, privateReporter }) => ({ ...b, reporterType: 'private' as const, privateReporter }));

const consent: fc.Arbitrary<ConsentRecord> = fc.record({
  parentsConsented: fc.boolean(),
  childOver15: fc.constantFrom('yes', 'no', 'notApplicable') as fc.Arbitrary<ConsentRecord['childOver15']>,
  consentDate: isoDate(2020, 2040),
  howRecorded: freeText(100),
});

export const professionalReport: fc.Arbitrary<ProfessionalReport> = fc
  .record({
    base,
    grounds: fc.subarray([...DUTY_GROUNDS]),
    consent,
    details: fc.record({
      role: singleLineText(40, 1),
      employerName: singleLineText(60, 1),
      employerOrgnr: validOrgnr,
      employerAddress: address,
      workPhone: validPhone,
      email: validEmail,
    }),
  })
  .map(({ base: b, grounds, consent: c, details }) => ({
    ...b,
    reporterType: 'professional' as const,
    duty: { grounds },
    // The rules ask for consent exactly when the duty is not triggered.
    professionalReporter: { ...details, consent: grounds.length > 0 ? null : c },
  }));

export const report: fc.Arbitrary<Report> = fc.oneof(privateReport, professionalReport);
