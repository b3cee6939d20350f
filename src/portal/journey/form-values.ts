// A step's form values: what the browser posts for it, field by field. A step's page is drawn from
// them, built from the saved draft or taken from what was posted, so a failed step shows exactly what
// was typed; a step left unsaved keeps its answers among them for the reporter's return.
import { MAX_CHILDREN, type Child, type ReportDraft } from '../../domain/report.ts';
import type { FormInput } from '../../domain/validation/form-input.ts';
import { readChildren } from '../../domain/validation/validate-children.ts';
import type { StepId } from './steps.ts';

/** Fields a step form posts that are not answers. */
const NOT_ANSWERS = new Set(['_csrf', 'action', 'sprak', 'returnTo']);

/** The draft keeps ISO dates; the reporter types them as written in Norway (2015-03-14 is 14.03.2015). */
function formDate(iso: string): string {
  return iso.split('-').reverse().join('.');
}

/** One child's card, named as the form names its fields. */
function childValues(i: number, c: Child): Record<string, string> {
  const p = `child-${i}`;
  return {
    [`${p}-name`]: c.name,
    [`${p}-identification`]: c.identification,
    [`${p}-fnr`]: c.fnr,
    [`${p}-birthDate`]: c.birthDate,
    [`${p}-estimatedAge`]: c.estimatedAge,
    [`${p}-dueDate`]: c.dueDate,
    [`${p}-addressLine1`]: c.address.line1,
    [`${p}-postcode`]: c.address.postcode,
    [`${p}-city`]: c.address.city,
    [`${p}-informed`]: c.informed,
    [`${p}-notInformedReason`]: c.notInformedReason,
  };
}

export function draftToValues(step: StepId, draft: ReportDraft): FormInput {
  const values: Record<string, string | string[]> = {};
  switch (step) {
    case 'hvem':
      if (draft.reporterType) values.reporterType = draft.reporterType;
      break;
    case 'meldeplikt':
      if (draft.duty) values.grounds = draft.duty.grounds.length ? draft.duty.grounds : ['none'];
      break;
    case 'kommune':
      if (draft.municipality) values.kommune = draft.municipality.name;
      break;
    case 'bydel':
      if (draft.recipient && draft.recipient.kommunenummer === draft.municipality?.kommunenummer) values.bydel = draft.recipient.bydelsnummer;
      break;
    case 'barn': {
      const children = draft.children.length ? draft.children : [];
      values.childCount = String(Math.max(children.length, 1));
      children.forEach((c, i) => {
        Object.assign(values, childValues(i, { ...c, birthDate: c.birthDate ? formDate(c.birthDate) : '', dueDate: c.dueDate ? formDate(c.dueDate) : '' }));
      });
      break;
    }
    case 'foresatte':
      draft.guardians.forEach((g, i) => {
        const p = `guardian-${i}`;
        Object.assign(values, { [`${p}-name`]: g.name, [`${p}-phone`]: g.phone, [`${p}-informed`]: g.informed, [`${p}-notInformedReason`]: g.notInformedReason });
      });
      break;
    case 'bekymring':
      if (draft.concern) {
        const c = draft.concern;
        Object.assign(values, {
          categories: c.categories,
          urgency: c.urgency,
          whatHappened: c.whatHappened,
          history: c.history,
          otherViews: c.otherViews,
          interpreterNeed: c.interpreterNeed,
          interpreterLanguage: c.interpreterLanguage,
          otherAgencies: c.otherAgencies,
        });
      }
      break;
    case 'melder':
      if (draft.reporterType === 'private' && draft.privateReporter) {
        const r = draft.privateReporter;
        Object.assign(values, {
          phone: r.phone,
          'reporter-addressLine1': r.address.line1,
          'reporter-postcode': r.address.postcode,
          'reporter-city': r.address.city,
          relationToChild: r.relationToChild,
          keepIdentityFromFamily: r.keepIdentityFromFamily ? 'true' : '',
        });
      }
      if (draft.reporterType === 'professional' && draft.professionalReporter) {
        const r = draft.professionalReporter;
        Object.assign(values, {
          role: r.role,
          employerName: r.employerName,
          employerOrgnr: r.employerOrgnr,
          'employer-addressLine1': r.employerAddress.line1,
          'employer-postcode': r.employerAddress.postcode,
          'employer-city': r.employerAddress.city,
          workPhone: r.workPhone,
          email: r.email,
        });
        if (r.consent) {
          Object.assign(values, {
            parentsConsented: r.consent.parentsConsented ? 'true' : '',
            childOver15: r.consent.childOver15,
            consentDate: formDate(r.consent.consentDate),
            howRecorded: r.consent.howRecorded,
          });
        }
      }
      break;
    default:
      break;
  }
  return values;
}

/**
 * "Add a child" and "Remove child n" keep everything typed but judge nothing yet: the children's
 * cards as typed, one more or one fewer, beside the step's other fields.
 */
export function addOrRemoveChild(input: FormInput, action: string): FormInput {
  const children = readChildren(input);
  if (action === 'add' && children.length < MAX_CHILDREN) children.push(readChildren({ childCount: '1' })[0]!);
  if (action.startsWith('remove-')) children.splice(Number(action.slice('remove-'.length)), 1);
  const values: Record<string, unknown> = { ...input, childCount: String(Math.max(children.length, 1)) };
  for (const key of Object.keys(values)) if (key.startsWith('child-')) delete values[key];
  children.forEach((c, i) => Object.assign(values, childValues(i, c)));
  return values;
}

/**
 * What is kept of a step that was not saved, for the reporter's return: only the form's own fields,
 * as text (the token, the button pressed and the language are not answers).
 */
export function unsavedAnswers(input: FormInput): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(input)) {
    if (NOT_ANSWERS.has(name)) continue;
    if (typeof value === 'string') kept[name] = value;
    else if (Array.isArray(value)) kept[name] = value.filter((x): x is string => typeof x === 'string');
  }
  return kept;
}
