// The guardians step: up to two, each with a name, a phone and whether they were told. The reporter
// may know none of them.
import { MAX_GUARDIANS, type Guardian, type YesNo } from '../report.ts';
import { isValidPhone, normalizePhone } from '../rules/phone.ts';
import { MAX_LENGTHS, TEXT_LIMITS } from '../rules/text.ts';
import { IssueCollector, multiLine, oneOf, singleLine, type StepResult } from './field-checks.ts';
import { readText, type FormInput } from './form-input.ts';

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
