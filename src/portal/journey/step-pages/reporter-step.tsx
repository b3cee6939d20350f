// The reporter (melder): the name comes from ID-porten, so only how to reach them is asked. A private
// person may ask that the family not be told who reported; a professional gives role and employer,
// and records the consent that a report without a triggered duty to report needs.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { TextField, ChoiceGroup } from '../../../web/form-fields.tsx';
import { isDutyTriggered } from '../../../domain/report.ts';
import { readText } from '../../../domain/validation/form-input.ts';
import { TEXT_LIMITS } from '../../../domain/rules/text.ts';
import { stepPath } from '../steps.ts';
import { AddressFields, textLimit, type StepView } from './step-fields.tsx';

export function MelderPage({ ctx, draft, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const intro = <p class="ds-paragraph">{t('journey.melder.intro', { name: ctx.personName ?? '' })}</p>;
  if (draft.reporterType === 'private') {
    return (
      <>
        {intro}
        <TextField id="phone" name="phone" label={t('journey.melder.phone')} description={t('journey.melder.phoneDescription')} value={readText(values, 'phone')} errors={errors} type="tel" autocomplete="tel" width="medium" />
        <AddressFields ctx={ctx} prefix="reporter" values={values} errors={errors} legend={t('journey.optional', { question: t('journey.melder.address') })} own />
        <TextField id="relationToChild" name="relationToChild" label={t('journey.melder.relationToChild')} description={t('journey.melder.relationToChildDescription')} value={readText(values, 'relationToChild')} errors={errors} autocomplete="off" />
        <ChoiceGroup
          id="keepIdentityFromFamily"
          name="keepIdentityFromFamily"
          type="checkbox"
          legend={t('journey.melder.keepIdentity')}
          errors={errors}
          selected={[readText(values, 'keepIdentityFromFamily')]}
          choices={[{ value: 'true', label: t('journey.melder.keepIdentityLabel'), description: t('journey.melder.keepIdentityDescription') }]}
        />
      </>
    );
  }
  const needsConsent = draft.duty !== undefined && !isDutyTriggered(draft.duty);
  return (
    <>
      {intro}
      <TextField id="role" name="role" label={t('journey.melder.role')} description={t('journey.melder.roleDescription')} value={readText(values, 'role')} errors={errors} autocomplete="organization-title" />
      <TextField id="employerName" name="employerName" label={t('journey.melder.employerName')} value={readText(values, 'employerName')} errors={errors} autocomplete="organization" />
      <TextField id="employerOrgnr" name="employerOrgnr" label={t('journey.optional', { question: t('journey.melder.employerOrgnr') })} description={t('journey.melder.employerOrgnrDescription')} value={readText(values, 'employerOrgnr')} errors={errors} autocomplete="off" inputmode="numeric" width="medium" maxlength={11} />
      <AddressFields ctx={ctx} prefix="employer" values={values} errors={errors} legend={t('journey.optional', { question: t('journey.melder.employerAddress') })} own={false} />
      <TextField id="workPhone" name="workPhone" label={t('journey.melder.workPhone')} value={readText(values, 'workPhone')} errors={errors} type="tel" autocomplete="work tel" width="medium" />
      <TextField id="email" name="email" label={t('journey.melder.email')} value={readText(values, 'email')} errors={errors} type="email" autocomplete="work email" />
      {needsConsent ? (
        <section class="mp-card" aria-labelledby="consent-heading">
          <h2 class="ds-heading" data-size="sm" id="consent-heading">
            {t('journey.melder.consentHeading')}
          </h2>
          <p class="ds-paragraph">{t('journey.melder.consentIntro')}</p>
          <p class="ds-paragraph">
            <a class="ds-link" href={stepPath('meldeplikt')}>
              {t('journey.melder.consentChange')}
            </a>
          </p>
          <ChoiceGroup id="parentsConsented" name="parentsConsented" type="checkbox" legend={t('journey.melder.parentsConsentedLegend')} errors={errors} selected={[readText(values, 'parentsConsented')]} choices={[{ value: 'true', label: t('journey.melder.parentsConsented') }]} />
          <ChoiceGroup
            id="childOver15"
            name="childOver15"
            type="radio"
            legend={t('journey.melder.childOver15')}
            errors={errors}
            selected={[readText(values, 'childOver15')]}
            choices={[
              { value: 'notApplicable', label: t('journey.melder.childOver15NotApplicable') },
              { value: 'yes', label: t('journey.melder.childOver15Yes') },
              { value: 'no', label: t('journey.melder.childOver15No') },
            ]}
          />
          <TextField id="consentDate" name="consentDate" label={t('journey.melder.consentDate')} description={t('journey.melder.consentDateDescription')} value={readText(values, 'consentDate')} errors={errors} autocomplete="off" width="medium" maxlength={10} />
          <TextField id="howRecorded" name="howRecorded" label={t('journey.melder.howRecorded')} description={t('journey.melder.howRecordedDescription')} value={readText(values, 'howRecorded')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.howRecorded)} multiline rows={3} />
        </section>
      ) : null}
    </>
  );
}
