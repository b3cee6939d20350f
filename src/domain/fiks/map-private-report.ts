// A private person's report as the privat v2 document. The schema has little besides names and
// addresses and a single `melding` string, so nearly all of the report travels in the labelled
// sections of that text (fiks-free-text.ts).
import type { PrivateReport } from '../report.ts';
import { toNorwegianLocalDateTime } from '../rules/norwegian-time.ts';
import { isValidPhone, normalizePhone } from '../rules/phone.ts';
import { toSingleLine } from '../rules/text.ts';
import type { FiksPrivatBarn, FiksPrivatMelder, FiksPrivatV2 } from './fiks-document.ts';
import { childAge, childName, hasAnyAddressPart, nonEmpty, recipientFields, toFiksAddress } from './fiks-fields.ts';
import { attachmentsSection, childDetailLines, concernOverviewSection, freeTextSection, guardianDetailLines, interpreterText, joinSections, listSection } from './fiks-free-text.ts';
import { FIKS_TEXTS } from './fiks-texts.ts';

export function mapPrivateReport(report: PrivateReport): FiksPrivatV2 {
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
