// The attachments (vedlegg): files are uploaded one at a time, each cleaned before it is kept, and
// listed with a button to remove it. A multipart form of its own, so it has no step form.
import { h, type SafeHtml } from '../../../web/jsx.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../../web/layout.tsx';
import { Layout, type PageContext } from '../../web/portal-layout.tsx';
import { SubmitButton } from '../../../web/form-fields.tsx';
import type { ReportDraft } from '../../../domain/report.ts';
import { formatFileSize } from '../../../web/intl-format.ts';
import type { UploadLimits } from '../../config.ts';
import { previousStep, stepPath } from '../steps.ts';
import { StepHeader } from '../step-layout.tsx';

export function VedleggPage(props: { ctx: PageContext; draft: ReportDraft; errors: FieldError[]; returnToSummary: boolean; limits: UploadLimits }): SafeHtml {
  const { ctx, draft } = props;
  const { t } = ctx;
  const previous = previousStep('vedlegg', draft);
  return (
    <Layout ctx={ctx} title={t('journey.vedlegg.title')} errors={props.errors}>
      <StepHeader ctx={ctx} step="vedlegg" draft={draft} title={t('journey.vedlegg.title')} backHref={props.returnToSummary ? stepPath('oppsummering') : previous ? stepPath(previous) : '/'} />
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
