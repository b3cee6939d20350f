// Pages of the journey that are not plain form steps: the login gate, attachments, check your
// answers, and the receipt.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { BackLink, CsrfField, ErrorSummary, type FieldError } from '../../web/layout.tsx';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { SubmitButton } from '../../web/form-fields.tsx';
import { isDutyTriggered, type AttachmentMeta, type Child, type Guardian, type ReportDraft } from '../../domain/report.ts';
import { formatCalendarDate, formatFileSize } from '../../web/intl-format.ts';
import { isStepComplete, previousStep, stepNumber, stepPath, type StepId } from './steps.ts';
import { RecipientLine } from './step-layout.tsx';
import type { ServiceContact } from '../registry/registry-queries.ts';
import type { UploadLimits } from '../config.ts';
import { PhoneLink } from '../../web/phone-link.tsx';
import { BarnevernvaktLine } from '../start/barnevernvakt.tsx';
import { categoryLabel } from '../../web/category-label.ts';

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

export function VedleggPage(props: { ctx: PageContext; draft: ReportDraft; errors: FieldError[]; returnToSummary: boolean; limits: UploadLimits }): SafeHtml {
  const { ctx, draft } = props;
  const { t } = ctx;
  const { current, total } = stepNumber('vedlegg', draft);
  const previous = previousStep('vedlegg', draft);
  return (
    <Layout ctx={ctx} title={t('journey.vedlegg.title')} errors={props.errors}>
      <BackLink ctx={ctx} href={props.returnToSummary ? stepPath('oppsummering') : previous ? stepPath(previous) : '/'} />
      <p class="ds-paragraph mp-steps" data-size="sm">
        {t('journey.stepOf', { current, total })}
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t('journey.vedlegg.title')}
      </h1>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <p class="ds-paragraph">{t('journey.vedlegg.intro')}</p>
      {/* "Continue" belongs to this form too (form="vedlegg-form"), so a file chosen but not yet
          uploaded goes with it: uploaded on the way, or the page says why not. */}
      <form method="post" action="/meld/vedlegg/last-opp" enctype="multipart/form-data" class="mp-card" id="vedlegg-form">
        <CsrfField ctx={ctx} />
        {props.returnToSummary ? <input type="hidden" name="returnTo" value="oppsummering" /> : null}
        {/* The browser's own file button speaks the browser's language ("Choose File", "No file
            chosen" on a Norwegian page). It stays the control (focusable, opened with Space or
            Enter, read by screen readers by our label) but is hidden from sight; our label, in the
            page's language, is the button a person sees and clicks. Without JavaScript the line
            under it says what to do next; with it, app.js shows the chosen file's name there. */}
        <div class="ds-field mp-file">
          <div class="mp-file__row">
            <input
              class="mp-file__input"
              type="file"
              id="file"
              name="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={`file-description${props.errors.length ? ' file-error' : ''}`}
              aria-invalid={props.errors.length ? 'true' : undefined}
            />
            <label class="ds-button mp-file__button" data-variant="secondary" for="file">
              {t('journey.vedlegg.file')}
            </label>
            <p class="ds-paragraph mp-file__chosen" data-size="sm" id="file-chosen" data-none={t('journey.vedlegg.chosenNone')} data-chosen={t('journey.vedlegg.chosen')}>
              {t('journey.vedlegg.chooseThenUpload')}
            </p>
          </div>
          {/* Said before the file is chosen: what leaves the reporter's device is not all of it. */}
          <div data-field="description" id="file-description">
            <p>{t('journey.vedlegg.fileDescription', { maxFiles: props.limits.maxFiles, maxTotal: props.limits.maxTotalBytes / 1024 / 1024 })}</p>
            <p>{t('journey.vedlegg.cleaningHint')}</p>
          </div>
          {props.errors.length ? (
            <div class="ds-validation-message" data-field="validation" id="file-error">
              {props.errors[0]!.message}
            </div>
          ) : null}
        </div>
        <SubmitButton label={t('journey.vedlegg.upload')} variant="secondary" name="action" value="upload" />
      </form>
      <h2 class="ds-heading" data-size="sm">
        {t('journey.vedlegg.uploaded')}
      </h2>
      {draft.attachments.length === 0 ? (
        <p class="ds-paragraph">{t('journey.vedlegg.none')}</p>
      ) : (
        <ul class="ds-list mp-list-plain">
          {draft.attachments.map((a) => (
            <li>
              <form method="post" action="/meld/vedlegg/fjern" class="mp-actions">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="id" value={a.id} />
                <span>
                  {a.fileName} ({formatFileSize(t.lang, a.size)})
                </span>
                <SubmitButton label={t('journey.vedlegg.remove', { name: a.fileName })} variant="tertiary" />
              </form>
            </li>
          ))}
        </ul>
      )}
      <div class="mp-actions">
        <SubmitButton label={props.returnToSummary ? t('journey.returnToSummary') : t('common.continue')} name="action" value="continue" form="vedlegg-form" />
      </div>
    </Layout>
  );
}

function Row(props: { label: string; value: string }): SafeHtml {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>{props.value}</td>
    </tr>
  );
}

function Section(props: { ctx: PageContext; heading: string; step: StepId; id: string; children?: unknown }): SafeHtml {
  const { t } = props.ctx;
  return (
    <section class="mp-card" aria-labelledby={props.id}>
      <div class="mp-actions">
        <h2 class="ds-heading" data-size="sm" id={props.id}>
          {props.heading}
        </h2>
        <a class="ds-link" href={`${stepPath(props.step)}?endre=1`}>
          {t('journey.oppsummering.changeLink')}
          <span class="ds-sr-only mp-visually-hidden"> {props.heading}</span>
        </a>
      </div>
      <table class="mp-summary">
        <tbody>{props.children as SafeHtml}</tbody>
      </table>
    </section>
  );
}

function childIdentification(t: PageContext['t'], c: Child): string {
  switch (c.identification) {
    case 'fnr':
      return t('journey.oppsummering.fnrLabel', { value: c.fnr });
    case 'birthDate':
      return t('journey.oppsummering.birthDateLabel', { value: formatCalendarDate(t.lang, c.birthDate, 'long') });
    case 'estimatedAge':
      return t('journey.oppsummering.estimatedAgeLabel', { value: c.estimatedAge });
    case 'unborn':
      return c.dueDate ? `${t('journey.oppsummering.unbornLabel')}, ${t('journey.oppsummering.dueDateLabel', { value: formatCalendarDate(t.lang, c.dueDate, 'long') })}` : t('journey.oppsummering.unbornLabel');
  }
}

function addressText(t: PageContext['t'], a: { line1: string; postcode: string; city: string }): string {
  const text = [a.line1, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return text || t('common.notGiven');
}

function informedText(t: PageContext['t'], x: Child | Guardian): string {
  return x.informed === 'yes' ? t('journey.oppsummering.informedYes') : t('journey.oppsummering.informedNo', { reason: x.notInformedReason });
}

export function OppsummeringPage(props: { ctx: PageContext; draft: ReportDraft; errors: FieldError[]; personName: string }): SafeHtml {
  const { ctx, draft } = props;
  const { t } = ctx;
  const c = draft.concern!;
  const given = (value: string) => value || t('common.notGiven');
  const { current, total } = stepNumber('oppsummering', draft);
  return (
    <Layout ctx={ctx} title={t('journey.oppsummering.title')} errors={props.errors}>
      <BackLink ctx={ctx} href={stepPath(previousStep('oppsummering', draft) ?? 'vedlegg')} />
      <p class="ds-paragraph mp-steps" data-size="sm">
        {t('journey.stepOf', { current, total })}
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t('journey.oppsummering.title')}
      </h1>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <p class="ds-paragraph">{t('journey.oppsummering.intro')}</p>
      <Section ctx={ctx} heading={t('journey.oppsummering.recipient')} step="kommune" id="sum-recipient">
        <Row label={t('journey.oppsummering.recipient')} value={`${draft.recipient!.serviceName} (${draft.recipient!.kommunenavn})`} />
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.reporterType')} step="hvem" id="sum-type">
        <Row label={t('journey.oppsummering.reporterType')} value={t(`journey.summaryValues.${draft.reporterType}`)} />
        {draft.reporterType === 'professional' && draft.duty ? (
          <Row
            label={t('journey.oppsummering.duty')}
            value={
              isDutyTriggered(draft.duty)
                ? t('journey.oppsummering.dutyTriggered', { grounds: draft.duty.grounds.map((g) => t(`journey.meldeplikt.grounds.${g}`)).join('; ') })
                : t('journey.oppsummering.dutyNotTriggered')
            }
          />
        ) : null}
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.children')} step="barn" id="sum-children">
        {draft.children.map((child, i) => (
          <>
            <Row label={`${t('journey.barn.childHeading', { number: i + 1 })}: ${t('journey.labels.name')}`} value={child.name || t(child.identification === 'unborn' ? 'journey.oppsummering.unbornLabel' : 'journey.oppsummering.nameUnknown')} />
            <Row label={t('journey.oppsummering.identification')} value={childIdentification(t, child)} />
            <Row label={t('journey.labels.address')} value={addressText(t, child.address)} />
            {child.identification === 'unborn' ? null : <Row label={t('journey.labels.informed')} value={informedText(t, child)} />}
          </>
        ))}
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.guardians')} step="foresatte" id="sum-guardians">
        {draft.guardians.length === 0 ? (
          <Row label={t('journey.oppsummering.guardians')} value={t('journey.foresatte.noneGiven')} />
        ) : (
          draft.guardians.map((g, i) => (
            <>
              <Row label={`${t('journey.foresatte.guardianHeading', { number: i + 1 })}: ${t('journey.labels.name')}`} value={g.name} />
              <Row label={t('journey.labels.phone')} value={given(g.phone)} />
              <Row label={t('journey.labels.informed')} value={informedText(t, g)} />
            </>
          ))
        )}
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.concern')} step="bekymring" id="sum-concern">
        <Row label={t('journey.labels.categories')} value={c.categories.length ? c.categories.map((code) => categoryLabel(t, code, draft.reporterType)).join('\n') : t('journey.oppsummering.noCategories')} />
        <Row label={t('journey.labels.urgency')} value={t(`journey.summaryValues.${c.urgency}`)} />
        <Row label={t('journey.labels.whatHappened')} value={c.whatHappened} />
        <Row label={t('journey.labels.history')} value={given(c.history)} />
        <Row label={t('journey.labels.otherViews')} value={given(c.otherViews)} />
        <Row
          label={t('journey.labels.interpreter')}
          value={c.interpreterNeed === 'yes' ? t('journey.summaryValues.interpreterYes', { language: c.interpreterLanguage }) : t(c.interpreterNeed === 'no' ? 'journey.summaryValues.interpreterNo' : 'journey.summaryValues.interpreterUnknown')}
        />
        <Row label={t('journey.labels.otherAgencies')} value={given(c.otherAgencies)} />
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.reporter')} step="melder" id="sum-reporter">
        <Row label={t('journey.labels.name')} value={props.personName} />
        {draft.reporterType === 'private' && draft.privateReporter ? (
          <>
            <Row label={t('journey.labels.phone')} value={given(draft.privateReporter.phone)} />
            <Row label={t('journey.labels.address')} value={addressText(t, draft.privateReporter.address)} />
            <Row label={t('journey.labels.relation')} value={draft.privateReporter.relationToChild} />
            <Row label={t('journey.labels.keepIdentity')} value={draft.privateReporter.keepIdentityFromFamily ? t('journey.oppsummering.keepIdentityYes') : t('journey.oppsummering.keepIdentityNo')} />
          </>
        ) : null}
        {draft.reporterType === 'professional' && draft.professionalReporter ? (
          <>
            <Row label={t('journey.labels.role')} value={draft.professionalReporter.role} />
            <Row label={t('journey.labels.employer')} value={`${draft.professionalReporter.employerName}${draft.professionalReporter.employerOrgnr ? ` (${draft.professionalReporter.employerOrgnr})` : ''}`} />
            <Row label={t('journey.labels.address')} value={addressText(t, draft.professionalReporter.employerAddress)} />
            <Row label={t('journey.labels.phone')} value={draft.professionalReporter.workPhone} />
            <Row label={t('journey.labels.email')} value={draft.professionalReporter.email} />
            {draft.professionalReporter.consent ? (
              <Row
                label={t('journey.labels.consent')}
                value={`${formatCalendarDate(t.lang, draft.professionalReporter.consent.consentDate, 'long')}: ${draft.professionalReporter.consent.howRecorded}`}
              />
            ) : null}
          </>
        ) : null}
      </Section>
      <Section ctx={ctx} heading={t('journey.oppsummering.attachments')} step="vedlegg" id="sum-attachments">
        <Row
          label={t('journey.oppsummering.attachments')}
          value={draft.attachments.length ? draft.attachments.map((a: AttachmentMeta) => `${a.fileName} (${formatFileSize(t.lang, a.size)})`).join('\n') : t('journey.vedlegg.none')}
        />
      </Section>
      <section aria-labelledby="submit-heading" class="mp-stack">
        <h2 class="ds-heading" data-size="md" id="submit-heading">
          {t('journey.oppsummering.submitHeading')}
        </h2>
        <p class="ds-paragraph">{t('journey.oppsummering.submitBody', { service: draft.recipient!.serviceName })}</p>
        <form method="post" action="/meld/send">
          <CsrfField ctx={ctx} />
          <SubmitButton label={t('journey.oppsummering.submit')} />
        </form>
      </section>
      <form method="post" action="/meld/avbryt">
        <CsrfField ctx={ctx} />
        <SubmitButton label={t('journey.cancel')} variant="tertiary" />
      </form>
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

export { Fragment };

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
