// The children (barn): one card per child, siblings in the same report. A child is identified as
// well as the reporter can (national id, birth date, an estimated age, or not yet born), and adding
// or removing a card is a submit button, so it works without script.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { TextField, ChoiceGroup, SubmitButton } from '../../../web/form-fields.tsx';
import { MAX_CHILDREN } from '../../../domain/report.ts';
import { readText } from '../../../domain/validation/form-input.ts';
import { AddressFields, InformedFields, type StepView } from './step-fields.tsx';

export function BarnPage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const count = Math.min(Math.max(Number(readText(values, 'childCount')) || 1, 1), MAX_CHILDREN);
  return (
    <>
      <p class="ds-paragraph">{t('journey.barn.siblingsHint')}</p>
      <input type="hidden" name="childCount" value={String(count)} />
      {/* Enter in a field submits with the form's first submit button. Without this hidden twin of
          "Fortsett", that would be "Fjern barn 1" or "Legg til et barn til". Hidden: no tab stop, no name read. */}
      <button type="submit" name="action" value="continue" hidden></button>
      {Array.from({ length: count }, (_, i) => {
        const p = `child-${i}`;
        return (
          <section class="mp-card mp-child" aria-labelledby={`${p}-heading`} id={`${p}`}>
            <h2 class="ds-heading" data-size="sm" id={`${p}-heading`}>
              {t('journey.barn.childHeading', { number: i + 1 })}
            </h2>
            <TextField id={`${p}-name`} name={`${p}-name`} label={t('journey.barn.name')} description={t('journey.barn.nameDescription')} value={readText(values, `${p}-name`)} errors={errors} autocomplete="off" />
            <ChoiceGroup
              id={`${p}-identification`}
              name={`${p}-identification`}
              type="radio"
              legend={t('journey.barn.identification')}
              errors={errors}
              selected={[readText(values, `${p}-identification`)]}
              choices={[
                { value: 'fnr', label: t('journey.barn.idFnr') },
                { value: 'birthDate', label: t('journey.barn.idBirthDate') },
                { value: 'estimatedAge', label: t('journey.barn.idEstimatedAge') },
                { value: 'unborn', label: t('journey.barn.idUnborn') },
              ]}
            />
            {/* Follow-up questions show for the answer chosen (CSS :has, no script needed; see mp-reveal). */}
            <div data-when="fnr">
              <TextField id={`${p}-fnr`} name={`${p}-fnr`} label={t('journey.barn.fnr')} description={t('journey.barn.fnrDescription')} value={readText(values, `${p}-fnr`)} errors={errors} autocomplete="off" inputmode="numeric" width="medium" maxlength={13} />
            </div>
            <div data-when="birthDate">
              <TextField id={`${p}-birthDate`} name={`${p}-birthDate`} label={t('journey.barn.birthDate')} description={t('journey.barn.birthDateDescription')} value={readText(values, `${p}-birthDate`)} errors={errors} autocomplete="off" width="medium" maxlength={10} />
            </div>
            <div data-when="estimatedAge">
              <TextField id={`${p}-estimatedAge`} name={`${p}-estimatedAge`} label={t('journey.barn.estimatedAge')} description={t('journey.barn.estimatedAgeDescription')} value={readText(values, `${p}-estimatedAge`)} errors={errors} autocomplete="off" inputmode="numeric" width="short" maxlength={2} />
            </div>
            <div data-when="unborn">
              <TextField id={`${p}-dueDate`} name={`${p}-dueDate`} label={t('journey.optional', { question: t('journey.barn.dueDate') })} description={t('journey.barn.dueDateDescription')} value={readText(values, `${p}-dueDate`)} errors={errors} autocomplete="off" width="medium" maxlength={10} />
            </div>
            <AddressFields ctx={ctx} prefix={p} values={values} errors={errors} legend={t('journey.barn.address')} description={t('journey.barn.addressDescription')} own={false} />
            {/* An unborn child cannot know about the report: not asked (and not judged on the server). */}
            <div data-unless="unborn">
              <InformedFields
                ctx={ctx}
                prefix={p}
                values={values}
                errors={errors}
                texts={{ informed: t('journey.barn.informed'), notInformedReason: t('journey.barn.notInformedReason'), notInformedReasonDescription: t('journey.barn.notInformedReasonDescription') }}
              />
            </div>
            {count > 1 ? <SubmitButton label={t('journey.barn.remove', { number: i + 1 })} name="action" value={`remove-${i}`} variant="tertiary" /> : null}
          </section>
        );
      })}
      {count < MAX_CHILDREN ? <SubmitButton label={t('journey.barn.add')} name="action" value="add" variant="secondary" /> : null}
    </>
  );
}
