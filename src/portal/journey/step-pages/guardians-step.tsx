// The guardians (foresatte): two cards; a card left empty means no (more) guardians known, so a
// reporter who knows none goes on without them.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { TextField } from '../../../web/form-fields.tsx';
import { MAX_GUARDIANS } from '../../../domain/report.ts';
import { readText } from '../../../domain/validation/form-input.ts';
import { InformedFields, type StepView } from './step-fields.tsx';

export function ForesattePage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  return (
    <>
      <p class="ds-paragraph">{t('journey.foresatte.intro')}</p>
      {Array.from({ length: MAX_GUARDIANS }, (_, i) => {
        const p = `guardian-${i}`;
        return (
          <section class="mp-card" aria-labelledby={`${p}-heading`}>
            <h2 class="ds-heading" data-size="sm" id={`${p}-heading`}>
              {t('journey.foresatte.guardianHeading', { number: i + 1 })}
            </h2>
            <TextField id={`${p}-name`} name={`${p}-name`} label={t('journey.foresatte.name')} value={readText(values, `${p}-name`)} errors={errors} autocomplete="off" />
            <TextField id={`${p}-phone`} name={`${p}-phone`} label={t('journey.optional', { question: t('journey.foresatte.phone') })} value={readText(values, `${p}-phone`)} errors={errors} autocomplete="off" type="tel" width="medium" />
            <InformedFields
              ctx={ctx}
              prefix={p}
              values={values}
              errors={errors}
              texts={{ informed: t('journey.foresatte.informed'), notInformedReason: t('journey.foresatte.notInformedReason'), notInformedReasonDescription: t('journey.foresatte.notInformedReasonDescription') }}
            />
          </section>
        );
      })}
    </>
  );
}
