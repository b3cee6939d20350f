// A professional's report as the offentlig v2 document. Its schema has fields for the reporter's
// workplace, each child's fnr and whether they were told, 1–2 guardians, the history and other
// views; what it lacks (urgency, categories, children without an fnr, further guardians, the
// duty-to-report assessment or the consent) goes into the labelled sections of `melding.melding`.
import { isDutyTriggered, type Guardian, type ProfessionalReport } from '../report.ts';
import { formatNorwegianDate } from '../rules/iso-date.ts';
import { toNorwegianLocalDateTime } from '../rules/norwegian-time.ts';
import { normalizeOrgnr } from '../rules/orgnr.ts';
import { normalizePhone } from '../rules/phone.ts';
import { stripControlCharacters, toSingleLine } from '../rules/text.ts';
import type { FiksForesatt, FiksOffentligBarn, FiksOffentligMelding, FiksOffentligV2, FiksVirksomhet } from './fiks-document.ts';
import { childFnr, childName, nonEmpty, recipientFields, toFiksAddress } from './fiks-fields.ts';
import { attachmentsSection, childDetailLines, concernOverviewSection, freeTextSection, guardianDetailLines, interpreterText, joinSections, listSection } from './fiks-free-text.ts';
import { FIKS_TEXTS } from './fiks-texts.ts';

export function mapProfessionalReport(report: ProfessionalReport): FiksOffentligV2 {
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

function yesNo(value: boolean): string {
  return value ? FIKS_TEXTS.yes : FIKS_TEXTS.no;
}
