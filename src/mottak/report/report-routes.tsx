// One report: everything the reporter sent, its files, earlier reports about the same child, notes,
// assignment, the conclusion and the investigation's deadline, and feedback to the reporter. Every
// view, download and export is written to the audit log in the same transaction that reads it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { ErrorSummary, type FieldError } from '../../web/layout.tsx';
import { ChoiceGroup, SelectField, SubmitButton, TextField } from '../../web/form-fields.tsx';
import { CONCLUSION_CODES, REPORTER_CODES, findContentCode } from '../../domain/ssb-codes.ts';
import { MottakLayout, mottakContext, mottakTranslator, type MottakContext } from '../web/mottak-layout.tsx';
import { describeOpenDeadline, describeReviewDeadline, formatDate, formatDateTime } from '../web/format.ts';
import { formatFileSize } from '../../web/intl-format.ts';
import { actorOf, asCaseworker, field, reportIdParam, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { listServiceCaseworkers } from '../inbox/inbox-queries.ts';
import { FiksDocumentView } from './fiks-document-view.tsx';
import {
  addNote,
  assignReport,
  audit,
  endInvestigation,
  extendInvestigation,
  findReport,
  findReportFile,
  listEarlierReports,
  listFeedback,
  listNotes,
  listReportFiles,
  markFeedbackSent,
  markOpened,
  type FoundReport,
} from './report-queries.ts';
import type { FeedbackType } from '../db/schema.ts';
import type { MottakDb } from '../db/mottak-database.ts';
import { ApiError } from '../receiver/delivery-client.ts';

const MAX_NOTE_LENGTH = 10_000;
const FEEDBACK_TYPES: readonly FeedbackType[] = ['mottatt', 'undersokelse-apnet', 'henlagt', 'undersokelse-henlagt', 'undersokelse-tiltak'];

interface PageState {
  errors?: FieldError[];
  values?: Record<string, string>;
  notice?: { kind: 'success' | 'danger'; text: string };
  status?: number;
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

async function loadPageData(app: FastifyInstance, request: IdRequest, id: string, options: { audited: boolean }) {
  const cw = caseworkerOf(request);
  return asCaseworker(app, request, async (trx) => {
    const row = await findReport(trx, cw.serviceId, id);
    if (!row) return undefined;
    if (options.audited) {
      await markOpened(trx, cw.serviceId, row);
      await audit(trx, actorOf(app, request), 'report.viewed', id);
    }
    return {
      row: options.audited && row.status === 'ny' ? { ...row, status: 'under_behandling' as const } : row,
      files: await listReportFiles(trx, cw.serviceId, id),
      earlier: await listEarlierReports(trx, cw.serviceId, row),
      notes: await listNotes(trx, cw.serviceId, id),
      feedback: await listFeedback(trx, cw.serviceId, id),
      caseworkers: await listServiceCaseworkers(trx, cw.serviceId),
    };
  });
}

type PageData = NonNullable<Awaited<ReturnType<typeof loadPageData>>>;

/** Label and value, one row each, as the portal's summary pages show them. */
function KeyValueTable(props: { rows: [string, SafeHtml | string][] }): SafeHtml {
  return (
    <table class="mp-summary">
      <tbody>
        {props.rows.map(([k, v]) => (
          <tr>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryTable(props: { ctx: MottakContext; row: FoundReport; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row } = props;
  const deadline = describeReviewDeadline(t, row.review_deadline, props.now, row.concluded_at);
  const rows: [string, SafeHtml | string][] = [
    [t('mottak.report.received'), formatDateTime(t.lang, row.sent_at)],
    [t('mottak.report.reviewDeadline'), deadline.state === 'overdue' ? <strong>{deadline.text}</strong> : deadline.text],
    [t('mottak.report.urgency'), row.urgent ? <strong>{t('mottak.report.urgentYes')}</strong> : t('mottak.report.urgentNo')],
    [t('mottak.report.reporterType'), t(`mottak.report.reporterTypes.${row.reporter_type}`)],
    [t('mottak.report.municipality'), [row.kommunenummer, row.bydelsnavn].filter(Boolean).join(', ')],
    [t('mottak.report.categories'), row.categories.map((c) => `${c} ${findContentCode(c)?.text ?? ''}`).join('\n') || '–'],
    [t('mottak.report.status'), t(`mottak.status.${row.status}`)],
    [t('mottak.report.signed'), row.signed_at ? formatDateTime(t.lang, row.signed_at) : '–'],
  ];
  return <KeyValueTable rows={rows} />;
}

// The standard text is the portal's own (the reporter reads exactly this on Mine meldinger): the API
// carries only the code.
function FeedbackSection(props: { ctx: MottakContext; data: PageData; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row, feedback } = props.data;
  return (
    <section aria-labelledby="feedback-heading">
      <h2 class="ds-heading" data-size="sm" id="feedback-heading">
        {t('mottak.report.feedback.heading')}
      </h2>
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
    </section>
  );
}

function ConclusionSection(props: { ctx: MottakContext; data: PageData; state: PageState; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row } = props.data;
  const errors = props.state.errors ?? [];
  if (!row.conclusion_code) {
    return (
      <section aria-labelledby="conclusion-heading">
        <h2 class="ds-heading" data-size="sm" id="conclusion-heading">
          {t('mottak.report.conclusion.heading')}
        </h2>
        <p class="ds-paragraph">{t('mottak.report.conclusion.none')}</p>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`/meldinger/${row.id}/konklusjon`}>
            {t('mottak.report.conclusion.start')}
          </a>
        </p>
      </section>
    );
  }
  const code = CONCLUSION_CODES.find((c) => c.code === row.conclusion_code);
  const reporter = REPORTER_CODES.find((c) => c.code === row.reporter_code);
  const details: [string, string][] = [
    [t('mottak.report.conclusion.code'), `${row.conclusion_code} ${code?.text ?? ''}`],
    [t('mottak.report.conclusion.reason'), row.conclusion_reason ?? t('mottak.report.conclusion.reasonNone')],
    ...(row.conclusion_obviously_groundless ? [[t('mottak.report.conclusion.obviouslyGroundless'), t('mottak.report.conclusion.obviouslyGroundlessYes')] as [string, string]] : []),
    [t('mottak.report.conclusion.at'), row.concluded_at ? formatDateTime(t.lang, row.concluded_at) : '–'],
    [t('mottak.report.conclusion.by'), row.concludedByName ?? '–'],
    [t('mottak.report.conclusion.reporterCode'), `${row.reporter_code ?? ''} ${reporter?.text ?? ''}${row.reporter_code_detail ? ` – ${row.reporter_code_detail}` : ''}`],
    [t('mottak.report.conclusion.contentCodes'), row.content_codes.map((c) => `${c} ${findContentCode(c)?.text ?? ''}`).join('\n')],
  ];
  const investigationOpen = row.investigation_deadline && !row.investigation_outcome;
  return (
    <section aria-labelledby="conclusion-heading">
      <h2 class="ds-heading" data-size="sm" id="conclusion-heading">
        {t('mottak.report.conclusion.heading')}
      </h2>
      <KeyValueTable rows={details} />
      {row.investigation_deadline ? (
        <>
          <h3 class="ds-heading" data-size="xs">
            {t('mottak.report.investigation.heading')}
          </h3>
          <p class="ds-paragraph">
            {t('mottak.report.investigation.deadline')}: {investigationOpen ? describeOpenDeadline(t, row.investigation_deadline, props.now).text : formatDate(t.lang, row.investigation_deadline)}
          </p>
          {row.investigation_extended_reason ? <p class="ds-paragraph">{t('mottak.report.investigation.extended', { reason: row.investigation_extended_reason })}</p> : null}
          {row.investigation_outcome && row.investigation_ended_at ? (
            <p class="ds-paragraph">
              {t('mottak.report.investigation.ended', { date: formatDate(t.lang, row.investigation_ended_at), outcome: t(`mottak.report.investigation.outcomes.${row.investigation_outcome}`) })}
            </p>
          ) : null}
          {investigationOpen ? (
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
      ) : null}
    </section>
  );
}

function ReportPage(props: { ctx: MottakContext; data: PageData; state: PageState; now: Date }): SafeHtml {
  const { ctx, data, state } = props;
  const { t } = ctx;
  const { row } = data;
  const cw = ctx.caseworker!;
  const errors = state.errors ?? [];
  return (
    <MottakLayout ctx={ctx} title={t('mottak.report.title', { reference: row.reference })} errors={errors}>
      <p class="mp-back">
        <a class="ds-link" href="/innboks">
          {t('common.back')}
        </a>
      </p>
      {state.notice ? (
        <div class="ds-alert" data-color={state.notice.kind} role={state.notice.kind === 'danger' ? 'alert' : 'status'}>
          <p class="ds-paragraph">{state.notice.text}</p>
        </div>
      ) : null}
      <h1 class="ds-heading" data-size="lg">
        {t('mottak.report.title', { reference: row.reference })}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <div class="mk-columns">
        <div>
          <section aria-labelledby="summary-heading">
            <h2 class="ds-heading" data-size="sm" id="summary-heading">
              {t('mottak.report.summary')}
            </h2>
            <SummaryTable ctx={ctx} row={row} now={props.now} />
          </section>
          <section aria-labelledby="content-heading">
            <h2 class="ds-heading" data-size="sm" id="content-heading">
              {t('mottak.report.content')}
            </h2>
            <p class="ds-paragraph" data-size="sm">
              {t('mottak.report.contentIntro')}
            </p>
            <FiksDocumentView t={t} document={row.fiks_document} />
          </section>
          <section aria-labelledby="files-heading">
            <h2 class="ds-heading" data-size="sm" id="files-heading">
              {t('mottak.report.files')}
            </h2>
            <table class="mk-table">
              <caption class="mp-visually-hidden">{t('mottak.report.filesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mottak.report.fileName')}</th>
                  <th scope="col">{t('mottak.report.fileSize')}</th>
                </tr>
              </thead>
              <tbody>
                {data.files.map((f) => (
                  <tr>
                    <td>
                      <a class="ds-link" href={`/meldinger/${row.id}/fil?navn=${encodeURIComponent(f.name)}`}>
                        {f.name}
                      </a>
                    </td>
                    <td>{formatFileSize(t.lang, f.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="ds-paragraph">
              <a class="ds-link" href={`/meldinger/${row.id}/eksport`}>
                {t('mottak.report.export')}
              </a>
            </p>
          </section>
          <ConclusionSection ctx={ctx} data={data} state={state} now={props.now} />
        </div>
        <div>
          <section aria-labelledby="assign-heading">
            <h2 class="ds-heading" data-size="sm" id="assign-heading">
              {t('mottak.report.assign.heading')}
            </h2>
            <form method="post" action={`/meldinger/${row.id}/tildeling`}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <SelectField
                id="assignee"
                name="assignee"
                label={t('mottak.report.assign.label')}
                selected={state.values?.assignee ?? row.assignee_id ?? ''}
                options={[{ value: '', label: t('mottak.report.assign.none') }, ...data.caseworkers.map((c) => ({ value: c.id, label: c.name }))]}
                errors={errors}
              />
              <div class="mp-actions">
                <SubmitButton label={t('mottak.report.assign.submit')} variant="secondary" />
                {row.assignee_id !== cw.caseworkerId ? <SubmitButton label={t('mottak.report.assign.toMe')} name="meg" value="ja" variant="tertiary" /> : null}
              </div>
            </form>
          </section>
          <section aria-labelledby="earlier-heading">
            <h2 class="ds-heading" data-size="sm" id="earlier-heading">
              {t('mottak.report.earlier')}
            </h2>
            {row.child_fnrs.length === 0 ? (
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
          </section>
          <section aria-labelledby="notes-heading">
            <h2 class="ds-heading" data-size="sm" id="notes-heading">
              {t('mottak.report.notes.heading')}
            </h2>
            {data.notes.length === 0 ? <p class="ds-paragraph">{t('mottak.report.notes.none')}</p> : null}
            {data.notes.map((n) => (
              <div class="mp-card">
                <p class="ds-paragraph mk-document">{n.body}</p>
                <p class="ds-paragraph" data-size="sm">
                  {t('mottak.report.notes.by', { author: n.author, time: formatDateTime(t.lang, n.created_at) })}
                </p>
              </div>
            ))}
            <form method="post" action={`/meldinger/${row.id}/notater`}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <TextField id="note" name="note" label={t('mottak.report.notes.label')} value={state.values?.note ?? ''} errors={errors} multiline rows={4} />
              <SubmitButton label={t('mottak.report.notes.submit')} variant="secondary" />
            </form>
          </section>
          <FeedbackSection ctx={ctx} data={data} now={props.now} />
        </div>
      </div>
    </MottakLayout>
  );
}

async function renderReport(app: FastifyInstance, request: IdRequest, reply: FastifyReply, id: string, state: PageState = {}): Promise<FastifyReply> {
  // A re-render after a post is not a new view of the report; only GET is audited as one.
  const data = await loadPageData(app, request, id, { audited: request.method === 'GET' });
  if (!data) throw new AppError('NOT_FOUND');
  const ctx = mottakContext(request, reply);
  return sendPage(reply, <ReportPage ctx={ctx} data={data} state={state} now={app.mottak.clock.now()} />, state.status ?? 200);
}

export async function reportPlugin(app: FastifyInstance): Promise<void> {

  app.get<{ Params: { id: string } }>('/meldinger/:id', async (request, reply) => renderReport(app, request, reply, reportIdParam(request)));

  app.get<{ Params: { id: string }; Querystring: { navn?: unknown } }>('/meldinger/:id/fil', async (request, reply) => {
    const id = reportIdParam(request);
    const name = typeof request.query.navn === 'string' ? request.query.navn : '';
    const cw = caseworkerOf(request);
    const file = await asCaseworker(app, request, async (trx) => {
      const found = await findReportFile(trx, cw.serviceId, id, name);
      if (found) await audit(trx, actorOf(app, request), 'file.downloaded', id, { file: found.name });
      return found;
    });
    if (!file) throw new AppError('NOT_FOUND');
    const base = file.name.split('/').pop() ?? 'fil';
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${base.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(base)}`)
      .header('x-content-type-options', 'nosniff')
      .type(file.content_type)
      .send(file.content);
  });

  app.get<{ Params: { id: string } }>('/meldinger/:id/eksport', async (request, reply) => {
    const id = reportIdParam(request);
    const cw = caseworkerOf(request);
    const row = await asCaseworker(app, request, async (trx) => {
      const found = await findReport(trx, cw.serviceId, id);
      if (found) await audit(trx, actorOf(app, request), 'report.exported', id, { format: 'fiks-json' });
      return found;
    });
    if (!row) throw new AppError('NOT_FOUND');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${row.reference}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ referanse: row.reference, meldingstype: row.message_type, bekymringsmelding: row.fiks_document }, null, 2));
  });

  app.post<{ Params: { id: string } }>('/meldinger/:id/tildeling', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = reportIdParam(request);
    const cw = caseworkerOf(request);
    const assignee = field(request.body, 'meg') === 'ja' ? cw.caseworkerId : field(request.body, 'assignee');
    const result = await asCaseworker(app, request, async (trx) => {
      if (!(await findReport(trx, cw.serviceId, id))) return 'not-found' as const;
      return assignReport(trx, actorOf(app, request), id, assignee || null);
    });
    if (result === 'not-found') throw new AppError('NOT_FOUND');
    if (result === 'unknown-assignee') return renderReport(app, request, reply, id, { status: 422, errors: [{ field: 'assignee', message: mottakTranslator(request)('mottak.report.assign.unknown') }] });
    return reply.redirect(`/meldinger/${id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/meldinger/:id/notater', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = reportIdParam(request);
    const cw = caseworkerOf(request);
    const note = field(request.body, 'note');
    const problem = !note.trim() ? 'mottak.report.notes.missing' : note.length > MAX_NOTE_LENGTH ? 'mottak.report.notes.tooLong' : undefined;
    if (problem) return renderReport(app, request, reply, id, { status: 422, values: { note }, errors: [{ field: 'note', message: mottakTranslator(request)(problem) }] });
    const found = await asCaseworker(app, request, async (trx) => {
      if (!(await findReport(trx, cw.serviceId, id))) return false;
      await addNote(trx, actorOf(app, request), id, note.trim());
      return true;
    });
    if (!found) throw new AppError('NOT_FOUND');
    return reply.redirect(`/meldinger/${id}#notes-heading`, 303);
  });

  /**
   * Changes an open investigation under a row lock, so two caseworkers ending it at once cannot both
   * succeed; one that is not open (any more) is a 409.
   */
  async function changeOpenInvestigation(request: IdRequest, reply: FastifyReply, id: string, change: { allowed(row: FoundReport): boolean; apply(trx: MottakDb, row: FoundReport): Promise<void> }) {
    const cw = caseworkerOf(request);
    const outcome = await asCaseworker(app, request, async (trx) => {
      const locked = await trx.selectFrom('reports').select('id').where('service_id', '=', cw.serviceId).where('id', '=', id).forUpdate().executeTakeFirst();
      const row = locked && (await findReport(trx, cw.serviceId, id));
      if (!row) return 'not-found' as const;
      if (!row.investigation_deadline || row.investigation_outcome || !change.allowed(row)) return 'conflict' as const;
      await change.apply(trx, row);
      return 'ok' as const;
    });
    if (outcome === 'not-found') throw new AppError('NOT_FOUND');
    if (outcome === 'conflict') throw new AppError('CONFLICT');
    return reply.redirect(`/meldinger/${id}#conclusion-heading`, 303);
  }

  app.post<{ Params: { id: string } }>('/meldinger/:id/undersokelse/utvid', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = reportIdParam(request);
    const reason = field(request.body, 'extendReason').trim();
    if (!reason || reason.length > 5000) {
      return renderReport(app, request, reply, id, { status: 422, values: { extendReason: field(request.body, 'extendReason') }, errors: [{ field: 'extendReason', message: mottakTranslator(request)('mottak.report.investigation.extendReasonMissing') }] });
    }
    return changeOpenInvestigation(request, reply, id, {
      allowed: (row) => !row.investigation_extended_reason,
      apply: (trx, row) => extendInvestigation(trx, actorOf(app, request), row, reason),
    });
  });

  app.post<{ Params: { id: string } }>('/meldinger/:id/undersokelse/avslutt', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = reportIdParam(request);
    const value = field(request.body, 'outcome');
    if (value !== 'henlagt' && value !== 'tiltak') {
      return renderReport(app, request, reply, id, { status: 422, errors: [{ field: 'outcome', message: mottakTranslator(request)('mottak.report.investigation.outcomeMissing') }] });
    }
    return changeOpenInvestigation(request, reply, id, {
      allowed: () => true,
      apply: (trx, row) => endInvestigation(trx, actorOf(app, request), row, value),
    });
  });

  // Sends one due feedback through the portal. Marked sent only after the portal took it: a portal
  // that is down leaves it due, to be sent again, and says so.
  app.post<{ Params: { id: string } }>('/meldinger/:id/tilbakemelding', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = reportIdParam(request);
    const cw = caseworkerOf(request);
    const type = field(request.body, 'type') as FeedbackType;
    if (!FEEDBACK_TYPES.includes(type)) throw new AppError('BAD_REQUEST');
    const due = await asCaseworker(app, request, async (trx) => {
      if (!(await findReport(trx, cw.serviceId, id))) return undefined;
      return (await listFeedback(trx, cw.serviceId, id)).find((f) => f.type === type);
    });
    if (!due) throw new AppError('NOT_FOUND');
    if (due.sent_at) return reply.redirect(`/meldinger/${id}#feedback-heading`, 303);
    const puller = app.mottak.pullerFor(cw.serviceId);
    try {
      if (!puller) throw new Error('no delivery client for this service');
      await puller.client.sendFeedback(id, type);
    } catch (error) {
      const refused = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
      request.log.warn({ errCode: error instanceof ApiError ? error.code : 'network' }, 'feedback not sent');
      return renderReport(app, request, reply, id, {
        status: refused ? 409 : 503,
        notice: { kind: 'danger', text: refused ? mottakTranslator(request)('mottak.report.feedback.refused', { message: (error as ApiError).message }) : mottakTranslator(request)('mottak.report.feedback.portalDown') },
      });
    }
    await asCaseworker(app, request, (trx) => markFeedbackSent(trx, actorOf(app, request), id, type));
    return renderReport(app, request, reply, id, { notice: { kind: 'success', text: mottakTranslator(request)('mottak.report.feedback.sent') } });
  });
}
