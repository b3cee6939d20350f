// The concern (bekymring): what happened, how urgent it is, and where it belongs among SSB's areas. A
// professional places it among SSB's saksinnhold codes; a private person tells it in their own words
// first and may pick areas named in everyday words. The service's urgent numbers stand by the
// question of urgency.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import type { FieldError } from '../../../web/layout.tsx';
import type { PageContext } from '../../web/portal-layout.tsx';
import { TextField, ChoiceGroup } from '../../../web/form-fields.tsx';
import { groupContentCodes } from '../../../domain/ssb-codes.ts';
import { readList, readText, type FormInput } from '../../../domain/validation/form-input.ts';
import { PLAIN_CONCERNS } from '../../../domain/plain-concerns.ts';
import { TEXT_LIMITS } from '../../../domain/rules/text.ts';
import { UrgentBox } from '../../start/start-pages.tsx';
import { textLimit, type StepView } from './step-fields.tsx';

export function BekymringPage({ ctx, draft, values, errors, service }: StepView): SafeHtml {
  const { t } = ctx;
  const privatePerson = draft.reporterType === 'private';
  const whatHappened = (
    <TextField id="whatHappened" name="whatHappened" label={t('journey.bekymring.whatHappened')} description={t('journey.bekymring.whatHappenedDescription')} value={readText(values, 'whatHappened')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.whatHappened)} multiline rows={10} />
  );
  return (
    <>
      {/* A private person tells it in their own words first; the areas, in plain words, are optional. */}
      {privatePerson ? whatHappened : null}
      {privatePerson ? <PlainConcerns ctx={ctx} values={values} errors={errors} /> : <SsbCategories ctx={ctx} values={values} errors={errors} />}
      <UrgentBox ctx={ctx} service={service} />
      <ChoiceGroup
        id="urgency"
        name="urgency"
        type="radio"
        legend={t('journey.bekymring.urgency')}
        errors={errors}
        selected={[readText(values, 'urgency')]}
        choices={[
          { value: 'urgent', label: t('journey.bekymring.urgent'), description: t('journey.bekymring.urgentDescription') },
          { value: 'normal', label: t('journey.bekymring.normal') },
        ]}
      />
      {privatePerson ? null : whatHappened}
      <TextField id="history" name="history" label={t('journey.optional', { question: t('journey.bekymring.history') })} description={t('journey.bekymring.historyDescription')} value={readText(values, 'history')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.history)} multiline rows={5} />
      <TextField id="otherViews" name="otherViews" label={t('journey.optional', { question: t('journey.bekymring.otherViews') })} description={t('journey.bekymring.otherViewsDescription')} value={readText(values, 'otherViews')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.otherViews)} multiline rows={4} />
      <ChoiceGroup
        id="interpreterNeed"
        name="interpreterNeed"
        type="radio"
        legend={t('journey.bekymring.interpreter')}
        errors={errors}
        selected={[readText(values, 'interpreterNeed')]}
        choices={[
          { value: 'yes', label: t('journey.bekymring.interpreterYes') },
          { value: 'no', label: t('journey.bekymring.interpreterNo') },
          { value: 'unknown', label: t('journey.bekymring.interpreterUnknown') },
        ]}
      />
      <TextField id="interpreterLanguage" name="interpreterLanguage" label={t('journey.bekymring.interpreterLanguage')} description={t('journey.bekymring.interpreterLanguageDescription')} value={readText(values, 'interpreterLanguage')} errors={errors} autocomplete="off" width="medium" />
      <TextField id="otherAgencies" name="otherAgencies" label={t('journey.optional', { question: t('journey.bekymring.otherAgencies') })} description={t('journey.bekymring.otherAgenciesDescription')} value={readText(values, 'otherAgencies')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.otherAgencies)} multiline rows={3} />
    </>
  );
}

/** A private person's optional choice, in everyday words (each stands for one SSB code). */
function PlainConcerns(props: { ctx: PageContext; values: FormInput; errors: FieldError[] }): SafeHtml {
  const { t } = props.ctx;
  const selected = readList(props.values, 'categories');
  return (
    <ChoiceGroup
      id="categories"
      name="categories"
      type="checkbox"
      legend={t('journey.optional', { question: t('journey.bekymring.plainCategories') })}
      description={t('journey.bekymring.plainCategoriesDescription')}
      errors={props.errors}
      selected={selected}
      choices={PLAIN_CONCERNS.map((c) => ({ value: c.code, label: t(`categories.plain.${c.key}`) }))}
    />
  );
}

/** A professional places the concern among SSB's saksinnhold areas, grouped as SSB groups them. */
function SsbCategories(props: { ctx: PageContext; values: FormInput; errors: FieldError[] }): SafeHtml {
  const { t } = props.ctx;
  const selected = readList(props.values, 'categories');
  const categoryError = props.errors.find((e) => e.field === 'categories');
  let first = true;
  return (
    <fieldset class="ds-fieldset" aria-describedby={`categories-description${categoryError ? ' categories-error' : ''}`}>
      <legend class="ds-heading mp-legend--heading">{t('journey.bekymring.categories')}</legend>
      <p class="ds-paragraph" data-field="description" id="categories-description">
        {t('journey.bekymring.categoriesDescription')}
      </p>
      {categoryError ? (
        <div class="ds-validation-message" data-field="validation" id="categories-error">
          {categoryError.message}
        </div>
      ) : null}
      {groupContentCodes().map((area) => {
        const areaKey = area.themes[0]!.codes[0]!.code.split('.')[0]!;
        return (
          <fieldset class="ds-fieldset mp-category-theme">
            <legend class="ds-heading" data-size="xs">
              {t(`categories.areas.${areaKey}`)}
            </legend>
            {area.themes.map((theme) =>
              theme.codes.map((code) => {
                const id = first ? 'categories' : `category-${code.code.replaceAll('.', '-')}`;
                first = false;
                return (
                  <div class="ds-field">
                    <input class="ds-input" type="checkbox" id={id} name="categories" value={code.code} checked={selected.includes(code.code)} aria-invalid={categoryError ? 'true' : undefined} />
                    <label class="ds-label" data-weight="regular" for={id}>
                      {t(`categories.codes.${code.code.replaceAll('.', '_')}`)}
                    </label>
                  </div>
                );
              }),
            )}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
