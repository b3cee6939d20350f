// The labelled sections of the Fiks free text. The schemas are much poorer than our report: the
// private one has a single `melding` string and the public one no place for categories, urgency,
// birth dates or the duty-to-report assessment. What has no field of its own goes into these
// sections, so the case worker receives everything the reporter gave; both documents build their
// text from them. All Norwegian wording comes from FIKS_TEXTS.
import type { AttachmentMeta, Child, Concern, Guardian } from '../report.ts';
import { findContentCode } from '../ssb-codes.ts';
import { formatNorwegianDate } from '../rules/iso-date.ts';
import { normalizePhone } from '../rules/phone.ts';
import { stripControlCharacters, toSingleLine } from '../rules/text.ts';
import { ageFromBirthDate, childName } from './fiks-fields.ts';
import { FIKS_TEXTS } from './fiks-texts.ts';

export function childDetailLines(child: Child, submittedAt: Date, options = { withInformed: true }): string[] {
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

export function guardianDetailLines(guardian: Guardian): string[] {
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

export function interpreterText(concern: Concern): string {
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
export function concernOverviewSection(concern: Concern): string {
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

export function attachmentsSection(attachments: AttachmentMeta[]): string {
  if (attachments.length === 0) return '';
  return [FIKS_TEXTS.headings.attachments, ...attachments.map((a) => `- ${toSingleLine(a.fileName)}`)].join('\n');
}

/** Heading, then the reporter's text verbatim (control characters aside); empty text → no section. */
export function freeTextSection(heading: string, text: string): string {
  const clean = stripControlCharacters(text);
  return clean.trim() ? `${heading}\n${clean}` : '';
}

export function listSection(heading: string, items: string[][]): string {
  const lines = [heading];
  items.forEach((itemLines, i) => {
    const [first = '', ...rest] = itemLines;
    lines.push(`${i + 1}. ${first}`, ...rest.map((line) => `   ${line}`));
  });
  return lines.join('\n');
}

export function joinSections(sections: string[]): string {
  return sections.filter((section) => section !== '').join('\n\n');
}
