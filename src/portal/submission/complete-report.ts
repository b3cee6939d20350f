// Turns a finished draft into a Report, re-checking every step's rules: the summary page can be
// posted from an old tab, so nothing is trusted just because it was saved once.
import type { AuthenticatedPerson, Report, ReportDraft } from '../../domain/report.ts';
import { firstIncompleteStep, type StepId } from '../journey/steps.ts';

export type CompletionResult = { kind: 'complete'; report: Report } | { kind: 'incomplete'; step: StepId };

export function completeReport(draft: ReportDraft, person: AuthenticatedPerson, submittedAt: Date): CompletionResult {
  const missing = firstIncompleteStep(draft);
  if (missing !== 'oppsummering') return { kind: 'incomplete', step: missing };
  const base = {
    reporter: { fnr: person.fnr, name: person.name },
    recipient: draft.recipient!,
    children: draft.children,
    guardians: draft.guardians,
    concern: draft.concern!,
    attachments: draft.attachments,
    submittedAt,
  };
  if (draft.reporterType === 'private') return { kind: 'complete', report: { ...base, reporterType: 'private', privateReporter: draft.privateReporter! } };
  return { kind: 'complete', report: { ...base, reporterType: 'professional', duty: draft.duty!, professionalReporter: draft.professionalReporter! } };
}
