// Maps a complete report to the KS Fiks bekymringsmelding v2 documents (bekymringsmelding.json).
//
// The two schemas are much poorer than our report: the private one has a single `melding` string and
// the public one no place for categories, urgency, birth dates or the duty-to-report assessment. What
// has no field of its own goes into labelled sections of the free text, so the case worker receives
// everything the reporter gave. All Norwegian wording comes from FIKS_TEXTS.
//
// The mapping trusts the report to have passed the rules (src/domain/rules) and does not invent values
// for required fields; validateFiksDocument is the gate before sending. It does flatten line breaks in
// fields the schema wants on one line, because one stray newline would make the whole report
// undeliverable.
import {
  isDutyTriggered,
  type Address,
  type AttachmentMeta,
  type Child,
  type Concern,
  type Guardian,
  type PrivateReport,
  type ProfessionalReport,
  type Recipient,
  type Report,
} from '../report.ts';
import { findContentCode } from '../ssb-codes.ts';
import { ageOnDate, birthDateFromNationalId } from '../rules/fnr.ts';
import { formatNorwegianDate, isValidIsoDate } from '../rules/iso-date.ts';
import { toNorwegianLocalDateTime } from '../rules/norwegian-time.ts';
import { normalizeOrgnr } from '../rules/orgnr.ts';
import { isValidPhone, normalizePhone } from '../rules/phone.ts';
import { stripControlCharacters, toSingleLine } from '../rules/text.ts';
import { FIKS_TEXTS } from './fiks-texts.ts';
import { FIKS_MESSAGE_TYPES } from './message-types.ts';

export { toNorwegianLocalDateTime };

// ---- Document types (field names are the protocol's) ----

export interface FiksAdresse {
  adresselinje1: string;
  adresselinje2?: string;
  adresselinje3?: string;
  postnummer?: string;
  poststed?: string;
}

export interface FiksPrivatMelder {
  personnavn: string;
  telefonnummer?: string;
  adresse?: FiksAdresse;
}

export interface FiksPrivatBarn {
  personnavn: string;
  antattAlder?: string;
  relasjon?: string;
  adresse: FiksAdresse;
}

/** A non-empty list: the privat schema means `minItems: 1` even though it says `minLength`. */
export type NonEmpty<T> = [T, ...T[]];

export interface FiksPrivatV2 {
  kommunenummer: string;
  kommunenavn: string;
  bydelsnummer: string;
  bydelsnavn: string;
  privatMelder: FiksPrivatMelder;
  privatBarn: NonEmpty<FiksPrivatBarn>;
  melding: string;
  sendingstidspunkt: string;
  leveringskanal: string;
}

export interface FiksVirksomhet {
  navn: string;
  orgnr?: string;
  adresse: FiksAdresse;
}

export interface FiksOffentligMelder {
  personnavn: string;
  rolle: string;
  telefonnummer: string;
  epost: string;
  virksomhet: FiksVirksomhet;
}

export interface FiksOffentligBarn {
  /** '' when the reporter does not know it. */
  fnr: string;
  ufoedt: boolean;
  personnavn: string;
  telefonnummer?: string;
  adresse: FiksAdresse;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface FiksForesatt {
  personnavn: string;
  telefonnummer?: string;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface FiksOffentligMelding {
  melding: string;
  historie: string;
  andreSynspunkter?: string;
}

export interface FiksOffentligV2 {
  kommunenummer: string;
  kommunenavn: string;
  bydelsnummer: string;
  bydelsnavn: string;
  offentligMelder: FiksOffentligMelder;
  offentligBarn: NonEmpty<FiksOffentligBarn>;
  foresatte: [FiksForesatt] | [FiksForesatt, FiksForesatt];
  behovForTolk?: string;
  andreHjelpeinstanser?: string;
  melding: FiksOffentligMelding;
  sendingstidspunkt: string;
  leveringskanal: string;
}

export interface FiksPrivatMessage {
  messageType: typeof FIKS_MESSAGE_TYPES.privatV2;
  document: FiksPrivatV2;
}

export interface FiksOffentligMessage {
  messageType: typeof FIKS_MESSAGE_TYPES.offentligV2;
  document: FiksOffentligV2;
}

export type FiksMessage = FiksPrivatMessage | FiksOffentligMessage;

// ---- Entry point ----

export function mapReportToFiks(report: PrivateReport): FiksPrivatMessage;
export function mapReportToFiks(report: ProfessionalReport): FiksOffentligMessage;
export function mapReportToFiks(report: Report): FiksMessage;
export function mapReportToFiks(report: Report): FiksMessage {
  if (report.children.length === 0) {
    // Sending a placeholder child would misdirect the case worker; the rules never let this through.
    throw new Error('A report must concern at least one child');
  }
  return report.reporterType === 'private'
    ? { messageType: FIKS_MESSAGE_TYPES.privatV2, document: mapPrivate(report) }
    : { messageType: FIKS_MESSAGE_TYPES.offentligV2, document: mapProfessional(report) };
}

// ---- Private ----

function mapPrivate(report: PrivateReport): FiksPrivatV2 {
  const details = report.privateReporter;
  const phone = normalizePhone(details.phone);
  const relation = toSingleLine(details.relationToChild);

  const privatMelder: FiksPrivatMelder = {
    personnavn: toSingleLine(report.reporter.name),
    ...(isValidPhone(phone) && { telefonnummer: phone }),
    // Sent when any part is known (not only line 1), so a postcode without a street is not lost.
    ...(hasAnyAddressPart(details.address) && { adresse: toFiksAddress(details.address) }),
  };

  const privatBarn = nonEmpty(
    report.children.map((child): FiksPrivatBarn => {
      const age = childAge(child, report.submittedAt);
      // Keys in schema order: the JSON is also read by people debugging a delivery.
      return {
        personnavn: childName(child),
        ...(age !== undefined && { antattAlder: age }),
        ...(relation && { relasjon: relation }),
        adresse: toFiksAddress(child.address),
      };
    }),
  );

  return {
    ...recipientFields(report.recipient),
    privatMelder,
    privatBarn,
    melding: composePrivateText(report, phone),
    sendingstidspunkt: toNorwegianLocalDateTime(report.submittedAt),
    leveringskanal: FIKS_TEXTS.deliveryChannel,
  };
}

function composePrivateText(report: PrivateReport, normalizedPhone: string): string {
  const { concern } = report;
  const sections = [
    concernOverviewSection(concern),
    freeTextSection(FIKS_TEXTS.headings.whatHappened, concern.whatHappened),
    freeTextSection(FIKS_TEXTS.headings.history, concern.history),
    freeTextSection(FIKS_TEXTS.headings.otherViews, concern.otherViews),
    listSection(
      FIKS_TEXTS.headings.children,
      report.children.map((child) => childDetailLines(child, report.submittedAt)),
    ),
    report.guardians.length > 0
      ? listSection(FIKS_TEXTS.headings.guardians, report.guardians.map(guardianDetailLines))
      : FIKS_TEXTS.noGuardiansGiven,
    `${FIKS_TEXTS.headings.interpreter} ${interpreterText(concern)}`,
    freeTextSection(FIKS_TEXTS.headings.otherAgencies, concern.otherAgencies),
    reporterSection(report, normalizedPhone),
    attachmentsSection(report.attachments),
  ];
  return joinSections(sections);
}

function reporterSection(report: PrivateReport, normalizedPhone: string): string {
  const lines: string[] = [FIKS_TEXTS.headings.reporter];
  // A phone the schema pattern refuses cannot go in `telefonnummer`, but the service may still call it.
  if (normalizedPhone && !isValidPhone(normalizedPhone)) {
    lines.push(`${FIKS_TEXTS.reporterPhoneNotStructured}: ${toSingleLine(normalizedPhone)}`);
  }
  lines.push(
    report.privateReporter.keepIdentityFromFamily
      ? FIKS_TEXTS.keepIdentityFromFamily.yes
      : FIKS_TEXTS.keepIdentityFromFamily.no,
  );
  return lines.join('\n');
}

// ---- Professional ----

function mapProfessional(report: ProfessionalReport): FiksOffentligV2 {
  const details = report.professionalReporter;
  const orgnr = normalizeOrgnr(details.employerOrgnr);
  const virksomhet: FiksVirksomhet = {
    navn: toSingleLine(details.employerName),
    ...(orgnr && { orgnr: toSingleLine(orgnr) }),
    adresse: toFiksAddress(details.employerAddress),
  };

  const offentligBarn = nonEmpty(
    report.children.map(
      (child): FiksOffentligBarn => ({
        fnr: childFnr(child),
        ufoedt: child.identification === 'unborn',
        personnavn: childName(child),
        adresse: toFiksAddress(child.address),
        orientert: child.informed === 'yes',
        // Always present ('' when informed), as in KS's examples, so receivers need not test for it.
        // An unborn child is not asked about; the reason says so rather than being left empty.
        orientertGrunn: child.informed === 'yes' ? '' : child.identification === 'unborn' ? FIKS_TEXTS.unbornNotInformed : toSingleLine(child.notInformedReason),
      }),
    ),
  );

  const { concern } = report;
  const melding: FiksOffentligMelding = {
    melding: composeProfessionalText(report),
    historie: stripControlCharacters(concern.history),
  };
  const otherViews = stripControlCharacters(concern.otherViews);
  if (otherViews.trim()) melding.andreSynspunkter = otherViews;
  const otherAgencies = stripControlCharacters(concern.otherAgencies);

  return {
    ...recipientFields(report.recipient),
    offentligMelder: {
      personnavn: toSingleLine(report.reporter.name),
      rolle: toSingleLine(details.role),
      telefonnummer: normalizePhone(details.workPhone),
      epost: details.email.trim(),
      virksomhet,
    },
    offentligBarn,
    foresatte: mapGuardians(report.guardians),
    behovForTolk: interpreterText(concern),
    ...(otherAgencies.trim() && { andreHjelpeinstanser: otherAgencies }),
    melding,
    sendingstidspunkt: toNorwegianLocalDateTime(report.submittedAt),
    leveringskanal: FIKS_TEXTS.deliveryChannel,
  };
}

function mapGuardians(guardians: Guardian[]): FiksOffentligV2['foresatte'] {
  const mapped = guardians.map((guardian): FiksForesatt => {
    const phone = toSingleLine(normalizePhone(guardian.phone));
    return {
      personnavn: toSingleLine(guardian.name) || FIKS_TEXTS.unknownGuardian.name,
      ...(phone && { telefonnummer: phone }),
      orientert: guardian.informed === 'yes',
      orientertGrunn: guardian.informed === 'yes' ? '' : toSingleLine(guardian.notInformedReason),
    };
  });
  const [first, second] = mapped;
  // The schema needs 1–2 entries; an honest "unknown" beats leaving the report undeliverable.
  if (!first) {
    return [
      {
        personnavn: FIKS_TEXTS.unknownGuardian.name,
        orientert: false,
        orientertGrunn: FIKS_TEXTS.unknownGuardian.notInformedReason,
      },
    ];
  }
  return second ? [first, second] : [first];
}

function composeProfessionalText(report: ProfessionalReport): string {
  const { concern } = report;
  const childrenWithoutFnr = report.children.filter((child) => childFnr(child) === '');
  // The rules allow at most two guardians; if more ever arrive they go to the text rather than vanish.
  const extraGuardians = report.guardians.slice(2);
  return joinSections([
    concernOverviewSection(concern),
    freeTextSection(FIKS_TEXTS.headings.whatHappened, concern.whatHappened),
    childrenWithoutFnr.length > 0
      ? listSection(
          FIKS_TEXTS.headings.childrenWithoutFnr,
          childrenWithoutFnr.map((child) => childDetailLines(child, report.submittedAt, { withInformed: false })),
        )
      : '',
    extraGuardians.length > 0 ? listSection(FIKS_TEXTS.headings.extraGuardians, extraGuardians.map(guardianDetailLines)) : '',
    dutySection(report),
    attachmentsSection(report.attachments),
  ]);
}

function dutySection(report: ProfessionalReport): string {
  if (isDutyTriggered(report.duty)) {
    return [
      FIKS_TEXTS.headings.duty,
      FIKS_TEXTS.duty.triggered,
      ...report.duty.grounds.map((ground) => `- ${FIKS_TEXTS.duty.grounds[ground]}`),
    ].join('\n');
  }
  const consent = report.professionalReporter.consent;
  const lines: string[] = [FIKS_TEXTS.headings.duty, FIKS_TEXTS.duty.notTriggered, '', FIKS_TEXTS.headings.consent];
  if (!consent) {
    lines.push(FIKS_TEXTS.duty.consentMissing);
    return lines.join('\n');
  }
  const childConsent =
    consent.childOver15 === 'notApplicable' ? FIKS_TEXTS.consent.notApplicable : yesNo(consent.childOver15 === 'yes');
  lines.push(`${FIKS_TEXTS.consent.parentsConsented}: ${yesNo(consent.parentsConsented)}`);
  lines.push(`${FIKS_TEXTS.consent.childOver15}: ${childConsent}`);
  if (consent.consentDate) lines.push(`${FIKS_TEXTS.consent.consentDate}: ${formatNorwegianDate(consent.consentDate)}`);
  const how = stripControlCharacters(consent.howRecorded);
  if (how.trim()) lines.push(`${FIKS_TEXTS.consent.howRecorded}:`, how);
  return lines.join('\n');
}

// ---- Shared pieces ----

function recipientFields(recipient: Recipient) {
  const bydelsnummer = recipient.bydelsnummer || '00';
  return {
    kommunenummer: recipient.kommunenummer,
    kommunenavn: toSingleLine(recipient.kommunenavn),
    bydelsnummer,
    bydelsnavn: bydelsnummer === '00' ? '' : toSingleLine(recipient.bydelsnavn),
  };
}

export function toFiksAddress(address: Address): FiksAdresse {
  const adresse: FiksAdresse = { adresselinje1: toSingleLine(address.line1) || FIKS_TEXTS.unknownAddress };
  const postcode = toSingleLine(address.postcode);
  const city = toSingleLine(address.city);
  if (postcode) adresse.postnummer = postcode;
  if (city) adresse.poststed = city;
  return adresse;
}

function hasAnyAddressPart(address: Address): boolean {
  return [address.line1, address.postcode, address.city].some((part) => toSingleLine(part) !== '');
}

function childName(child: Child): string {
  const name = toSingleLine(child.name);
  if (name) return name;
  return child.identification === 'unborn' ? FIKS_TEXTS.unbornChildName : FIKS_TEXTS.unnamedChild;
}

function childFnr(child: Child): string {
  return child.identification === 'fnr' ? child.fnr.trim() : '';
}

/** Whole years at submission, as Fiks `antattAlder` (a string): typed, computed, or "Ufødt". */
function childAge(child: Child, submittedAt: Date): string | undefined {
  switch (child.identification) {
    case 'estimatedAge':
      return toSingleLine(child.estimatedAge) || undefined;
    case 'birthDate':
      return ageFromBirthDate(child.birthDate, submittedAt);
    case 'fnr': {
      const birthDate = birthDateFromNationalId(child.fnr.trim());
      return birthDate ? ageFromBirthDate(birthDate, submittedAt) : undefined;
    }
    case 'unborn':
      return FIKS_TEXTS.unbornAge;
  }
}

function ageFromBirthDate(birthDate: string, at: Date): string | undefined {
  if (!isValidIsoDate(birthDate)) return undefined;
  const age = ageOnDate(birthDate, at);
  return age >= 0 ? String(age) : undefined;
}

function childDetailLines(child: Child, submittedAt: Date, options = { withInformed: true }): string[] {
  const { labels } = FIKS_TEXTS;
  const lines = [childName(child)];
  switch (child.identification) {
    case 'fnr':
      lines.push(`${labels.fnr}: ${toSingleLine(child.fnr)}`);
      break;
    case 'birthDate': {
      const age = ageFromBirthDate(child.birthDate, submittedAt);
      lines.push(`${labels.birthDate}: ${formatNorwegianDate(toSingleLine(child.birthDate))}`);
      if (age !== undefined) lines.push(`${labels.ageAtSubmission}: ${age} ${labels.years}`);
      break;
    }
    case 'estimatedAge':
      lines.push(`${labels.estimatedAge}: ${toSingleLine(child.estimatedAge)} ${labels.years}`);
      break;
    case 'unborn':
      lines.push(
        child.dueDate
          ? `${labels.unborn}, ${labels.dueDate}: ${formatNorwegianDate(toSingleLine(child.dueDate))}`
          : `${labels.unborn}, ${labels.dueDateUnknown}`,
      );
      break;
  }
  if (options.withInformed) lines.push(informedLine(child.informed === 'yes', child.notInformedReason));
  return lines;
}

function guardianDetailLines(guardian: Guardian): string[] {
  const lines = [toSingleLine(guardian.name) || FIKS_TEXTS.unknownGuardian.name];
  const phone = toSingleLine(normalizePhone(guardian.phone));
  if (phone) lines.push(`${FIKS_TEXTS.labels.phone}: ${phone}`);
  lines.push(informedLine(guardian.informed === 'yes', guardian.notInformedReason));
  return lines;
}

function informedLine(informed: boolean, reason: string): string {
  const { labels } = FIKS_TEXTS;
  if (informed) return `${labels.informed}: ${FIKS_TEXTS.yes}`;
  const why = toSingleLine(reason);
  return why
    ? `${labels.informed}: ${FIKS_TEXTS.no}. ${labels.notInformedReason}: ${why}`
    : `${labels.informed}: ${FIKS_TEXTS.no}`;
}

function interpreterText(concern: Concern): string {
  switch (concern.interpreterNeed) {
    case 'yes': {
      const language = toSingleLine(concern.interpreterLanguage);
      return language ? FIKS_TEXTS.interpreter.yes(language) : FIKS_TEXTS.yes;
    }
    case 'no':
      return FIKS_TEXTS.interpreter.no;
    case 'unknown':
      return FIKS_TEXTS.interpreter.unknown;
  }
}

/** Urgency first and then the SSB categories: what a case worker triages on. */
function concernOverviewSection(concern: Concern): string {
  const categories = concern.categories.map((code) => {
    const known = findContentCode(code);
    return `- ${known ? `${known.code} ${known.text}` : toSingleLine(code)}`;
  });
  return [
    FIKS_TEXTS.urgency[concern.urgency],
    '',
    ...(categories.length ? [FIKS_TEXTS.headings.categories, ...categories] : [FIKS_TEXTS.noCategories]),
  ].join('\n');
}

function attachmentsSection(attachments: AttachmentMeta[]): string {
  if (attachments.length === 0) return '';
  return [FIKS_TEXTS.headings.attachments, ...attachments.map((a) => `- ${toSingleLine(a.fileName)}`)].join('\n');
}

/** Heading, then the reporter's text verbatim (control characters aside); empty text → no section. */
function freeTextSection(heading: string, text: string): string {
  const clean = stripControlCharacters(text);
  return clean.trim() ? `${heading}\n${clean}` : '';
}

function listSection(heading: string, items: string[][]): string {
  const lines = [heading];
  items.forEach((itemLines, i) => {
    const [first = '', ...rest] = itemLines;
    lines.push(`${i + 1}. ${first}`, ...rest.map((line) => `   ${line}`));
  });
  return lines.join('\n');
}

function joinSections(sections: string[]): string {
  return sections.filter((section) => section !== '').join('\n\n');
}

function yesNo(value: boolean): string {
  return value ? FIKS_TEXTS.yes : FIKS_TEXTS.no;
}

function nonEmpty<T>(items: T[]): NonEmpty<T> {
  const [first, ...rest] = items;
  if (first === undefined) throw new Error('A report must concern at least one child');
  return [first, ...rest];
}
