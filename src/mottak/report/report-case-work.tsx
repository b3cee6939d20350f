// The case's work beside the report (decision 016): a short overview, who has the case, earlier
// reports about the same children, notes, and the feedback the service owes the reporter
// (decision 009).
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { SelectField, SubmitButton, TextField } from '../../web/form-fields.tsx';
import type { MottakContext } from '../web/mottak-layout.tsx';
import { describeOpenDeadline, describeReviewDeadline, formatDate, formatDateTime } from '../web/format.ts';
import type { PageState, ReportPageData } from './report-page-data.ts';
import { KeyValueTable, Section, given } from './report-parts.tsx';

export function Overview(props: { ctx: MottakContext; data: ReportPageData; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row, view } = props.data;
  const deadline = describeReviewDeadline(t, row.review_deadline, props.now, row.concluded_at);
  return (
    <Section id="summary-heading" heading={t('mottak.report.summary')}>
      <KeyValueTable
        rows={given([
          [t('mottak.report.received'), formatDateTime(t.lang, row.sent_at)],
          [t('mottak.report.reviewDeadline'), deadline.state === 'overdue' ? <strong>{deadline.text}</strong> : deadline.text],
          [t('mottak.report.urgency'), row.urgent ? <strong>{t('mottak.report.urgentYes')}</strong> : t('mottak.report.urgentNo')],
          [t('mottak.report.status'), t(`mottak.status.${row.status}`)],
          [t('mottak.report.assignee'), row.assigneeName ?? t('mottak.inbox.unassigned')],
          [t('mottak.report.municipality'), view.municipality],
          [t('mottak.report.district'), view.district],
          [t('mottak.report.reporterType'), t(`mottak.report.reporterTypes.${row.reporter_type}`)],
        ])}
      />
    </Section>
  );
}

export function Assignment(props: { ctx: MottakContext; data: ReportPageData; state: PageState }): SafeHtml {
  const { ctx, data } = props;
  const { t } = ctx;
  const { row } = data;
  return (
    <Section id="assign-heading" heading={t('mottak.report.assign.heading')}>
      <form method="post" action={`/meldinger/${row.id}/tildeling`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <SelectField
          id="assignee"
          name="assignee"
          label={t('mottak.report.assign.label')}
          selected={props.state.values?.assignee ?? row.assignee_id ?? ''}
          options={[{ value: '', label: t('mottak.report.assign.none') }, ...data.caseworkers.map((c) => ({ value: c.id, label: c.name }))]}
          errors={props.state.errors}
        />
        <div class="mp-actions">
          <SubmitButton label={t('mottak.report.assign.submit')} variant="secondary" />
          {row.assignee_id !== ctx.caseworker?.caseworkerId ? <SubmitButton label={t('mottak.report.assign.toMe')} name="meg" value="ja" variant="tertiary" /> : null}
        </div>
      </form>
    </Section>
  );
}

export function EarlierReports(props: { t: Translate; data: ReportPageData }): SafeHtml {
  const { t, data } = props;
  return (
    <Section id="earlier-heading" heading={t('mottak.report.earlier')}>
      {data.row.child_fnrs.length === 0 ? (
        <p class="ds-paragraph" data-size="sm">
          {t('mottak.report.earlierNoFnr')}
        </p>
      ) : data.earlier.length === 0 ? (
        <p class="ds-paragraph" data-size="sm">
          {t('mottak.report.earlierNone')}
        </p>
      ) : (
        <ul class="ds-list">
          {data.earlier.map((e) => (
            <li>
              <a class="ds-link" href={`/meldinger/${e.id}`}>
                {e.reference}
              </a>{' '}
              – {formatDate(t.lang, e.received_at)}, {t(`mottak.status.${e.status}`)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function Notes(props: { ctx: MottakContext; data: ReportPageData; state: PageState }): SafeHtml {
  const { ctx, data } = props;
  const { t } = ctx;
  return (
    <Section id="notes-heading" heading={t('mottak.report.notes.heading')}>
      {data.notes.length === 0 ? <p class="ds-paragraph">{t('mottak.report.notes.none')}</p> : null}
      {data.notes.map((n) => (
        <div class="mp-card">
          <p class="ds-paragraph mk-document">{n.body}</p>
          <p class="ds-paragraph" data-size="sm">
            {t('mottak.report.notes.by', { author: n.author, time: formatDateTime(t.lang, n.created_at) })}
          </p>
        </div>
      ))}
      <form method="post" action={`/meldinger/${data.row.id}/notater`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField id="note" name="note" label={t('mottak.report.notes.label')} value={props.state.values?.note ?? ''} errors={props.state.errors} multiline rows={4} />
        <SubmitButton label={t('mottak.report.notes.submit')} variant="secondary" />
      </form>
    </Section>
  );
}

// The standard text is the portal's own (the reporter reads exactly this on Mine meldinger): the API
// carries only the code.
export function FeedbackSection(props: { ctx: MottakContext; data: ReportPageData; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row, feedback } = props.data;
  return (
    <Section id="feedback-heading" heading={t('mottak.report.feedback.heading')}>
      <p class="ds-paragraph" data-size="sm">
        {t('mottak.report.feedback.intro')}
      </p>
      {feedback.map((f) => {
        const due = describeOpenDeadline(t, f.due_date, props.now);
        return (
          <div class="mp-card">
            <h3 class="ds-heading" data-size="xs">
              {t(`mottak.report.feedback.types.${f.type}`)}
            </h3>
            <p class="ds-paragraph" data-size="sm">
              {f.sent_at ? t('mottak.report.feedback.sentAt', { time: formatDateTime(t.lang, f.sent_at) }) : `${t('mottak.report.feedback.due')}: ${due.text}`}
            </p>
            {f.sent_at ? null : (
              <form method="post" action={`/meldinger/${row.id}/tilbakemelding`}>
                <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
                <input type="hidden" name="type" value={f.type} />
                <p class="ds-paragraph" data-size="sm">
                  {t('mottak.report.feedback.standardText')}: «{t(`myReports.feedback.types.${f.type}`, { service: props.ctx.caseworker?.serviceName ?? '' })}»
                </p>
                <SubmitButton label={t('mottak.report.feedback.confirm')} variant="secondary" />
              </form>
            )}
          </div>
        );
      })}
    </Section>
  );
}
