// What every step's page is drawn from, and the groups of fields more than one step asks. A page
// renders from "form values" (what the browser would post), built either from the saved draft or from
// the rejected input, so a failed step shows exactly what was typed.
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import type { FieldError } from '../../../web/layout.tsx';
import type { PageContext } from '../../web/portal-layout.tsx';
import { TextField, ChoiceGroup } from '../../../web/form-fields.tsx';
import type { ReportDraft } from '../../../domain/report.ts';
import { readText, type FormInput } from '../../../domain/validation/form-input.ts';
import { TEXT_LIMITS } from '../../../domain/rules/text.ts';
import type { DistrictEntry, ServiceContact } from '../../registry/registry-queries.ts';

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

/** A long text's limit as the reporter reads it, and the live count's wording. */
export function textLimit(ctx: PageContext, max: number) {
  const { t } = ctx;
  return { max, hint: t('journey.limit.hint', { max }), remaining: t('journey.limit.remaining'), over: t('journey.limit.over') };
}

export function AddressFields(props: { ctx: PageContext; prefix: string; values: FormInput; errors: FieldError[]; legend: string; description?: string; own: boolean }): SafeHtml {
  const { t } = props.ctx;
  const p = props.prefix;
  // WCAG 1.3.5: the reporter's own address carries autocomplete tokens; a child's must not be
  // filled with the reporter's own data, so it is off.
  const ac = (token: string) => (props.own ? token : 'off');
  return (
    <fieldset class="ds-fieldset">
      <legend class="ds-label">{props.legend}</legend>
      {props.description ? <p class="ds-paragraph" data-field="description">{props.description}</p> : null}
      <TextField id={`${p}-addressLine1`} name={`${p}-addressLine1`} label={t('journey.barn.addressLine1')} value={readText(props.values, `${p}-addressLine1`)} errors={props.errors} autocomplete={ac('address-line1')} />
      <TextField id={`${p}-postcode`} name={`${p}-postcode`} label={t('journey.barn.postcode')} value={readText(props.values, `${p}-postcode`)} errors={props.errors} autocomplete={ac('postal-code')} inputmode="numeric" width="short" maxlength={4} />
      <TextField id={`${p}-city`} name={`${p}-city`} label={t('journey.barn.city')} value={readText(props.values, `${p}-city`)} errors={props.errors} autocomplete={ac('address-level2')} width="medium" />
    </fieldset>
  );
}

/**
 * Whether a child or a guardian knows about the report, and if not, why: the same two questions on
 * both cards (Fiks `orientert`, `orientertGrunn`), each worded for whom it asks about.
 */
export function InformedFields(props: {
  ctx: PageContext;
  prefix: string;
  values: FormInput;
  errors: FieldError[];
  texts: { informed: string; notInformedReason: string; notInformedReasonDescription: string };
}): SafeHtml {
  const { ctx, prefix: p, values, errors, texts } = props;
  const { t } = ctx;
  const yesNo = [
    { value: 'yes', label: t('common.yes') },
    { value: 'no', label: t('common.no') },
  ];
  return (
    <>
      <ChoiceGroup id={`${p}-informed`} name={`${p}-informed`} type="radio" legend={texts.informed} errors={errors} selected={[readText(values, `${p}-informed`)]} choices={yesNo} />
      <div data-when="informed-no">
        <TextField
          id={`${p}-notInformedReason`}
          name={`${p}-notInformedReason`}
          label={texts.notInformedReason}
          description={texts.notInformedReasonDescription}
          value={readText(values, `${p}-notInformedReason`)}
          errors={errors}
          limit={textLimit(ctx, TEXT_LIMITS.notInformedReason)}
          multiline
          rows={3}
        />
      </div>
    </>
  );
}
