// Where the report goes: the municipality where the child lives (kommune), typed as a name or a
// postcode, with a question when the text fits several; and in a city with districts, the district
// (bydel), or "don't know" for the municipality's default service.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { TextField, ChoiceGroup } from '../../../web/form-fields.tsx';
import { readText } from '../../../domain/validation/form-input.ts';
import { placeName } from '../../../domain/rules/place-name.ts';
import { findMunicipality } from '../../registry/find-municipality.ts';
import { loadMunicipalities } from '../../registry/reference-data.ts';
import type { StepView } from './step-fields.tsx';

export function KommunePage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const typed = readText(values, 'kommune');
  const match = typed ? findMunicipality(typed) : undefined;
  return (
    <>
      <TextField
        id="kommune"
        name="kommune"
        label={t('journey.kommune.label')}
        description={t('journey.kommune.description')}
        value={typed}
        errors={errors}
        autocomplete="off"
        width="medium"
        // The browser suggests municipality names as the reporter types; a postcode works as well.
        suggestions={{ id: 'kommune-suggestions', values: loadMunicipalities().map((m) => m.name) }}
      />
      {match?.kind === 'ambiguous' ? (
        <>
          <input type="hidden" name="choiceFor" value={typed} />
          <ChoiceGroup
            id="kommunenummer"
            name="kommunenummer"
            type="radio"
            legend={t(match.candidates.length === 1 ? 'journey.kommune.didYouMean' : 'journey.kommune.ambiguousLegend')}
            errors={errors}
            // One candidate is offered ready to confirm; several wait for the reporter's choice.
            selected={[readText(values, 'kommunenummer') || (match.candidates.length === 1 ? match.candidates[0]!.kommunenummer : '')]}
            choices={match.candidates.map((m) => ({
              value: m.kommunenummer,
              // SSB already names the county where two municipalities share a name: "Herøy (Nordland)".
              label: m.name.includes('(') ? m.name : t('journey.kommune.candidate', { municipality: m.name, county: m.countyName }),
              description: match.postTowns?.[m.kommunenummer] ? t('journey.kommune.postTown', { place: placeName(match.postTowns[m.kommunenummer]!), municipality: m.name }) : undefined,
            }))}
          />
        </>
      ) : null}
    </>
  );
}

export function BydelPage({ ctx, draft, values, errors, districts = [], defaultServiceName = '' }: StepView): SafeHtml {
  const { t } = ctx;
  return (
    <ChoiceGroup
      id="bydel"
      name="bydel"
      type="radio"
      legend={t('journey.bydel.legend')}
      description={t('journey.bydel.description', { municipality: draft.municipality?.name ?? '' })}
      errors={errors}
      selected={[readText(values, 'bydel')]}
      choices={[
        ...districts.map((d) => ({ value: d.bydelsnummer, label: d.bydelsnavn })),
        { value: 'unknown', label: t('journey.bydel.unknown'), description: t('journey.bydel.unknownDescription', { service: defaultServiceName }) },
      ]}
    />
  );
}
