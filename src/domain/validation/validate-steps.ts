// The rules for the steps about the report and its reporter: who reports, the duty to report, the
// concern, and the private or professional reporter's details. They return the typed answer and the
// issues, so the form, the summary and the final check all apply the same rules. The children and
// the guardians have modules of their own (validate-children.ts, validate-guardians.ts).
import { toNorwegianLocalDate } from '../rules/norwegian-time.ts';
import {
  DUTY_GROUNDS,
  type Concern,
  type ConsentRecord,
  type DutyAssessment,
  type DutyGround,
  type InterpreterNeed,
  type PrivateReporterDetails,
  type ProfessionalReporterDetails,
  type ReporterType,
  type Urgency,
} from '../report.ts';
import { findContentCode } from '../ssb-codes.ts';
import { isValidOrgnr, normalizeOrgnr } from '../rules/orgnr.ts';
import { isValidPhone, normalizePhone } from '../rules/phone.ts';
import { isValidEmail } from '../rules/email.ts';
import { MAX_LENGTHS, TEXT_LIMITS } from '../rules/text.ts';
import { address, IssueCollector, multiLine, oneOf, singleLine, type StepResult } from './field-checks.ts';
import { parseDateInput, readList, readText, type FormInput } from './form-input.ts';

export function validateReporterType(input: FormInput): StepResult<ReporterType | undefined> {
  const issues = new IssueCollector();
  const value = oneOf(issues, input, 'reporterType', ['private', 'professional'] as const, 'reporterTypeRequired');
  return { value, issues: issues.issues };
}

export function validateDuty(input: FormInput): StepResult<DutyAssessment> {
  const issues = new IssueCollector();
  const grounds = readList(input, 'grounds');
  const none = readText(input, 'noGround') === 'true' || grounds.includes('none');
  const valid = grounds.filter((g): g is DutyGround => (DUTY_GROUNDS as readonly string[]).includes(g));
  if (valid.length === 0 && !none) issues.add('grounds', 'dutyRequired');
  if (valid.length > 0 && none) issues.add('grounds', 'dutyContradiction');
  return { value: { grounds: valid }, issues: issues.issues };
}

/**
 * The concern. A professional places it among SSB's areas; a private person need not (the areas are
 * offered in plain words and may be left empty: the caseworker sets the codes).
 */
export function validateConcern(input: FormInput, reporterType: ReporterType = 'professional'): StepResult<Concern> {
  const issues = new IssueCollector();
  const categories = [...new Set(readList(input, 'categories'))];
  if (categories.length === 0 && reporterType === 'professional') issues.add('categories', 'categoriesRequired');
  else if (categories.some((c) => !findContentCode(c))) issues.add('categories', 'categoriesInvalid');
  const urgency = oneOf(issues, input, 'urgency', ['urgent', 'normal'] as const, 'urgencyRequired');
  const whatHappened = multiLine(issues, input, 'whatHappened', { required: 'whatHappenedRequired', max: TEXT_LIMITS.whatHappened });
  const history = multiLine(issues, input, 'history', { max: TEXT_LIMITS.history });
  const otherViews = multiLine(issues, input, 'otherViews', { max: TEXT_LIMITS.otherViews });
  const interpreterNeed = oneOf(issues, input, 'interpreterNeed', ['yes', 'no', 'unknown'] as const, 'interpreterRequired');
  const interpreterLanguage = singleLine(issues, input, 'interpreterLanguage', { required: interpreterNeed === 'yes' ? 'interpreterLanguageRequired' : undefined, max: 100 });
  const otherAgencies = multiLine(issues, input, 'otherAgencies', { max: TEXT_LIMITS.otherAgencies });
  // A private person's page asks what happened first; the error summary follows the page.
  const ordered = reporterType === 'private' ? [...issues.issues.filter((i) => i.field === 'whatHappened'), ...issues.issues.filter((i) => i.field !== 'whatHappened')] : issues.issues;
  return {
    value: {
      categories: categories.filter((c) => findContentCode(c)),
      urgency: urgency ?? ('' as Urgency),
      whatHappened,
      history,
      otherViews,
      interpreterNeed: interpreterNeed ?? ('' as InterpreterNeed),
      interpreterLanguage: interpreterNeed === 'yes' ? interpreterLanguage : '',
      otherAgencies,
    },
    issues: ordered,
  };
}

export function validatePrivateReporter(input: FormInput): StepResult<PrivateReporterDetails> {
  const issues = new IssueCollector();
  const phone = normalizePhone(readText(input, 'phone'));
  if (phone && !isValidPhone(phone)) issues.add('phone', 'phoneInvalid');
  const addr = address(issues, input, 'reporter');
  const relationToChild = singleLine(issues, input, 'relationToChild', { required: 'relationRequired', max: MAX_LENGTHS.shortText });
  const keepIdentityFromFamily = readText(input, 'keepIdentityFromFamily') === 'true';
  return { value: { phone, address: addr, relationToChild, keepIdentityFromFamily }, issues: issues.issues };
}

export function validateProfessionalReporter(input: FormInput, dutyTriggered: boolean, now: Date): StepResult<ProfessionalReporterDetails> {
  const issues = new IssueCollector();
  const role = singleLine(issues, input, 'role', { required: 'roleRequired', max: MAX_LENGTHS.name });
  const employerName = singleLine(issues, input, 'employerName', { required: 'employerRequired', max: MAX_LENGTHS.name });
  const employerOrgnr = normalizeOrgnr(readText(input, 'employerOrgnr'));
  if (employerOrgnr && !isValidOrgnr(employerOrgnr)) issues.add('employerOrgnr', 'orgnrInvalid');
  const employerAddress = address(issues, input, 'employer');
  const workPhone = normalizePhone(readText(input, 'workPhone'));
  if (!workPhone) issues.add('workPhone', 'workPhoneRequired');
  else if (!isValidPhone(workPhone)) issues.add('workPhone', 'phoneInvalid');
  const email = readText(input, 'email');
  if (!email) issues.add('email', 'emailRequired');
  else if (!isValidEmail(email)) issues.add('email', 'emailInvalid');
  let consent: ConsentRecord | null = null;
  if (!dutyTriggered) {
    const parentsConsented = readText(input, 'parentsConsented') === 'true';
    if (!parentsConsented) issues.add('parentsConsented', 'consentRequired');
    const childOver15 = oneOf(issues, input, 'childOver15', ['yes', 'no', 'notApplicable'] as const, 'childOver15Required');
    if (childOver15 === 'no') issues.add('childOver15', 'childConsentRequired');
    const rawDate = readText(input, 'consentDate');
    const consentDate = parseDateInput(rawDate);
    if (!rawDate) issues.add('consentDate', 'consentDateRequired');
    else if (!consentDate) issues.add('consentDate', 'dateInvalid');
    // Judged by Norway's calendar, as the reporter reads it: just after midnight here it is still yesterday in UTC.
    else if (consentDate > toNorwegianLocalDate(now)) issues.add('consentDate', 'consentDateFuture');
    const howRecorded = multiLine(issues, input, 'howRecorded', { required: 'howRecordedRequired', max: TEXT_LIMITS.howRecorded });
    consent = { parentsConsented, childOver15: childOver15 ?? 'notApplicable', consentDate: consentDate ?? rawDate, howRecorded };
  }
  return { value: { role, employerName, employerOrgnr, employerAddress, workPhone, email, consent }, issues: issues.issues };
}
