// The children step: one block a child, each identified by fnr, birth date, estimated age or as
// unborn, with an address and whether the child was told. Dates are judged by the calendar in Norway,
// as the reporter reads it.
import { MAX_CHILDREN, type Child, type ChildIdentification, type YesNo } from '../report.ts';
import { isValidNationalId, normalizeNationalId } from '../rules/fnr.ts';
import { toNorwegianLocalDate } from '../rules/norwegian-time.ts';
import { MAX_LENGTHS, stripControlCharacters, TEXT_LIMITS } from '../rules/text.ts';
import { address, IssueCollector, multiLine, oneOf, singleLine, type StepResult } from './field-checks.ts';
import { parseDateInput, readText, type FormInput } from './form-input.ts';

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
