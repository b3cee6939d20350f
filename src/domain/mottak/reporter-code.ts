// Which SSB melder code a report most likely has, from what the reporter wrote about themselves: the
// conclusion form offers it pre-chosen, as it pre-ticks the reporter's categories, and the caseworker
// confirms or changes it. A guess from words, so the form says what it was read from.
import { REPORTER_CODES, codesValidOn } from '../ssb-codes.ts';

export interface ReporterDescription {
  reporterType: 'private' | 'professional';
  /** A private reporter's own words for how they know the child ("Nabo", "Jeg er moren hennes"). */
  relation?: string;
  /** A professional's role and workplace ("Kontaktlærer", "Lilleby skole"). */
  role?: string;
  employer?: string;
}

export interface ReporterCodeSuggestion {
  code: string;
  /** The precision code 22 needs: the workplace as the reporter named it. */
  detail: string;
  /** The reporter's words the code was read from, to show beside it. */
  basis: string;
}

// First match wins: the more specific before the general ("barnevernsvakt" before "barnevern",
// "skolehelsetjenesten" before "skole"). Stems, since Norwegian inflects ("moren", "tanta").
const PRIVATE_PATTERNS: readonly [RegExp, string][] = [
  [/\b(meg selv|meg sjølv|jeg selv|eg sjølv|barnet selv|barnet sjølv)\b/, '1'],
  [/\b(bestemor|bestefar|besteforeld|oldemor|oldefar|mormor|morfar|farmor|farfar|tante|tanta|onkel|søster|søstera|bror|broren|brør|søsken|kusine|fetter|svoger|svigerinne|slekt|familie)/, '3'],
  [/\b(mor|moren|mora|mamma|far|faren|pappa|foreld|foresatt|stemor|stefar|bonusmor|bonusfar|bonusforeld|verge)/, '2'],
];

const PROFESSIONAL_PATTERNS: readonly [RegExp, string[]][] = [
  [/barnevernsvakt/, ['7']],
  [/barnevern/, ['5']],
  [/politi/, ['8']],
  [/helsestasjon|skolehelse|helsesykepleier|helsesøster|jordmor/, ['10']],
  [/\bppt\b|pedagogisk-psykologisk/, ['12']],
  [/\bbup\b|barne- og ungdomspsykiatri|psykisk helsevern for barn/, ['13']],
  [/\bdps\b|voksenpsykiatri|psykisk helsevern for voksne/, ['14']],
  [/familievern/, ['16']],
  [/\brus(?!s)/, ['17']],
  [/krisesenter/, ['18']],
  [/asylmottak|\budi\b|utlendingsdirektorat/, ['19']],
  [/utekontakt|fritidsklubb|ungdomsklubb/, ['20']],
  [/idrettslag|frivillig|speider|menighet/, ['21']],
  [/\bnav\b/, ['6']],
  [/tannlege|tannhelse/, ['25', '15']],
  [/lege|sykehus|sjukehus|sykepleier|sjukepleiar|\bhelse/, ['24', '15']],
  [/barnehage/, ['9']],
  [/skole|skule|lærer|lærar|rektor|\bsfo\b|\baks\b/, ['11']],
];

/** Undefined only when the code lists of the day have none of the candidates (never, today). */
export function suggestReporterCode(reporter: ReporterDescription, today: string): ReporterCodeSuggestion | undefined {
  const valid = new Set(codesValidOn(REPORTER_CODES, today).map((c) => c.code));
  const pick = (codes: string[]) => codes.find((c) => valid.has(c));
  if (reporter.reporterType === 'private') {
    const basis = (reporter.relation ?? '').trim();
    const text = basis.toLowerCase();
    const matched = PRIVATE_PATTERNS.find(([pattern]) => pattern.test(text));
    // Anyone else who is not a professional: "Andre privatpersoner" (a neighbour, a coach).
    const code = pick([matched?.[1] ?? '4']);
    return code ? { code, detail: '', basis } : undefined;
  }
  const employer = (reporter.employer ?? '').trim();
  const basis = [reporter.role ?? '', employer].map((s) => s.trim()).filter(Boolean).join(', ');
  const text = basis.toLowerCase();
  const matched = PROFESSIONAL_PATTERNS.find(([pattern]) => pattern.test(text));
  const code = matched ? pick(matched[1]) : undefined;
  if (code) return { code, detail: '', basis };
  // SSB's own catch-all for public bodies; it needs a precision, and the workplace is one.
  return valid.has('22') ? { code: '22', detail: employer, basis } : undefined;
}
