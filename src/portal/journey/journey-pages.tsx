// Pages of the journey that are not its steps: the login gate before the first step that holds
// personal data, the question before an unsent report is thrown away and the page after it, and the
// page that says the service cannot receive now.
import { h, type SafeHtml } from '../../web/jsx.ts';
import { BackLink, CsrfField } from '../../web/layout.tsx';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import type { ReportDraft } from '../../domain/report.ts';
import { isStepComplete, previousStep, stepPath } from './steps.ts';
import { RecipientLine } from './step-layout.tsx';
import type { ServiceContact } from '../registry/registry-queries.ts';
import { PhoneLink } from '../../web/phone-link.tsx';
import { BarnevernvaktLine } from '../start/barnevernvakt.tsx';

export function LoginGatePage(props: { ctx: PageContext; returnTo: string; draft?: ReportDraft }): SafeHtml {
  const { t } = props.ctx;
  const draft = props.draft;
  // Back to the step answered last before the login (where the child lives), or the first step.
  const previous = draft ? previousStep('barn', draft) : undefined;
  return (
    <Layout ctx={props.ctx} title={t('journey.login.title')}>
      <BackLink ctx={props.ctx} href={previous && draft && isStepComplete(previous, draft) ? stepPath(previous) : '/meld/hvem'} />
      <h1 class="ds-heading" data-size="lg">
        {t('journey.login.title')}
      </h1>
      {draft?.recipient ? <RecipientLine ctx={props.ctx} draft={draft} /> : null}
      <p class="ds-paragraph">{t('journey.login.body')}</p>
      <p>
        <a class="ds-button" data-variant="primary" href={`/auth/login?returnTo=${encodeURIComponent(props.returnTo)}`}>
          {t('journey.login.button')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * Asks before an unsent report is thrown away (by "Cancel and delete", or by logging out): what
 * will be lost, a button that does it, and a link back to the report that is the easy choice.
 */
export function ConfirmDiscardPage(props: { ctx: PageContext; kind: 'cancel' | 'logout'; action: string; backHref: string }): SafeHtml {
  const { ctx, kind } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`journey.discard.${kind}.title`)}>
      <h1 class="ds-heading" data-size="lg">
        {t(`journey.discard.${kind}.title`)}
      </h1>
      <p class="ds-paragraph">{t(`journey.discard.${kind}.body`)}</p>
      <div class="mp-actions">
        <a class="ds-button" data-variant="primary" href={props.backHref}>
          {t('journey.discard.back')}
        </a>
        <form method="post" action={props.action}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="bekreft" value="ja" />
          <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
            {t(`journey.discard.${kind}.confirm`)}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** After "Cancel and delete": said, with the way to start again. */
export function DraftDeletedPage(props: { ctx: PageContext }): SafeHtml {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('journey.discard.deleted.title')}>
      <div class="ds-alert" data-color="success" role="status">
        <h1 class="ds-heading" data-size="md">
          {t('journey.discard.deleted.title')}
        </h1>
        <p class="ds-paragraph">{t('journey.discard.deleted.body')}</p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href="/meld">
          {t('journey.discard.deleted.startNew')}
        </a>
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t('common.errors.toFrontPage')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The receiving service cannot be sent to now (no valid certificate). The draft stays; the reporter
 * learns how to reach the service another way, and that trying again later is safe.
 */
export function RecipientUnavailablePage(props: { ctx: PageContext; service: ServiceContact | undefined }): SafeHtml {
  const { ctx, service } = props;
  const { t } = ctx;
  const name = service?.name ?? t('journey.recipientUnavailable.theService');
  return (
    <Layout ctx={ctx} title={t('journey.recipientUnavailable.title')}>
      <h1 class="ds-heading" data-size="lg">
        {t('journey.recipientUnavailable.title')}
      </h1>
      <p class="ds-paragraph">{t('journey.recipientUnavailable.body', { service: name })}</p>
      <p class="ds-paragraph">{t('journey.recipientUnavailable.saved')}</p>
      {service ? (
        <ul class="ds-list">
          <li>
            {t('journey.recipientUnavailable.daytime')}: <PhoneLink phone={service.daytimePhone} />
          </li>
          <li>
            <BarnevernvaktLine ctx={ctx} service={service} />
          </li>
          <li>{t('journey.recipientUnavailable.danger')}</li>
        </ul>
      ) : (
        <p class="ds-paragraph">{t('common.urgent')}</p>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/meld/oppsummering">
          {t('journey.recipientUnavailable.back')}
        </a>
      </p>
    </Layout>
  );
}
