// The journey as a server-side state machine (after GOV.UK Forms): which steps apply to this
// reporter, which are complete, where "next" and "back" go, and whether a step may be visited yet.
import { isDutyTriggered, type ReportDraft } from '../../domain/report.ts';

export const STEP_IDS = ['hvem', 'meldeplikt', 'kommune', 'bydel', 'barn', 'foresatte', 'bekymring', 'melder', 'vedlegg', 'oppsummering'] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * Steps from here on need an ID-porten login: they hold personal data. Where the child lives comes
 * before, so a reporter learns that a municipality is not connected (and whom to call instead)
 * before logging in, and logs in knowing which service the report goes to.
 */
export const FIRST_AUTHENTICATED_STEP: StepId = 'barn';

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

export function stepPath(step: StepId): string {
  return `/meld/${step}`;
}

export function requiresLogin(step: StepId): boolean {
  return STEP_IDS.indexOf(step) >= STEP_IDS.indexOf(FIRST_AUTHENTICATED_STEP);
}

export function stepApplies(step: StepId, draft: ReportDraft): boolean {
  if (step === 'meldeplikt') return draft.reporterType === 'professional';
  if (step === 'bydel') return draft.municipality?.hasDistricts === true;
  return true;
}

export function isStepComplete(step: StepId, draft: ReportDraft): boolean {
  switch (step) {
    case 'hvem':
      return draft.reporterType !== undefined;
    case 'meldeplikt':
      return draft.duty !== undefined;
    case 'kommune':
      return draft.municipality !== undefined && (draft.municipality.hasDistricts || draft.recipient?.kommunenummer === draft.municipality.kommunenummer);
    case 'bydel':
      return draft.recipient !== undefined && draft.recipient.kommunenummer === draft.municipality?.kommunenummer;
    case 'barn':
      return draft.children.length > 0;
    case 'foresatte':
      return draft.guardiansAnswered === true;
    case 'bekymring':
      return draft.concern !== undefined;
    case 'melder':
      if (draft.reporterType === 'private') return draft.privateReporter !== undefined;
      if (!draft.professionalReporter || !draft.duty) return false;
      // A changed duty assessment can make a consent record necessary after the step was answered.
      return isDutyTriggered(draft.duty) || draft.professionalReporter.consent !== null;
    case 'vedlegg':
      return draft.attachmentsAnswered === true;
    case 'oppsummering':
      return false;
  }
}

export function applicableSteps(draft: ReportDraft): StepId[] {
  return STEP_IDS.filter((s) => stepApplies(s, draft));
}

export function firstIncompleteStep(draft: ReportDraft): StepId {
  return applicableSteps(draft).find((s) => !isStepComplete(s, draft)) ?? 'oppsummering';
}

/** A step may be visited when every applicable step before it is complete. */
export function canVisit(step: StepId, draft: ReportDraft): boolean {
  if (!stepApplies(step, draft)) return false;
  const steps = applicableSteps(draft);
  return steps.slice(0, steps.indexOf(step)).every((s) => isStepComplete(s, draft));
}

export function nextStep(step: StepId, draft: ReportDraft): StepId {
  const steps = applicableSteps(draft);
  const next = steps[steps.indexOf(step) + 1] ?? 'oppsummering';
  return canVisit(next, draft) ? next : firstIncompleteStep(draft);
}

export function previousStep(step: StepId, draft: ReportDraft): StepId | undefined {
  const steps = applicableSteps(draft);
  const index = steps.indexOf(step);
  return index > 0 ? steps[index - 1] : undefined;
}

/** "Steg 3 av 9" counts only the steps this reporter sees. */
export function stepNumber(step: StepId, draft: ReportDraft): { current: number; total: number } {
  const steps = applicableSteps(draft);
  return { current: steps.indexOf(step) + 1, total: steps.length };
}

/** Whether losing the draft loses anything the reporter wrote (past who they are). */
export function draftHasAnswers(draft: ReportDraft): boolean {
  return Boolean(
    draft.municipality || draft.children.length || draft.guardians.length || draft.concern || draft.privateReporter || draft.professionalReporter || draft.attachments.length,
  );
}
