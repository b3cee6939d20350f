// The journey's state machine on its own: which steps a reporter sees, when a step may be visited,
// and where "next" and "back" lead. No HTTP, no database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applicableSteps,
  canVisit,
  firstIncompleteStep,
  isStepComplete,
  isStepId,
  nextStep,
  previousStep,
  requiresLogin,
  stepApplies,
  stepNumber,
  stepPath,
  STEP_IDS,
} from '../../../src/portal/journey/steps.ts';
import { emptyDraft, type Child, type Concern, type ProfessionalReporterDetails, type ReportDraft } from '../../../src/domain/report.ts';

const child: Child = {
  name: 'Ola Åsheim',
  identification: 'estimatedAge',
  fnr: '',
  birthDate: '',
  estimatedAge: '8',
  dueDate: '',
  address: { line1: '', postcode: '', city: '' },
  informed: 'yes',
  notInformedReason: '',
};

const concern: Concern = {
  categories: ['2.4.05'],
  urgency: 'normal',
  whatHappened: 'Noe skjedde.',
  history: '',
  otherViews: '',
  interpreterNeed: 'no',
  interpreterLanguage: '',
  otherAgencies: '',
};

const professional: ProfessionalReporterDetails = {
  role: 'Lærer',
  employerName: 'Frogner skole',
  employerOrgnr: '',
  employerAddress: { line1: '', postcode: '', city: '' },
  workPhone: '22000000',
  email: 'laerer@skole.no',
  consent: null,
};

const bærum = { kommunenummer: '3201', name: 'Bærum', hasDistricts: false };
const bærumRecipient = { kommunenummer: '3201', kommunenavn: 'Bærum', bydelsnummer: '00', bydelsnavn: '', serviceId: 's1', serviceName: 'Barneverntjenesten i Bærum' };
const oslo = { kommunenummer: '0301', name: 'Oslo', hasDistricts: true };
const frogner = { kommunenummer: '0301', kommunenavn: 'Oslo', bydelsnummer: '05', bydelsnavn: 'Bydel Frogner', serviceId: 's2', serviceName: 'Barneverntjenesten i bydel Frogner' };

function privateDraft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...emptyDraft(),
    reporterType: 'private',
    municipality: bærum,
    recipient: bærumRecipient,
    children: [child],
    guardiansAnswered: true,
    concern,
    privateReporter: { phone: '', address: { line1: '', postcode: '', city: '' }, relationToChild: 'Nabo', keepIdentityFromFamily: false },
    attachmentsAnswered: true,
    ...overrides,
  };
}

function professionalDraft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...emptyDraft(),
    reporterType: 'professional',
    duty: { grounds: ['seriousNeglect'] },
    municipality: oslo,
    recipient: frogner,
    children: [child],
    guardiansAnswered: true,
    concern,
    professionalReporter: professional,
    attachmentsAnswered: true,
    ...overrides,
  };
}

describe('journey steps', () => {
  test('step ids, paths and the login boundary', () => {
    assert.equal(isStepId('hvem'), true);
    assert.equal(isStepId('oppsummering'), true);
    assert.equal(isStepId('kvittering'), false);
    assert.equal(isStepId(''), false);
    assert.equal(isStepId('__proto__'), false);
    assert.equal(stepPath('barn'), '/meld/barn');
    assert.equal(requiresLogin('hvem'), false);
    assert.equal(requiresLogin('meldeplikt'), false);
    // Where the child lives is asked before the login, so a municipality that is not connected is told first.
    assert.equal(requiresLogin('kommune'), false);
    assert.equal(requiresLogin('bydel'), false);
    for (const s of STEP_IDS.slice(STEP_IDS.indexOf('barn'))) assert.equal(requiresLogin(s), true, s);
  });

  test('a private reporter never sees the duty helper; a professional does', () => {
    assert.deepEqual(applicableSteps(privateDraft()), ['hvem', 'kommune', 'barn', 'foresatte', 'bekymring', 'melder', 'vedlegg', 'oppsummering']);
    assert.deepEqual(applicableSteps(professionalDraft()), ['hvem', 'meldeplikt', 'kommune', 'bydel', 'barn', 'foresatte', 'bekymring', 'melder', 'vedlegg', 'oppsummering']);
    assert.equal(stepApplies('meldeplikt', privateDraft()), false);
    assert.equal(stepApplies('meldeplikt', emptyDraft()), false, 'not before the reporter type is known');
  });

  test('the district step applies only to a municipality with districts', () => {
    assert.equal(stepApplies('bydel', emptyDraft()), false);
    assert.equal(stepApplies('bydel', privateDraft()), false);
    assert.equal(stepApplies('bydel', privateDraft({ municipality: oslo, recipient: frogner })), true);
    assert.equal(canVisit('bydel', privateDraft()), false, 'Bærum has no districts to choose');
    // Oslo without a chosen district: the municipality step is complete, the district step is next.
    const osloNoDistrict = privateDraft({ municipality: oslo, recipient: undefined });
    assert.equal(isStepComplete('kommune', osloNoDistrict), true);
    assert.equal(isStepComplete('bydel', osloNoDistrict), false);
    assert.equal(firstIncompleteStep(osloNoDistrict), 'bydel');
    // A recipient left over from another municipality does not count.
    const stale = privateDraft({ municipality: oslo, recipient: bærumRecipient });
    assert.equal(isStepComplete('bydel', stale), false);
    assert.equal(isStepComplete('kommune', privateDraft({ municipality: bærum, recipient: frogner })), false);
  });

  test('step numbers count only the steps this reporter sees', () => {
    assert.deepEqual(stepNumber('kommune', privateDraft()), { current: 2, total: 8 });
    assert.deepEqual(stepNumber('kommune', professionalDraft()), { current: 3, total: 10 });
  });

  test('an empty draft can only visit the first step', () => {
    const draft = emptyDraft();
    assert.equal(firstIncompleteStep(draft), 'hvem');
    assert.equal(canVisit('hvem', draft), true);
    for (const s of ['kommune', 'barn', 'foresatte', 'bekymring', 'melder', 'vedlegg', 'oppsummering'] as const) assert.equal(canVisit(s, draft), false, s);
  });

  test('canVisit: every applicable step before it must be complete', () => {
    const draft = privateDraft({ concern: undefined, privateReporter: undefined, attachmentsAnswered: undefined });
    assert.equal(canVisit('bekymring', draft), true);
    assert.equal(canVisit('melder', draft), false);
    assert.equal(canVisit('vedlegg', draft), false);
    assert.equal(canVisit('oppsummering', draft), false);
    assert.equal(firstIncompleteStep(draft), 'bekymring');
    // Going back to an earlier, complete step is always allowed.
    assert.equal(canVisit('barn', draft), true);
    assert.equal(canVisit('hvem', draft), true);
    assert.equal(canVisit('oppsummering', privateDraft()), true);
    assert.equal(firstIncompleteStep(privateDraft()), 'oppsummering');
  });

  test('nextStep follows the applicable order, or jumps back to what is missing', () => {
    const p = privateDraft();
    assert.equal(nextStep('hvem', p), 'kommune');
    assert.equal(nextStep('kommune', p), 'barn');
    assert.equal(nextStep('vedlegg', p), 'oppsummering');
    const pro = professionalDraft();
    assert.equal(nextStep('hvem', pro), 'meldeplikt');
    assert.equal(nextStep('meldeplikt', pro), 'kommune');
    assert.equal(nextStep('kommune', pro), 'bydel');
    assert.equal(nextStep('bydel', pro), 'barn');
    // Changing the first answer when a later one is missing: "next" goes to the first gap.
    const gap = privateDraft({ guardiansAnswered: undefined });
    assert.equal(nextStep('barn', gap), 'foresatte');
    assert.equal(nextStep('bekymring', gap), 'foresatte');
    // A private reporter who switched to professional must answer the duty helper next.
    const switched = privateDraft({ reporterType: 'professional', privateReporter: undefined });
    assert.equal(nextStep('hvem', switched), 'meldeplikt');
  });

  test('previousStep is the applicable step before, none before the first', () => {
    assert.equal(previousStep('hvem', privateDraft()), undefined);
    assert.equal(previousStep('kommune', privateDraft()), 'hvem');
    assert.equal(previousStep('kommune', professionalDraft()), 'meldeplikt');
    assert.equal(previousStep('barn', professionalDraft()), 'bydel');
    assert.equal(previousStep('barn', privateDraft()), 'kommune');
    assert.equal(previousStep('oppsummering', privateDraft()), 'vedlegg');
  });

  test('the reporter step of each type needs its own answer', () => {
    assert.equal(isStepComplete('melder', privateDraft({ privateReporter: undefined })), false);
    assert.equal(isStepComplete('melder', professionalDraft({ professionalReporter: undefined })), false);
    // Details typed as a private reporter do not complete the professional step, nor the reverse.
    assert.equal(isStepComplete('melder', professionalDraft({ professionalReporter: undefined, privateReporter: privateDraft().privateReporter })), false);
    assert.equal(isStepComplete('melder', privateDraft({ privateReporter: undefined, professionalReporter: professional })), false);
  });

  test('a changed duty assessment makes the reporter step incomplete again until consent is recorded', () => {
    const draft = professionalDraft();
    assert.equal(isStepComplete('melder', draft), true);
    assert.equal(firstIncompleteStep(draft), 'oppsummering');
    // The reporter goes back and ticks "none of these": the duty is not triggered, consent is needed.
    draft.duty = { grounds: [] };
    assert.equal(isStepComplete('melder', draft), false);
    assert.equal(firstIncompleteStep(draft), 'melder');
    assert.equal(canVisit('oppsummering', draft), false);
    assert.equal(canVisit('vedlegg', draft), false);
    assert.equal(nextStep('meldeplikt', draft), 'kommune', 'earlier steps stay complete');
    draft.professionalReporter = { ...professional, consent: { parentsConsented: true, childOver15: 'notApplicable', consentDate: '2025-01-10', howRecorded: 'Møte' } };
    assert.equal(isStepComplete('melder', draft), true);
    assert.equal(firstIncompleteStep(draft), 'oppsummering');
    // Back to a ground: the consent record is no longer needed, the step stays complete.
    draft.duty = { grounds: ['mistreatedAtHome'] };
    assert.equal(isStepComplete('melder', draft), true);
  });

  test('the professional reporter step is incomplete without a duty assessment', () => {
    assert.equal(isStepComplete('melder', professionalDraft({ duty: undefined })), false);
    assert.equal(firstIncompleteStep(professionalDraft({ duty: undefined })), 'meldeplikt');
  });

  test('the summary is never "complete": it is where the journey ends', () => {
    assert.equal(isStepComplete('oppsummering', privateDraft()), false);
    assert.equal(nextStep('oppsummering', privateDraft()), 'oppsummering');
  });
});
