// The frame of a step's page: the header every step shares, the service the report goes to, the error
// summary, and the step's form with its "Continue".
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { ErrorSummary, BackLink, CsrfField, type FieldError } from '../../web/layout.tsx';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { SubmitButton } from '../../web/form-fields.tsx';
import type { ReportDraft } from '../../domain/report.ts';
import { previousStep, stepNumber, stepPath, type StepId } from './steps.ts';

/** The step's form, which the language switcher's buttons also submit. */
export const STEP_FORM_ID = 'step-form';

/** Until the recipient is chosen there is nothing to confirm; the summary names it in full. */
const STEPS_BEFORE_RECIPIENT: readonly StepId[] = ['hvem', 'meldeplikt', 'kommune', 'bydel', 'oppsummering'];

/**
 * Which service the report goes to, on every step after the choice, with the way to change it: a
 * reporter who typed "Sand" or a neighbouring town sees at once where the report is headed, and an
 * intermunicipal service is named with the municipality it serves.
 */
export function RecipientLine(props: { ctx: PageContext; draft: ReportDraft }): SafeHtml {
  const recipient = props.draft.recipient;
  if (!recipient) return <></>;
  const { t } = props.ctx;
  const place = recipient.bydelsnavn || recipient.kommunenavn;
  const named = recipient.serviceName.includes(place) || recipient.serviceName.includes(recipient.kommunenavn);
  return (
    <p class="ds-paragraph mp-recipient" data-size="sm">
      {named ? t('journey.recipient.to', { service: recipient.serviceName }) : t('journey.recipient.toFor', { service: recipient.serviceName, municipality: recipient.kommunenavn })}{' '}
      <a class="ds-link" href={`${stepPath('kommune')}?endre=1`}>
        {t('journey.recipient.change')}
      </a>
    </p>
  );
}

/**
 * The top of every step's page, the attachments and the summary included: the way back, how far the
 * reporter has come, and the step's title.
 */
export function StepHeader(props: { ctx: PageContext; step: StepId; draft: ReportDraft; title: string; backHref: string }): SafeHtml {
  const { t } = props.ctx;
  const { current, total } = stepNumber(props.step, props.draft);
  return (
    <>
      <BackLink ctx={props.ctx} href={props.backHref} />
      <p class="ds-paragraph mp-steps" data-size="sm">
        {t('journey.stepOf', { current, total })}
      </p>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
    </>
  );
}

export function StepLayout(props: {
  ctx: PageContext;
  step: StepId;
  draft: ReportDraft;
  title: string;
  errors: FieldError[];
  returnToSummary: boolean;
  children?: unknown;
}): SafeHtml {
  const { ctx, step, draft } = props;
  const { t } = ctx;
  const previous = previousStep(step, draft);
  return (
    <Layout ctx={ctx} title={props.title} errors={props.errors}>
      <StepHeader ctx={ctx} step={step} draft={draft} title={props.title} backHref={props.returnToSummary ? stepPath('oppsummering') : previous ? stepPath(previous) : '/'} />
      {STEPS_BEFORE_RECIPIENT.includes(step) ? null : <RecipientLine ctx={ctx} draft={draft} />}
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <form method="post" action={stepPath(step)} id={STEP_FORM_ID} novalidate>
        <CsrfField ctx={ctx} />
        {props.returnToSummary ? <input type="hidden" name="returnTo" value="oppsummering" /> : null}
        {props.children as SafeHtml}
        <div class="mp-actions">
          <SubmitButton label={props.returnToSummary ? t('journey.returnToSummary') : t('common.continue')} name="action" value="continue" />
        </div>
      </form>
    </Layout>
  );
}
