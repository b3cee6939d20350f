// What happens when a step is posted: validate with the domain rules, then store the answer in the
// draft. Issues carry a field id and a message key; the page turns them into text.
import type { FastifyInstance } from 'fastify';
import type { ReportDraft } from '../../domain/report.ts';
import { isDutyTriggered } from '../../domain/report.ts';
import type { FieldIssue, FormInput } from '../../domain/validation/form-input.ts';
import { readText } from '../../domain/validation/form-input.ts';
import { placeName } from '../../domain/rules/place-name.ts';
import { validateChildren } from '../../domain/validation/validate-children.ts';
import type { StepResult } from '../../domain/validation/field-checks.ts';
import { validateGuardians } from '../../domain/validation/validate-guardians.ts';
import {
  validateConcern,
  validateDuty,
  validatePrivateReporter,
  validateProfessionalReporter,
  validateReporterType,
} from '../../domain/validation/validate-steps.ts';
import { findMunicipality, findMunicipalityByNumber } from '../registry/find-municipality.ts';
import { findRecipientDistrict, isMunicipalityOnboarded, listDistricts } from '../registry/registry-queries.ts';
import { loadPostcodes } from '../registry/reference-data.ts';
import type { StepId } from './steps.ts';

/** `ask`: the answer needs a question first (which of several municipalities); shown again, no error. */
export type StepOutcome = { kind: 'saved' } | { kind: 'invalid'; issues: FieldIssue[] } | { kind: 'redirect'; location: string } | { kind: 'ask' };

function fillCityFromPostcode(address: { postcode: string; city: string }): void {
  if (address.postcode && !address.city) {
    const known = loadPostcodes().get(address.postcode);
    if (known) address.city = placeName(known.poststed);
  }
}

/** A step whose answer the domain's rules judge alone: stored when valid, its issues otherwise. */
function saveIfValid<T>(result: StepResult<T>, save: (value: T) => void): StepOutcome {
  if (result.issues.length) return { kind: 'invalid', issues: result.issues };
  save(result.value);
  return { kind: 'saved' };
}

export async function handleStep(app: FastifyInstance, step: StepId, draft: ReportDraft, input: FormInput, now: Date): Promise<StepOutcome> {
  const db = app.database.db;
  switch (step) {
    case 'hvem':
      return saveIfValid(validateReporterType(input), (reporterType) => (draft.reporterType = reporterType));
    case 'meldeplikt':
      return saveIfValid(validateDuty(input), (duty) => (draft.duty = duty));
    case 'kommune': {
      const typed = readText(input, 'kommune');
      const chosen = readText(input, 'kommunenummer');
      const match = findMunicipality(typed);
      let municipality = match.kind === 'found' ? match.municipality : undefined;
      if (match.kind === 'ambiguous') {
        municipality = match.candidates.find((m) => m.kommunenummer === chosen);
        // The first time the choice is only shown; sent again for the same text without one, it is a mistake.
        if (!municipality) return readText(input, 'choiceFor') === typed ? { kind: 'invalid', issues: [{ field: 'kommunenummer', code: 'municipalityChoose' }] } : { kind: 'ask' };
      }
      if (!municipality) {
        const code = match.kind === 'empty' ? 'municipalityRequired' : match.kind === 'unknownPostcode' ? 'unknownPostcode' : 'municipalityNotFound';
        return { kind: 'invalid', issues: [{ field: 'kommune', code, params: { value: typed.slice(0, 60) } }] };
      }
      if (!(await isMunicipalityOnboarded(db, municipality.kommunenummer))) {
        return { kind: 'redirect', location: `/meld/kommune/ikke-tilgjengelig?kommunenummer=${municipality.kommunenummer}` };
      }
      const districts = await listDistricts(db, municipality.kommunenummer);
      const hasDistricts = districts.length > 1 || (districts.length === 1 && districts[0]!.bydelsnummer !== '00');
      const changed = draft.municipality?.kommunenummer !== municipality.kommunenummer;
      draft.municipality = { kommunenummer: municipality.kommunenummer, name: municipality.name, hasDistricts };
      if (changed) draft.recipient = undefined;
      if (!hasDistricts) {
        const recipient = await findRecipientDistrict(db, municipality.kommunenummer, null);
        if (!recipient) return { kind: 'redirect', location: `/meld/kommune/ikke-tilgjengelig?kommunenummer=${municipality.kommunenummer}` };
        draft.recipient = {
          kommunenummer: municipality.kommunenummer,
          kommunenavn: municipality.name,
          bydelsnummer: '00',
          bydelsnavn: '',
          serviceId: recipient.service.id,
          serviceName: recipient.service.name,
        };
      }
      return { kind: 'saved' };
    }
    case 'bydel': {
      const municipality = draft.municipality && findMunicipalityByNumber(draft.municipality.kommunenummer);
      if (!municipality) return { kind: 'redirect', location: '/meld/kommune' };
      const chosen = readText(input, 'bydel');
      const recipient = /^\d{2}$/.test(chosen)
        ? await findRecipientDistrict(db, municipality.kommunenummer, chosen)
        : chosen === 'unknown'
          ? await findRecipientDistrict(db, municipality.kommunenummer, null)
          : undefined;
      if (!recipient) return { kind: 'invalid', issues: [{ field: 'bydel', code: 'districtRequired' }] };
      draft.recipient = {
        kommunenummer: municipality.kommunenummer,
        kommunenavn: municipality.name,
        bydelsnummer: recipient.bydelsnummer,
        bydelsnavn: recipient.bydelsnavn,
        serviceId: recipient.service.id,
        serviceName: recipient.service.name,
      };
      return { kind: 'saved' };
    }
    case 'barn':
      return saveIfValid(validateChildren(input, now), (children) => {
        children.forEach((c) => fillCityFromPostcode(c.address));
        draft.children = children;
      });
    case 'foresatte':
      return saveIfValid(validateGuardians(input), (guardians) => {
        draft.guardians = guardians;
        draft.guardiansAnswered = true;
      });
    case 'bekymring':
      return saveIfValid(validateConcern(input, draft.reporterType), (concern) => (draft.concern = concern));
    case 'melder':
      if (draft.reporterType === 'private') {
        return saveIfValid(validatePrivateReporter(input), (reporter) => {
          fillCityFromPostcode(reporter.address);
          draft.privateReporter = reporter;
        });
      }
      return saveIfValid(validateProfessionalReporter(input, draft.duty ? isDutyTriggered(draft.duty) : true, now), (reporter) => {
        fillCityFromPostcode(reporter.employerAddress);
        draft.professionalReporter = reporter;
      });
    case 'vedlegg':
      draft.attachmentsAnswered = true;
      return { kind: 'saved' };
    case 'oppsummering':
      return { kind: 'redirect', location: '/meld/oppsummering' };
  }
}
