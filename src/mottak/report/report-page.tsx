// One report as the caseworker reads it (decision 016): urgency and the child first, the concern in
// the reporter's own words, the guardians, the reporter, then files and details; names rather than
// codes, dates in words. Beside it the case's work: overview, assignment, earlier reports, notes and
// feedback. The raw Fiks JSON is one link away, on a page of its own.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { ErrorSummary } from '../../web/layout.tsx';
import { ChoiceGroup, SelectField, SubmitButton, TextField } from '../../web/form-fields.tsx';
import { REPORTER_CODES, findContentCode } from '../../domain/ssb-codes.ts';
import { MottakLayout, type MottakContext } from '../web/mottak-layout.tsx';
import { describeOpenDeadline, describeReviewDeadline, formatDate, formatDateTime } from '../web/format.ts';
import { conclusionLabel } from '../web/code-labels.ts';
import type { FoundReport } from './report-queries.ts';
import type { PageState, ReportPageData } from './report-page-data.ts';
import { KeyValueTable, Section, given } from './report-parts.tsx';
import { Children, Concern, Guardians, Reporter } from './report-content.tsx';
import { Files } from './report-files.tsx';

function Overview(props: { ctx: MottakContext; data: ReportPageData; now: Date }): SafeHtml {
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

// The standard text is the portal's own (the reporter reads exactly this on Mine meldinger): the API
// carries only the code.
function FeedbackSection(props: { ctx: MottakContext; data: ReportPageData; now: Date }): SafeHtml {
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

function Investigation(props: { ctx: MottakContext; row: FoundReport; state: PageState; now: Date }): SafeHtml | null {
  const { t } = props.ctx;
  const { row } = props;
  const errors = props.state.errors ?? [];
  if (!row.investigation_deadline) return null;
  const open = !row.investigation_outcome;
  return (
    <>
      <h3 class="ds-heading" data-size="xs">
        {t('mottak.report.investigation.heading')}
      </h3>
      <p class="ds-paragraph">
        {t('mottak.report.investigation.deadline')}: {open ? describeOpenDeadline(t, row.investigation_deadline, props.now).text : formatDate(t.lang, row.investigation_deadline)}
      </p>
      {row.investigation_extended_reason ? <p class="ds-paragraph">{t('mottak.report.investigation.extended', { reason: row.investigation_extended_reason })}</p> : null}
      {row.investigation_outcome && row.investigation_ended_at ? (
        <p class="ds-paragraph">{t('mottak.report.investigation.ended', { date: formatDate(t.lang, row.investigation_ended_at), outcome: t(`mottak.report.investigation.outcomes.${row.investigation_outcome}`) })}</p>
      ) : null}
      {open ? (
        <>
          {row.investigation_extended_reason ? null : (
            <form method="post" action={`/meldinger/${row.id}/undersokelse/utvid`} class="mp-card">
              <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
              <TextField
                id="extendReason"
                name="extendReason"
                label={t('mottak.report.investigation.extendReason')}
                description={t('mottak.report.investigation.extendReasonHint')}
                value={props.state.values?.extendReason ?? ''}
                errors={errors}
                multiline
                rows={3}
              />
              <SubmitButton label={t('mottak.report.investigation.extendSubmit')} variant="secondary" />
            </form>
          )}
          <form method="post" action={`/meldinger/${row.id}/undersokelse/avslutt`} class="mp-card">
            <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
            <ChoiceGroup
              id="outcome"
              name="outcome"
              type="radio"
              legend={t('mottak.report.investigation.outcome')}
              choices={(['henlagt', 'tiltak'] as const).map((o) => ({ value: o, label: t(`mottak.report.investigation.outcomes.${o}`) }))}
              selected={[props.state.values?.outcome ?? '']}
              errors={errors}
            />
            <SubmitButton label={t('mottak.report.investigation.endSubmit')} variant="secondary" />
          </form>
        </>
      ) : null}
    </>
  );
}

function Conclusion(props: { ctx: MottakContext; row: FoundReport; state: PageState; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row } = props;
  if (!row.conclusion_code) {
    return (
      <Section id="conclusion-heading" heading={t('mottak.report.conclusion.heading')}>
        <p class="ds-paragraph">{t('mottak.report.conclusion.none')}</p>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`/meldinger/${row.id}/konklusjon`}>
            {t('mottak.report.conclusion.start')}
          </a>
        </p>
      </Section>
    );
  }
  const reporter = REPORTER_CODES.find((c) => c.code === row.reporter_code);
  return (
    <Section id="conclusion-heading" heading={t('mottak.report.conclusion.heading')}>
      <KeyValueTable
        rows={given([
          [t('mottak.report.conclusion.code'), conclusionLabel(t, row.conclusion_code)],
          [t('mottak.report.conclusion.reason'), row.conclusion_reason ?? t('mottak.report.conclusion.reasonNone')],
          [t('mottak.report.conclusion.obviouslyGroundless'), row.conclusion_obviously_groundless ? t('mottak.report.conclusion.obviouslyGroundlessYes') : null],
          [t('mottak.report.conclusion.at'), row.concluded_at ? formatDateTime(t.lang, row.concluded_at) : null],
          [t('mottak.report.conclusion.by'), row.concludedByName],
          [t('mottak.report.conclusion.reporterCode'), `${row.reporter_code ?? ''} ${reporter?.text ?? ''}${row.reporter_code_detail ? ` – ${row.reporter_code_detail}` : ''}`.trim()],
          [t('mottak.report.conclusion.contentCodes'), row.content_codes.map((c) => `${c} ${findContentCode(c)?.text ?? ''}`).join('\n')],
        ])}
      />
      <Investigation ctx={props.ctx} row={row} state={props.state} now={props.now} />
    </Section>
  );
}

function Assignment(props: { ctx: MottakContext; data: ReportPageData; state: PageState }): SafeHtml {
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

function EarlierReports(props: { t: Translate; data: ReportPageData }): SafeHtml {
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

function Notes(props: { ctx: MottakContext; data: ReportPageData; state: PageState }): SafeHtml {
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

function assignmentText(t: Translate, row: FoundReport, me: string | undefined): string {
  if (!row.assignee_id) return t('mottak.report.assign.confirmedNone');
  return row.assignee_id === me ? t('mottak.report.assign.confirmedMe') : t('mottak.report.assign.confirmed', { name: row.assigneeName ?? '' });
}

export function ReportPage(props: { ctx: MottakContext; data: ReportPageData; state: PageState; now: Date }): SafeHtml {
  const { ctx, data, state } = props;
  const { t } = ctx;
  const { row, view } = data;
  const errors = state.errors ?? [];
  const notice = state.notice ?? (state.assignmentConfirmed ? { kind: 'success' as const, text: assignmentText(t, row, ctx.caseworker?.caseworkerId) } : undefined);
  return (
    <MottakLayout ctx={ctx} title={t('mottak.report.title', { reference: row.reference })} errors={errors}>
      <p class="mp-back">
        <a class="ds-link" href="/innboks">
          {t('common.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t('mottak.report.title', { reference: row.reference })}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <div class="ds-alert" data-color={notice.kind} role={notice.kind === 'danger' ? 'alert' : 'status'}>
          <p class="ds-paragraph">{notice.text}</p>
        </div>
      ) : null}
      {row.urgent ? (
        <div class="ds-alert" data-color="danger">
          <p class="ds-paragraph">
            <strong>{t('mottak.report.urgentBanner')}</strong>
          </p>
        </div>
      ) : null}
      <div class="mk-columns">
        <Children t={t} views={view.children} />
        <Overview ctx={ctx} data={data} now={props.now} />
      </div>
      <div class="mk-columns">
        <div>
          <Concern t={t} row={row} view={view} />
          <Guardians t={t} guardians={view.guardians} />
          <Reporter t={t} reporter={view.reporter} />
          <Files ctx={ctx} data={data} />
          <Conclusion ctx={ctx} row={row} state={state} now={props.now} />
        </div>
        <div>
          <Assignment ctx={ctx} data={data} state={state} />
          <EarlierReports t={t} data={data} />
          <Notes ctx={ctx} data={data} state={state} />
          <FeedbackSection ctx={ctx} data={data} now={props.now} />
        </div>
      </div>
    </MottakLayout>
  );
}
