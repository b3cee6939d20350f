// What a receiving service counts for the statistics, from the content only it can read: reports
// received by urgency, the SSB conclusion and melder codes, the Kunnskapsmodellen main areas the
// report concerns, whether the § 2-1 review was concluded within its deadline, investigations, and
// whether feedback to the reporter went out on time. Every count goes to the month (Oslo time) the
// report was made available to the service, so a month's reports and what became of them stay
// together however late the conclusion comes. Mottak counts, the portal checks what it is sent
// against this same list, and publishes it under disclosure control.
import { CONCLUSION_CODES, CONTENT_CODES, REPORTER_CODES } from '../ssb-codes.ts';

/** Kunnskapsmodellen main areas by their number: the first part of a saksinnhold code. */
export const MAIN_AREAS = [...new Set(CONTENT_CODES.map((c) => c.code.split('.')[0]!))];

export const MOTTAK_MEASURES = [
  'mottatt.haster',
  'mottatt.ikke-haster',
  ...CONCLUSION_CODES.map((c) => `konklusjon.${c.code}` as const),
  ...REPORTER_CODES.map((c) => `melder.${c.code}` as const),
  ...MAIN_AREAS.map((a) => `saksinnhold.${a}` as const),
  // § 2-1: concluded by the review deadline, or the deadline passed first (counted when it passes).
  'gjennomgang.innen-frist',
  'gjennomgang.over-frist',
  'undersokelse.apnet',
  'undersokelse.henlagt',
  'undersokelse.tiltak',
  // Feedback due to the reporter: sent by its due date, or not (counted when the date passes).
  'tilbakemelding.i-tide',
  'tilbakemelding.for-sent',
] as const;
export type MottakMeasure = (typeof MOTTAK_MEASURES)[number];

const KNOWN = new Set<string>(MOTTAK_MEASURES);

export function isMottakMeasure(value: string): value is MottakMeasure {
  return KNOWN.has(value);
}

export function receivedMeasures(report: { urgent: boolean }): MottakMeasure[] {
  return [report.urgent ? 'mottatt.haster' : 'mottatt.ikke-haster'];
}

/** By the deadline's own day (Oslo dates, `YYYY-MM-DD`), as § 2-1 counts it. */
export function reviewMeasure(concludedOn: string, reviewDeadline: string): MottakMeasure {
  return concludedOn <= reviewDeadline ? 'gjennomgang.innen-frist' : 'gjennomgang.over-frist';
}

export function feedbackMeasure(sentOn: string, dueDate: string): MottakMeasure {
  return sentOn <= dueDate ? 'tilbakemelding.i-tide' : 'tilbakemelding.for-sent';
}

/**
 * What a conclusion adds: its code, the melder, each main area the saksinnhold touches (once per
 * report, however many of its codes are chosen), and an investigation when one is opened.
 */
export function conclusionMeasures(conclusion: { conclusionCode: string; reporterCode: string; contentCodes: readonly string[]; opensInvestigation: boolean }): MottakMeasure[] {
  const measures = [`konklusjon.${conclusion.conclusionCode}`, `melder.${conclusion.reporterCode}`];
  for (const area of new Set(conclusion.contentCodes.map((c) => c.split('.')[0]))) measures.push(`saksinnhold.${area}`);
  if (conclusion.opensInvestigation) measures.push('undersokelse.apnet');
  return measures.filter(isMottakMeasure);
}

export function investigationEndMeasure(outcome: 'henlagt' | 'tiltak'): MottakMeasure {
  return outcome === 'henlagt' ? 'undersokelse.henlagt' : 'undersokelse.tiltak';
}

/** Months a service sends and the portal keeps: the current one and the eleven before it. */
export const STATISTICS_WINDOW_MONTHS = 12;

/** The most months one call may carry: three years, for a service catching up after an outage. */
export const MAX_STATISTICS_MONTHS = 36;
