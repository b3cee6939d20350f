// Feedback to the reporter (barnevernsloven § 13-2 and the duty to give feedback): the receiving
// service tells the portal what happened, as a code; the portal shows the reporter a standard text.
// Codes, never free text, so no report content can travel back through the portal.
import type { ReporterType } from '../report.ts';

export const FEEDBACK_TYPES = ['mottatt', 'undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

/**
 * Every reporter is told the report was received. Only professional reporters may be told more:
 * what the service does with a report is confidential towards a private person.
 */
export const PROFESSIONAL_ONLY: ReadonlySet<FeedbackType> = new Set(['undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak']);

/** After a review the service either closes the report or opens an investigation, never both. */
const EXCLUSIVE_PAIRS: readonly [FeedbackType, FeedbackType][] = [
  ['henlagt', 'undersokelse-apnet'],
  ['undersokelse-henlagt', 'undersokelse-tiltak'],
];

/** An investigation must have been opened before it can end. */
const REQUIRES: Partial<Record<FeedbackType, FeedbackType>> = {
  'undersokelse-henlagt': 'undersokelse-apnet',
  'undersokelse-tiltak': 'undersokelse-apnet',
};

export type FeedbackCheck =
  | { kind: 'new' }
  /** Already registered: the same feedback again is not an error. */
  | { kind: 'repeat' }
  | { kind: 'notForPrivateReporter' }
  /** Contradicts or skips what is registered; `with` is the registered type it conflicts with, or the missing one. */
  | { kind: 'conflict'; reason: 'excludes' | 'requires'; with: FeedbackType };

/** Whether `type` may be registered for a report of `reporterType` that already has `registered`. */
export function checkFeedback(reporterType: ReporterType, registered: readonly FeedbackType[], type: FeedbackType): FeedbackCheck {
  if (reporterType === 'private' && PROFESSIONAL_ONLY.has(type)) return { kind: 'notForPrivateReporter' };
  if (registered.includes(type)) return { kind: 'repeat' };
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    if (type === a && registered.includes(b)) return { kind: 'conflict', reason: 'excludes', with: b };
    if (type === b && registered.includes(a)) return { kind: 'conflict', reason: 'excludes', with: a };
  }
  const needed = REQUIRES[type];
  if (needed && !registered.includes(needed)) return { kind: 'conflict', reason: 'requires', with: needed };
  return { kind: 'new' };
}

/**
 * Whether nothing more can be registered: the reporter has had every feedback the law gives them.
 * Then the portal no longer needs a way to reach them.
 */
export function isFeedbackComplete(reporterType: ReporterType, registered: readonly FeedbackType[]): boolean {
  if (!registered.includes('mottatt')) return false;
  if (reporterType === 'private') return true;
  return registered.includes('henlagt') || registered.includes('undersokelse-henlagt') || registered.includes('undersokelse-tiltak');
}
