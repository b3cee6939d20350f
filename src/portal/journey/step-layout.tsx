import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { Layout, ErrorSummary, BackLink, CsrfField, type PageContext, type FieldError } from '../../web/layout.tsx';
import { SubmitButton } from '../../web/form-fields.tsx';
import type { ReportDraft } from '../../domain/report.ts';
import { previousStep, stepNumber, stepPath, type StepId } from './steps.ts';

/** The step's form, which the language switcher's buttons also submit. */
export const STEP_FORM_ID = 'step-form';

export function StepLayout(props: {
  ctx: PageContext;
  step: StepId;
  draft: ReportDraft;
  title: string;
  errors: FieldError[];
  returnToSummary: boolean;
  /** Defaults to a urlencoded form posting to the step's own path. */
  form?: false;
  children?: unknown;
}): SafeHtml {
  const { ctx, step, draft } = props;
  const { t } = ctx;
  const previous = previousStep(step, draft);
  const { current, total } = stepNumber(step, draft);
  return (
    <Layout ctx={ctx} title={props.title} errors={props.errors}>
      <BackLink ctx={ctx} href={props.returnToSummary ? stepPath('oppsummering') : previous ? stepPath(previous) : '/'} />
      <p class="ds-paragraph mp-steps" data-size="sm">
        {t('journey.stepOf', { current, total })}
      </p>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {props.form === false ? (
        (props.children as SafeHtml)
      ) : (
        <form method="post" action={stepPath(step)} id={STEP_FORM_ID} novalidate>
          <CsrfField ctx={ctx} />
          {props.returnToSummary ? <input type="hidden" name="returnTo" value="oppsummering" /> : null}
          {props.children as SafeHtml}
          <div class="mp-actions">
            <SubmitButton label={props.returnToSummary ? t('journey.returnToSummary') : t('common.continue')} name="action" value="continue" />
          </div>
        </form>
      )}
    </Layout>
  );
}

export { Fragment };
