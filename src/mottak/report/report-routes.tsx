// One report: everything the reporter sent, its files, earlier reports about the same child, notes,
// assignment, the conclusion and the investigation's deadline, and feedback to the reporter. Every
// view, download and export is written to the audit log in the same transaction that reads it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { mottakContext, mottakTranslator } from '../web/mottak-layout.tsx';
import { actorOf, asCaseworker, field, reportIdParam, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { listServiceCaseworkers } from '../inbox/inbox-queries.ts';
import { ReportPage } from './report-page.tsx';
import type { PageState, ReportPageData } from './report-page-data.ts';
import { FiksJsonPage } from './fiks-json-page.tsx';
import { presentReport } from './report-view.ts';
import { canShowInline } from './file-types.ts';
import { PACKAGE_FILE_NAMES } from '../../package/package-files.ts';
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

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

async function loadPageData(app: FastifyInstance, request: IdRequest, id: string, options: { audited: boolean }): Promise<ReportPageData | undefined> {
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
      view: presentReport(row, app.mottak.clock.now()),
      files: await listReportFiles(trx, cw.serviceId, id),
      earlier: await listEarlierReports(trx, cw.serviceId, row),
      notes: await listNotes(trx, cw.serviceId, id),
      feedback: await listFeedback(trx, cw.serviceId, id),
      caseworkers: await listServiceCaseworkers(trx, cw.serviceId),
    };
  });
}

async function renderReport(app: FastifyInstance, request: IdRequest, reply: FastifyReply, id: string, state: PageState = {}): Promise<FastifyReply> {
  // A re-render after a post is not a new view of the report; only GET is audited as one.
  const data = await loadPageData(app, request, id, { audited: request.method === 'GET' });
  if (!data) throw new AppError('NOT_FOUND');
  const ctx = mottakContext(request, reply);
  return sendPage(reply, <ReportPage ctx={ctx} data={data} state={state} now={app.mottak.clock.now()} />, state.status ?? 200);
}

export async function reportPlugin(app: FastifyInstance): Promise<void> {

  app.get<{ Params: { id: string }; Querystring: { tildelt?: unknown } }>('/meldinger/:id', async (request, reply) =>
    renderReport(app, request, reply, reportIdParam(request), { assignmentConfirmed: request.query.tildelt === 'ja' }),
  );

  /**
   * One file of the report, downloaded or (`view`) shown in the browser. Shown only when it is a PDF,
   * PNG or JPEG by name and by its bytes; anything else is downloaded, whichever link was used. An
   * inline file gets a sandboxing CSP of its own that allows nothing at all: the browser's PDF and
   * image viewers need nothing from us (they lose only their own inline styles). Audited either way,
   * in the read's transaction.
   */
  async function sendFile(request: FastifyRequest<{ Params: { id: string }; Querystring: { navn?: unknown } }>, reply: FastifyReply, view: boolean) {
    const id = reportIdParam(request);
    const name = typeof request.query.navn === 'string' ? request.query.navn : '';
    const cw = caseworkerOf(request);
    const file = await asCaseworker(app, request, async (trx) => {
      const found = await findReportFile(trx, cw.serviceId, id, name);
      if (!found) return undefined;
      const inline = view && canShowInline(found.content_type, found.content);
      await audit(trx, actorOf(app, request), inline ? 'file.viewed' : 'file.downloaded', id, { file: found.name });
      return { ...found, inline };
    });
    if (!file) throw new AppError('NOT_FOUND');
    const base = file.name.split('/').pop() ?? 'fil';
    if (file.inline) reply.header('content-security-policy', "sandbox; default-src 'none'; script-src 'none'; frame-ancestors 'none'");
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename="${base.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(base)}`)
      .header('x-content-type-options', 'nosniff')
      .type(file.content_type)
      .send(file.content);
  }

  app.get<{ Params: { id: string }; Querystring: { navn?: unknown } }>('/meldinger/:id/fil', (request, reply) => sendFile(request, reply, false));
  app.get<{ Params: { id: string }; Querystring: { navn?: unknown } }>('/meldinger/:id/vis', (request, reply) => sendFile(request, reply, true));

  app.get<{ Params: { id: string } }>('/meldinger/:id/fiks-json', async (request, reply) => {
    const id = reportIdParam(request);
    const cw = caseworkerOf(request);
    const found = await asCaseworker(app, request, async (trx) => {
      const row = await findReport(trx, cw.serviceId, id);
      if (!row) return undefined;
      await audit(trx, actorOf(app, request), 'fiks-json.viewed', id);
      // The file as it came keeps the sender's key order; the stored jsonb does not. Decoded as on
      // receipt (openPackage), where these same bytes parsed, or the report would not be here.
      const file = await findReportFile(trx, cw.serviceId, id, PACKAGE_FILE_NAMES.fiksDocument);
      return { row, document: file ? (JSON.parse(new TextDecoder().decode(file.content)) as unknown) : row.fiks_document };
    });
    if (!found) throw new AppError('NOT_FOUND');
    return sendPage(reply, <FiksJsonPage ctx={mottakContext(request, reply)} row={found.row} document={found.document} />);
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
    // Back to the report, which confirms whom it is now assigned to (a redirect, so reloading it
    // does not assign again).
    return reply.redirect(`/meldinger/${id}?tildelt=ja`, 303);
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
