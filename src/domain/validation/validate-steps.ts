// The rules for every step of the form, in one place. They return the typed answer and the issues,
// so the form, the summary and the final check all apply the same rules.
import {
  DUTY_GROUNDS,
  MAX_CHILDREN,
  MAX_GUARDIANS,
  type Address,
  type Child,
  type ChildIdentification,
  type Concern,
  type ConsentRecord,
  type DutyAssessment,
  type DutyGround,
  type Guardian,
  type InterpreterNeed,
  type PrivateReporterDetails,
  type ProfessionalReporterDetails,
  type ReporterType,
  type Urgency,
  type YesNo,
} from '../report.ts';
import { findContentCode } from '../ssb-codes.ts';
import { isValidNationalId, normalizeNationalId } from '../rules/fnr.ts';
import { isValidOrgnr, normalizeOrgnr } from '../rules/orgnr.ts';
import { isValidPhone, normalizePhone } from '../rules/phone.ts';
import { isValidEmail } from '../rules/email.ts';
import { isValidPostcode } from '../rules/postcode.ts';
import { isSingleLine, isWithinMaxLength, MAX_LENGTHS, stripControlCharacters, TEXT_LIMITS } from '../rules/text.ts';
import { parseDateInput, readList, readText, type FieldIssue, type FormInput } from './form-input.ts';
import { toNorwegianLocalDate } from '../rules/norwegian-time.ts';

export interface StepResult<T> {
  value: T;
  issues: FieldIssue[];
}

class IssueCollector {
  readonly issues: FieldIssue[] = [];
  add(field: string, code: string, params?: Record<string, string | number>): void {
    if (!this.issues.some((i) => i.field === field)) this.issues.push({ field, code, params });
  }
}

function singleLine(issues: IssueCollector, input: FormInput, name: string, options: { required?: string; max?: number } = {}): string {
  const value = readText(input, name);
  if (!value) {
    if (options.required) issues.add(name, options.required);
    return '';
  }
  if (!isSingleLine(value)) issues.add(name, 'singleLine');
  else if (!isWithinMaxLength(value, options.max ?? MAX_LENGTHS.shortText)) issues.add(name, 'tooLong', { max: options.max ?? MAX_LENGTHS.shortText });
  return value;
}

function multiLine(issues: IssueCollector, input: FormInput, name: string, options: { required?: string; max?: number } = {}): string {
  const value = stripControlCharacters(readText(input, name));
  if (!value && options.required) issues.add(name, options.required);
  const max = options.max ?? MAX_LENGTHS.freeText;
  if (!isWithinMaxLength(value, max)) issues.add(name, 'tooLong', { max });
  return value;
}

function oneOf<T extends string>(issues: IssueCollector, input: FormInput, name: string, allowed: readonly T[], required: string): T | undefined {
  const value = readText(input, name);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.add(name, required);
  return undefined;
}

function address(issues: IssueCollector, input: FormInput, prefix: string): Address {
  const line1 = singleLine(issues, input, `${prefix}-addressLine1`, { max: MAX_LENGTHS.addressLine });
  const postcode = readText(input, `${prefix}-postcode`);
  if (postcode && !isValidPostcode(postcode)) issues.add(`${prefix}-postcode`, 'postcode');
  const city = singleLine(issues, input, `${prefix}-city`, { max: MAX_LENGTHS.city });
  return { line1, postcode, city };
}

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

/** A due date is at most about ten months ahead. */
const MAX_DAYS_TO_DUE_DATE = 300;

/** The calendar date in Norway, as the reporter reads it (YYYY-MM-DD). */
function today(now: Date): string {
  return toNorwegianLocalDate(now);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * How many child blocks the form posted: a whole number from 1 to MAX_CHILDREN. A hidden field, but
 * anyone can post "-3" or "2.5"; a count below one would otherwise save an empty list without a word.
 */
function readChildCount(input: FormInput): number {
  const count = Math.trunc(Number(readText(input, 'childCount')));
  return Number.isFinite(count) ? Math.min(Math.max(count, 1), MAX_CHILDREN) : count > 0 ? MAX_CHILDREN : 1;
}

/** Reads the children without judging them (used when adding or removing a child, to keep input). */
export function readChildren(input: FormInput): Child[] {
  const count = readChildCount(input);
  const children: Child[] = [];
  for (let i = 0; i < count; i++) {
    const p = `child-${i}`;
    const identification = readText(input, `${p}-identification`);
    children.push({
      name: readText(input, `${p}-name`),
      identification: (['fnr', 'birthDate', 'estimatedAge', 'unborn'].includes(identification) ? identification : '') as ChildIdentification,
      fnr: normalizeNationalId(readText(input, `${p}-fnr`)),
      birthDate: readText(input, `${p}-birthDate`),
      estimatedAge: readText(input, `${p}-estimatedAge`),
      dueDate: readText(input, `${p}-dueDate`),
      address: { line1: readText(input, `${p}-addressLine1`), postcode: readText(input, `${p}-postcode`), city: readText(input, `${p}-city`) },
      informed: (['yes', 'no'].includes(readText(input, `${p}-informed`)) ? readText(input, `${p}-informed`) : '') as YesNo,
      notInformedReason: stripControlCharacters(readText(input, `${p}-notInformedReason`)),
    });
  }
  return children;
}

export function validateChildren(input: FormInput, now: Date): StepResult<Child[]> {
  const issues = new IssueCollector();
  const count = readChildCount(input);
  const children: Child[] = [];
  for (let i = 0; i < count; i++) {
    const p = `child-${i}`;
    // The name is asked "as well as you know it": a neighbour may know the child only by sight. The
    // Fiks document then says the name is unknown; the age, the address and the text identify the child.
    const name = singleLine(issues, input, `${p}-name`, { max: MAX_LENGTHS.name });
    const identification = oneOf(issues, input, `${p}-identification`, ['fnr', 'birthDate', 'estimatedAge', 'unborn'] as const, 'identificationRequired');
    let fnr = '';
    let birthDate = '';
    let estimatedAge = '';
    let dueDate = '';
    if (identification === 'fnr') {
      fnr = normalizeNationalId(readText(input, `${p}-fnr`));
      if (!fnr) issues.add(`${p}-fnr`, 'fnrRequired');
      else if (!isValidNationalId(fnr)) issues.add(`${p}-fnr`, 'fnrInvalid');
    } else if (identification === 'birthDate') {
      const raw = readText(input, `${p}-birthDate`);
      const parsed = parseDateInput(raw);
      if (!raw) issues.add(`${p}-birthDate`, 'birthDateRequired');
      else if (!parsed) issues.add(`${p}-birthDate`, 'birthDateInvalid');
      else if (parsed > today(now)) issues.add(`${p}-birthDate`, 'birthDateFuture');
      else if (Number(parsed.slice(0, 4)) < now.getUTCFullYear() - 19) issues.add(`${p}-birthDate`, 'notAChild');
      birthDate = parsed ?? raw;
    } else if (identification === 'estimatedAge') {
      estimatedAge = readText(input, `${p}-estimatedAge`);
      if (!estimatedAge) issues.add(`${p}-estimatedAge`, 'estimatedAgeRequired');
      else if (!/^\d{1,2}$/.test(estimatedAge) || Number(estimatedAge) > 18) issues.add(`${p}-estimatedAge`, 'estimatedAgeInvalid');
    } else if (identification === 'unborn') {
      const raw = readText(input, `${p}-dueDate`);
      if (raw) {
        const parsed = parseDateInput(raw);
        if (!parsed) issues.add(`${p}-dueDate`, 'dueDateInvalid');
        else if (parsed < today(now)) issues.add(`${p}-dueDate`, 'dueDatePast');
        else if (parsed > addDays(today(now), MAX_DAYS_TO_DUE_DATE)) issues.add(`${p}-dueDate`, 'dueDateTooFar');
        dueDate = parsed ?? raw;
      }
    }
    const addr = address(issues, input, p);
    // An unborn child cannot know about the report, so it is not asked.
    const unborn = identification === 'unborn';
    const informed = unborn ? 'no' : oneOf(issues, input, `${p}-informed`, ['yes', 'no'] as const, 'childInformedRequired');
    const notInformedReason = unborn
      ? ''
      : multiLine(issues, input, `${p}-notInformedReason`, { required: informed === 'no' ? 'childNotInformedReasonRequired' : undefined, max: TEXT_LIMITS.notInformedReason });
    children.push({
      name,
      identification: identification ?? ('' as ChildIdentification),
      fnr,
      birthDate,
      estimatedAge,
      dueDate,
      address: addr,
      informed: informed ?? ('' as YesNo),
      notInformedReason: informed === 'no' ? notInformedReason : '',
    });
  }
  return { value: children, issues: issues.issues };
}

function isBlankGuardian(input: FormInput, p: string): boolean {
  return !readText(input, `${p}-name`) && !readText(input, `${p}-phone`) && !readText(input, `${p}-notInformedReason`);
}

/** Up to two guardians; a block left completely empty means "no (more) guardians known". */
export function validateGuardians(input: FormInput): StepResult<Guardian[]> {
  const issues = new IssueCollector();
  const guardians: Guardian[] = [];
  for (let i = 0; i < MAX_GUARDIANS; i++) {
    const p = `guardian-${i}`;
    if (isBlankGuardian(input, p)) continue;
    const name = singleLine(issues, input, `${p}-name`, { required: 'guardianNameRequired', max: MAX_LENGTHS.name });
    const phone = normalizePhone(readText(input, `${p}-phone`));
    if (phone && !isValidPhone(phone)) issues.add(`${p}-phone`, 'phoneInvalid');
    const informed = oneOf(issues, input, `${p}-informed`, ['yes', 'no'] as const, 'guardianInformedRequired');
    const notInformedReason = multiLine(issues, input, `${p}-notInformedReason`, { required: informed === 'no' ? 'guardianNotInformedReasonRequired' : undefined, max: TEXT_LIMITS.notInformedReason });
    guardians.push({ name, phone, informed: informed ?? ('' as YesNo), notInformedReason: informed === 'no' ? notInformedReason : '' });
  }
  return { value: guardians, issues: issues.issues };
}

export function readGuardians(input: FormInput): Guardian[] {
  const guardians: Guardian[] = [];
  for (let i = 0; i < MAX_GUARDIANS; i++) {
    const p = `guardian-${i}`;
    if (isBlankGuardian(input, p)) continue;
    guardians.push({
      name: readText(input, `${p}-name`),
      phone: readText(input, `${p}-phone`),
      informed: readText(input, `${p}-informed`) as YesNo,
      notInformedReason: readText(input, `${p}-notInformedReason`),
    });
  }
  return guardians;
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
    else if (consentDate > now.toISOString().slice(0, 10)) issues.add('consentDate', 'consentDateFuture');
    const howRecorded = multiLine(issues, input, 'howRecorded', { required: 'howRecordedRequired', max: TEXT_LIMITS.howRecorded });
    consent = { parentsConsented, childOver15: childOver15 ?? 'notApplicable', consentDate: consentDate ?? rawDate, howRecorded };
  }
  return { value: { role, employerName, employerOrgnr, employerAddress, workPhone, email, consent }, issues: issues.issues };
}
