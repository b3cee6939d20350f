// Who reports (hvem): a private person or a professional, which decides the Fiks message type and the
// questions that follow; and for a professional, whether the duty to report applies (meldeplikt),
// which decides whether a consent must be recorded.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { ChoiceGroup } from '../../../web/form-fields.tsx';
import { DUTY_GROUNDS, isDutyTriggered } from '../../../domain/report.ts';
import { readList, readText } from '../../../domain/validation/form-input.ts';
import type { StepView } from './step-fields.tsx';

export function HvemPage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  return (
    <ChoiceGroup
      id="reporterType"
      name="reporterType"
      type="radio"
      legend={t('journey.hvem.legend')}
      errors={errors}
      selected={[readText(values, 'reporterType')]}
      choices={[
        { value: 'private', label: t('journey.hvem.private'), description: t('journey.hvem.privateDescription') },
        { value: 'professional', label: t('journey.hvem.professional'), description: t('journey.hvem.professionalDescription') },
      ]}
    />
  );
}

export function MeldepliktPage({ ctx, draft, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const selected = readList(values, 'grounds');
  return (
    <>
      <p class="ds-paragraph">{t('journey.meldeplikt.intro')}</p>
      <ChoiceGroup
        id="grounds"
        name="grounds"
        type="checkbox"
        legend={t('journey.meldeplikt.legend')}
        errors={errors}
        selected={selected}
        choices={[...DUTY_GROUNDS.map((g) => ({ value: g, label: t(`journey.meldeplikt.grounds.${g}`) })), { value: 'none', label: t('journey.meldeplikt.none') }]}
      />
      <p class="ds-paragraph">{t('journey.meldeplikt.personal')}</p>
      {draft.duty && errors.length === 0 ? (
        <div class="ds-alert" data-color={isDutyTriggered(draft.duty) ? 'info' : 'warning'}>
          <p class="ds-paragraph">{isDutyTriggered(draft.duty) ? t('journey.meldeplikt.resultTriggered') : t('journey.meldeplikt.resultNotTriggered')}</p>
        </div>
      ) : null}
    </>
  );
}
