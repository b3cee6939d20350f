// Check your answers (oppsummering): every answer in one place, each section with a link to change
// it (and come straight back), then "Send" to the service named, or "Cancel and delete".
import { h, Fragment, type SafeHtml } from '../../../web/jsx.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../../web/layout.tsx';
import { Layout, type PageContext } from '../../web/portal-layout.tsx';
import { SubmitButton } from '../../../web/form-fields.tsx';
import { isDutyTriggered, type AttachmentMeta, type Child, type Guardian, type ReportDraft } from '../../../domain/report.ts';
import { formatCalendarDate, formatFileSize } from '../../../web/intl-format.ts';
import { categoryLabel } from '../../../web/category-label.ts';
import { previousStep, stepPath, type StepId } from '../steps.ts';
import { StepHeader } from '../step-layout.tsx';

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
  return (
    <Layout ctx={ctx} title={t('journey.oppsummering.title')} errors={props.errors}>
      <StepHeader ctx={ctx} step="oppsummering" draft={draft} title={t('journey.oppsummering.title')} backHref={stepPath(previousStep('oppsummering', draft) ?? 'vedlegg')} />
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
