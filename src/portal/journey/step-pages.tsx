// One render function per step. Each renders from "form values" (what the browser would post), built
// either from the saved draft or from the rejected input, so a failed step shows exactly what was typed.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import type { FieldError } from '../../web/layout.tsx';
import type { PageContext } from '../web/portal-layout.tsx';
import { TextField, ChoiceGroup, SubmitButton } from '../../web/form-fields.tsx';
import { DUTY_GROUNDS, MAX_CHILDREN, MAX_GUARDIANS, type ReportDraft, isDutyTriggered } from '../../domain/report.ts';
import { groupContentCodes } from '../../domain/ssb-codes.ts';
import { readList, readText, type FormInput } from '../../domain/validation/form-input.ts';
import { findMunicipality } from '../registry/find-municipality.ts';
import { loadMunicipalities } from '../registry/reference-data.ts';
import { PLAIN_CONCERNS } from '../../domain/plain-concerns.ts';
import { TEXT_LIMITS } from '../../domain/rules/text.ts';
import { placeName } from '../../domain/rules/place-name.ts';
import type { DistrictEntry, ServiceContact } from '../registry/registry-queries.ts';
import { UrgentBox } from '../start/start-pages.tsx';
import { stepPath, type StepId } from './steps.ts';

export interface StepView {
  ctx: PageContext;
  draft: ReportDraft;
  values: FormInput;
  errors: FieldError[];
  /** Extra data a step needs (districts for bydel). */
  districts?: DistrictEntry[];
  defaultServiceName?: string;
  /** The receiving service, for its barnevernvakt number where urgency is asked. */
  service?: ServiceContact;
}

const v = (values: FormInput, name: string) => readText(values, name);

function yesNoChoices(ctx: PageContext) {
  return [
    { value: 'yes', label: ctx.t('common.yes') },
    { value: 'no', label: ctx.t('common.no') },
  ];
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
        const p = `child-${i}`;
        Object.assign(values, {
          [`${p}-name`]: c.name,
          [`${p}-identification`]: c.identification,
          [`${p}-fnr`]: c.fnr,
          [`${p}-birthDate`]: c.birthDate ? c.birthDate.split('-').reverse().join('.') : '',
          [`${p}-estimatedAge`]: c.estimatedAge,
          [`${p}-dueDate`]: c.dueDate ? c.dueDate.split('-').reverse().join('.') : '',
          [`${p}-addressLine1`]: c.address.line1,
          [`${p}-postcode`]: c.address.postcode,
          [`${p}-city`]: c.address.city,
          [`${p}-informed`]: c.informed,
          [`${p}-notInformedReason`]: c.notInformedReason,
        });
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
            consentDate: r.consent.consentDate.split('-').reverse().join('.'),
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

export function HvemPage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  return (
    <ChoiceGroup
      id="reporterType"
      name="reporterType"
      type="radio"
      legend={t('journey.hvem.legend')}
      errors={errors}
      selected={[v(values, 'reporterType')]}
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

export function KommunePage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const typed = v(values, 'kommune');
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
            selected={[v(values, 'kommunenummer') || (match.candidates.length === 1 ? match.candidates[0]!.kommunenummer : '')]}
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
      selected={[v(values, 'bydel')]}
      choices={[
        ...districts.map((d) => ({ value: d.bydelsnummer, label: d.bydelsnavn })),
        { value: 'unknown', label: t('journey.bydel.unknown'), description: t('journey.bydel.unknownDescription', { service: defaultServiceName }) },
      ]}
    />
  );
}

function AddressFields(props: { ctx: PageContext; prefix: string; values: FormInput; errors: FieldError[]; legend: string; description?: string; own: boolean }): SafeHtml {
  const { t } = props.ctx;
  const p = props.prefix;
  // WCAG 1.3.5: the reporter's own address carries autocomplete tokens; a child's must not be
  // filled with the reporter's own data, so it is off.
  const ac = (token: string) => (props.own ? token : 'off');
  return (
    <fieldset class="ds-fieldset">
      <legend class="ds-label">{props.legend}</legend>
      {props.description ? <p class="ds-paragraph" data-field="description">{props.description}</p> : null}
      <TextField id={`${p}-addressLine1`} name={`${p}-addressLine1`} label={t('journey.barn.addressLine1')} value={v(props.values, `${p}-addressLine1`)} errors={props.errors} autocomplete={ac('address-line1')} />
      <TextField id={`${p}-postcode`} name={`${p}-postcode`} label={t('journey.barn.postcode')} value={v(props.values, `${p}-postcode`)} errors={props.errors} autocomplete={ac('postal-code')} inputmode="numeric" width="short" maxlength={4} />
      <TextField id={`${p}-city`} name={`${p}-city`} label={t('journey.barn.city')} value={v(props.values, `${p}-city`)} errors={props.errors} autocomplete={ac('address-level2')} width="medium" />
    </fieldset>
  );
}

export function BarnPage({ ctx, values, errors }: StepView): SafeHtml {
  const { t } = ctx;
  const count = Math.min(Math.max(Number(v(values, 'childCount')) || 1, 1), MAX_CHILDREN);
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
            <TextField id={`${p}-name`} name={`${p}-name`} label={t('journey.barn.name')} description={t('journey.barn.nameDescription')} value={v(values, `${p}-name`)} errors={errors} autocomplete="off" />
            <ChoiceGroup
              id={`${p}-identification`}
              name={`${p}-identification`}
              type="radio"
              legend={t('journey.barn.identification')}
              errors={errors}
              selected={[v(values, `${p}-identification`)]}
              choices={[
                { value: 'fnr', label: t('journey.barn.idFnr') },
                { value: 'birthDate', label: t('journey.barn.idBirthDate') },
                { value: 'estimatedAge', label: t('journey.barn.idEstimatedAge') },
                { value: 'unborn', label: t('journey.barn.idUnborn') },
              ]}
            />
            {/* Follow-up questions show for the answer chosen (CSS :has, no script needed; see mp-reveal). */}
            <div data-when="fnr">
              <TextField id={`${p}-fnr`} name={`${p}-fnr`} label={t('journey.barn.fnr')} description={t('journey.barn.fnrDescription')} value={v(values, `${p}-fnr`)} errors={errors} autocomplete="off" inputmode="numeric" width="medium" maxlength={13} />
            </div>
            <div data-when="birthDate">
              <TextField id={`${p}-birthDate`} name={`${p}-birthDate`} label={t('journey.barn.birthDate')} description={t('journey.barn.birthDateDescription')} value={v(values, `${p}-birthDate`)} errors={errors} autocomplete="off" width="medium" maxlength={10} />
            </div>
            <div data-when="estimatedAge">
              <TextField id={`${p}-estimatedAge`} name={`${p}-estimatedAge`} label={t('journey.barn.estimatedAge')} description={t('journey.barn.estimatedAgeDescription')} value={v(values, `${p}-estimatedAge`)} errors={errors} autocomplete="off" inputmode="numeric" width="short" maxlength={2} />
            </div>
            <div data-when="unborn">
              <TextField id={`${p}-dueDate`} name={`${p}-dueDate`} label={t('journey.optional', { question: t('journey.barn.dueDate') })} description={t('journey.barn.dueDateDescription')} value={v(values, `${p}-dueDate`)} errors={errors} autocomplete="off" width="medium" maxlength={10} />
            </div>
            <AddressFields ctx={ctx} prefix={p} values={values} errors={errors} legend={t('journey.barn.address')} description={t('journey.barn.addressDescription')} own={false} />
            {/* An unborn child cannot know about the report: not asked (and not judged on the server). */}
            <div data-unless="unborn">
              <ChoiceGroup id={`${p}-informed`} name={`${p}-informed`} type="radio" legend={t('journey.barn.informed')} errors={errors} selected={[v(values, `${p}-informed`)]} choices={yesNoChoices(ctx)} />
              <div data-when="informed-no">
                <TextField id={`${p}-notInformedReason`} name={`${p}-notInformedReason`} label={t('journey.barn.notInformedReason')} description={t('journey.barn.notInformedReasonDescription')} value={v(values, `${p}-notInformedReason`)} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.notInformedReason)} multiline rows={3} />
              </div>
            </div>
            {count > 1 ? <SubmitButton label={t('journey.barn.remove', { number: i + 1 })} name="action" value={`remove-${i}`} variant="tertiary" /> : null}
          </section>
        );
      })}
      {count < MAX_CHILDREN ? <SubmitButton label={t('journey.barn.add')} name="action" value="add" variant="secondary" /> : null}
    </>
  );
}

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
            <TextField id={`${p}-name`} name={`${p}-name`} label={t('journey.foresatte.name')} value={v(values, `${p}-name`)} errors={errors} autocomplete="off" />
            <TextField id={`${p}-phone`} name={`${p}-phone`} label={t('journey.optional', { question: t('journey.foresatte.phone') })} value={v(values, `${p}-phone`)} errors={errors} autocomplete="off" type="tel" width="medium" />
            <ChoiceGroup id={`${p}-informed`} name={`${p}-informed`} type="radio" legend={t('journey.foresatte.informed')} errors={errors} selected={[v(values, `${p}-informed`)]} choices={yesNoChoices(ctx)} />
            <div data-when="informed-no">
              <TextField id={`${p}-notInformedReason`} name={`${p}-notInformedReason`} label={t('journey.foresatte.notInformedReason')} description={t('journey.foresatte.notInformedReasonDescription')} value={v(values, `${p}-notInformedReason`)} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.notInformedReason)} multiline rows={3} />
            </div>
          </section>
        );
      })}
    </>
  );
}

/** A long text's limit as the reporter reads it, and the live count's wording. */
function textLimit(ctx: PageContext, max: number) {
  const { t } = ctx;
  return { max, hint: t('journey.limit.hint', { max }), remaining: t('journey.limit.remaining'), over: t('journey.limit.over') };
}

export function BekymringPage({ ctx, draft, values, errors, service }: StepView): SafeHtml {
  const { t } = ctx;
  const privatePerson = draft.reporterType === 'private';
  const whatHappened = (
    <TextField id="whatHappened" name="whatHappened" label={t('journey.bekymring.whatHappened')} description={t('journey.bekymring.whatHappenedDescription')} value={v(values, 'whatHappened')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.whatHappened)} multiline rows={10} />
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
        selected={[v(values, 'urgency')]}
        choices={[
          { value: 'urgent', label: t('journey.bekymring.urgent'), description: t('journey.bekymring.urgentDescription') },
          { value: 'normal', label: t('journey.bekymring.normal') },
        ]}
      />
      {privatePerson ? null : whatHappened}
      <TextField id="history" name="history" label={t('journey.optional', { question: t('journey.bekymring.history') })} description={t('journey.bekymring.historyDescription')} value={v(values, 'history')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.history)} multiline rows={5} />
      <TextField id="otherViews" name="otherViews" label={t('journey.optional', { question: t('journey.bekymring.otherViews') })} description={t('journey.bekymring.otherViewsDescription')} value={v(values, 'otherViews')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.otherViews)} multiline rows={4} />
      <ChoiceGroup
        id="interpreterNeed"
        name="interpreterNeed"
        type="radio"
        legend={t('journey.bekymring.interpreter')}
        errors={errors}
        selected={[v(values, 'interpreterNeed')]}
        choices={[
          { value: 'yes', label: t('journey.bekymring.interpreterYes') },
          { value: 'no', label: t('journey.bekymring.interpreterNo') },
          { value: 'unknown', label: t('journey.bekymring.interpreterUnknown') },
        ]}
      />
      <TextField id="interpreterLanguage" name="interpreterLanguage" label={t('journey.bekymring.interpreterLanguage')} description={t('journey.bekymring.interpreterLanguageDescription')} value={v(values, 'interpreterLanguage')} errors={errors} autocomplete="off" width="medium" />
      <TextField id="otherAgencies" name="otherAgencies" label={t('journey.optional', { question: t('journey.bekymring.otherAgencies') })} description={t('journey.bekymring.otherAgenciesDescription')} value={v(values, 'otherAgencies')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.otherAgencies)} multiline rows={3} />
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

export function MelderPage({ ctx, draft, values, errors }: StepView & { personName?: string }): SafeHtml {
  const { t } = ctx;
  const intro = <p class="ds-paragraph">{t('journey.melder.intro', { name: ctx.personName ?? '' })}</p>;
  if (draft.reporterType === 'private') {
    return (
      <>
        {intro}
        <TextField id="phone" name="phone" label={t('journey.melder.phone')} description={t('journey.melder.phoneDescription')} value={v(values, 'phone')} errors={errors} type="tel" autocomplete="tel" width="medium" />
        <AddressFields ctx={ctx} prefix="reporter" values={values} errors={errors} legend={t('journey.optional', { question: t('journey.melder.address') })} own />
        <TextField id="relationToChild" name="relationToChild" label={t('journey.melder.relationToChild')} description={t('journey.melder.relationToChildDescription')} value={v(values, 'relationToChild')} errors={errors} autocomplete="off" />
        <ChoiceGroup
          id="keepIdentityFromFamily"
          name="keepIdentityFromFamily"
          type="checkbox"
          legend={t('journey.melder.keepIdentity')}
          errors={errors}
          selected={[v(values, 'keepIdentityFromFamily')]}
          choices={[{ value: 'true', label: t('journey.melder.keepIdentityLabel'), description: t('journey.melder.keepIdentityDescription') }]}
        />
      </>
    );
  }
  const needsConsent = draft.duty !== undefined && !isDutyTriggered(draft.duty);
  return (
    <>
      {intro}
      <TextField id="role" name="role" label={t('journey.melder.role')} description={t('journey.melder.roleDescription')} value={v(values, 'role')} errors={errors} autocomplete="organization-title" />
      <TextField id="employerName" name="employerName" label={t('journey.melder.employerName')} value={v(values, 'employerName')} errors={errors} autocomplete="organization" />
      <TextField id="employerOrgnr" name="employerOrgnr" label={t('journey.optional', { question: t('journey.melder.employerOrgnr') })} description={t('journey.melder.employerOrgnrDescription')} value={v(values, 'employerOrgnr')} errors={errors} autocomplete="off" inputmode="numeric" width="medium" maxlength={11} />
      <AddressFields ctx={ctx} prefix="employer" values={values} errors={errors} legend={t('journey.optional', { question: t('journey.melder.employerAddress') })} own={false} />
      <TextField id="workPhone" name="workPhone" label={t('journey.melder.workPhone')} value={v(values, 'workPhone')} errors={errors} type="tel" autocomplete="work tel" width="medium" />
      <TextField id="email" name="email" label={t('journey.melder.email')} value={v(values, 'email')} errors={errors} type="email" autocomplete="work email" />
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
          <ChoiceGroup id="parentsConsented" name="parentsConsented" type="checkbox" legend={t('journey.melder.parentsConsentedLegend')} errors={errors} selected={[v(values, 'parentsConsented')]} choices={[{ value: 'true', label: t('journey.melder.parentsConsented') }]} />
          <ChoiceGroup
            id="childOver15"
            name="childOver15"
            type="radio"
            legend={t('journey.melder.childOver15')}
            errors={errors}
            selected={[v(values, 'childOver15')]}
            choices={[
              { value: 'notApplicable', label: t('journey.melder.childOver15NotApplicable') },
              { value: 'yes', label: t('journey.melder.childOver15Yes') },
              { value: 'no', label: t('journey.melder.childOver15No') },
            ]}
          />
          <TextField id="consentDate" name="consentDate" label={t('journey.melder.consentDate')} description={t('journey.melder.consentDateDescription')} value={v(values, 'consentDate')} errors={errors} autocomplete="off" width="medium" maxlength={10} />
          <TextField id="howRecorded" name="howRecorded" label={t('journey.melder.howRecorded')} description={t('journey.melder.howRecordedDescription')} value={v(values, 'howRecorded')} errors={errors} limit={textLimit(ctx, TEXT_LIMITS.howRecorded)} multiline rows={3} />
        </section>
      ) : null}
    </>
  );
}
