// The delivery API for receiving systems (contract in openapi.ts). Every query carries the caller's
// service id: another service's message is simply not found.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { AppError } from '../../web/errors.ts';
import { readJsonBodiesOnly } from '../../web/body-parsers.ts';
import { createTokenVerifier, type ApiCaller } from './api-auth.ts';
import { listStatusEvents, transitionReport } from './delivery-store.ts';
import { refuseAndFallBack } from './delivery-jobs.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { FEEDBACK_SCHEMA, RECEIPT_SCHEMA, SERVICE_STATISTICS_SCHEMA } from './openapi-schemas.ts';
import { checkServiceMonths, storeServiceStatistics } from '../statistics/service-statistics.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { registerFeedback } from './register-feedback.ts';
import type { FeedbackType } from '../../domain/delivery/feedback.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE_SIZE = 100;

const ajv = new Ajv2020({ allErrors: false, strict: false });
const validateReceipt = ajv.compile<{ type: 'mottatt' | 'feilet'; melding?: string; kanal?: 'fagsystem' | 'manuell' }>(RECEIPT_SCHEMA);
const validateFeedback = ajv.compile<{ type: FeedbackType }>(FEEDBACK_SCHEMA);
const validateServiceStatistics = ajv.compile<{ maneder: { maned: string; tall: Record<string, number> }[] }>(SERVICE_STATISTICS_SCHEMA);

export async function deliveryApiPlugin(app: FastifyInstance): Promise<void> {
  const { config } = app;
  const authenticate = createTokenVerifier({ issuer: config.maskinporten.issuer, scope: config.maskinporten.scope, db: app.database.db });
  const openApi = buildOpenApiDocument(config.baseUrl.origin, config.maskinporten.issuer, config.maskinporten.scope);

  app.get('/api/openapi.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return openApi;
  });

  const callerOf = new WeakMap<FastifyRequest, ApiCaller>();
  const caller = (request: FastifyRequest) => callerOf.get(request)!;

  await app.register(async (api) => {
    readJsonBodiesOnly(api);
    api.addHook('onRequest', async (request, reply) => {
      callerOf.set(request, await authenticate(request));
      reply.header('cache-control', 'no-store');
    });

    api.get<{ Querystring: { etter?: string; antall?: string } }>('/meldinger', async (request) => {
      const { etter, antall } = request.query;
      if (etter !== undefined && !/^\d{1,18}$/.test(etter)) throw new AppError('BAD_REQUEST', 'bad cursor', 'mottakApi.badCursor');
      const limit = antall === undefined ? PAGE_SIZE : Number(antall);
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE) throw new AppError('BAD_REQUEST', 'bad page size', 'mottakApi.badPageSize');
      const rows = await app.database.db
        .selectFrom('reports')
        .select(['id', 'reference', 'message_type', 'kommunenummer', 'bydelsnummer', 'status_changed_at', 'package_size', 'fagsystem_deadline_at', 'seq'])
        .where('service_id', '=', caller(request).serviceId)
        .where('status', '=', 'SENDT_FAGSYSTEM')
        .where('seq', '>', Number(etter ?? 0))
        .orderBy('seq')
        .limit(limit)
        .execute();
      return {
        meldinger: rows.map((r) => ({
          id: r.id,
          referanse: r.reference,
          meldingstype: r.message_type,
          kommunenummer: r.kommunenummer,
          bydelsnummer: r.bydelsnummer,
          sendtTidspunkt: r.status_changed_at.toISOString(),
          storrelse: r.package_size,
          frist: r.fagsystem_deadline_at?.toISOString() ?? null,
        })),
        neste: rows.length === limit ? String(rows.at(-1)!.seq) : null,
      };
    });

    api.get<{ Params: { id: string } }>('/meldinger/:id', async (request, reply) => {
      const row = await findOwnReport(request.params.id, caller(request), { withPackage: true });
      if (!row.package) throw new AppError('NOT_FOUND', 'package deleted', 'mottakApi.packageDeleted');
      return reply
        .type('application/pkcs7-mime; smime-type=enveloped-data')
        .header('content-disposition', `attachment; filename="${row.reference}.p7m"`)
        .send(row.package);
    });

    api.get<{ Params: { id: string } }>('/meldinger/:id/status', async (request) => statusOf(await findOwnReport(request.params.id, caller(request))));

    api.post<{ Params: { id: string } }>('/meldinger/:id/kvittering', async (request) => {
      const report = await findOwnReport(request.params.id, caller(request));
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'not json');
      const receipt = request.body;
      if (!validateReceipt(receipt)) throw new AppError('BAD_REQUEST', 'not a receipt', 'mottakApi.badReceipt');
      const now = app.delivery.clock.now();
      const { serviceId } = caller(request);
      const cause = receipt.type === 'feilet' ? 'feilet' : receipt.kanal === 'manuell' ? 'manuell-nedlasting' : 'mottatt';
      const result =
        cause === 'feilet'
          ? await refuseAndFallBack(app.database.db, app.delivery.outbox, report.id, now, receipt.melding!, serviceId)
          : await transitionReport(app.database.db, report.id, cause, { at: now, serviceId });
      if (!result) throw new AppError('NOT_FOUND', 'no such message', 'mottakApi.unknownMessage');
      if (!result.changed) {
        // The same receipt again is fine; a receipt that contradicts what happened is not.
        const events = await listStatusEvents(app.database.db, report.id);
        if (!events.some((e) => e.cause === cause)) throw new AppError('CONFLICT', 'not waiting for this receipt', 'mottakApi.notPending');
      }
      request.log.info({ reportId: report.id, receipt: cause, status: result.status }, 'receipt from receiving system');
      return statusOf(report);
    });

    api.post<{ Params: { id: string } }>('/meldinger/:id/tilbakemelding', async (request, reply) => {
      const report = await findOwnReport(request.params.id, caller(request));
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'not json');
      const feedback = request.body;
      if (!validateFeedback(feedback)) throw new AppError('BAD_REQUEST', 'not feedback', 'mottakApi.badFeedback');
      const result = await registerFeedback(app.database.db, app.delivery.outbox, {
        reportId: report.id,
        serviceId: caller(request).serviceId,
        type: feedback.type,
        at: app.delivery.clock.now(),
      });
      switch (result.kind) {
        case 'notFound':
          throw new AppError('NOT_FOUND', 'no such message', 'mottakApi.unknownMessage');
        case 'notForPrivateReporter':
          throw new AppError('NOT_FOR_PRIVATE_REPORTER', 'professional reporters only', 'mottakApi.feedbackNotForPrivateReporter');
        case 'notDelivered':
          throw new AppError('CONFLICT', 'not delivered', 'mottakApi.feedbackNotDelivered');
        case 'conflict':
          throw new AppError('CONFLICT', `feedback ${result.reason} ${result.with}`, result.reason === 'excludes' ? 'mottakApi.feedbackExcluded' : 'mottakApi.feedbackTooEarly');
      }
      request.log.info({ reportId: report.id, feedbackType: result.feedback.type, created: result.created }, 'feedback from receiving system');
      return reply.status(result.created ? 201 : 200).send({ id: report.id, type: result.feedback.type, registrert: result.feedback.registeredAt.toISOString() });
    });

    // The service's own figures: its caller's service only, whatever the body says.
    api.put('/statistikk', async (request) => {
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'not json');
      const now = app.delivery.clock.now();
      const body = request.body;
      const checked = validateServiceStatistics(body) ? checkServiceMonths(body, osloMonth(now)) : { ok: false as const };
      if (!checked.ok) throw new AppError('BAD_REQUEST', 'not statistics', 'mottakApi.badStatistics');
      await storeServiceStatistics(app.database.db, caller(request).serviceId, checked.months, now);
      // Routine, like polling: every service's system sends its figures after a pull when they change,
      // and at least hourly.
      request.log.debug({ service: caller(request).orgnr, months: checked.months.length }, 'statistics from receiving system');
      return { maneder: checked.months.length, mottatt: now.toISOString() };
    });
  }, { prefix: '/api/v1/mottak' });

  /** The caller's own report; another service's is as unknown as a made-up id. */
  async function findOwnReport(id: string, who: ApiCaller, options: { withPackage?: boolean } = {}) {
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'no such message', 'mottakApi.unknownMessage');
    const row = await app.database.db
      .selectFrom('reports')
      .select(['id', 'reference'])
      .$if(options.withPackage === true, (q) => q.select('package'))
      .where('id', '=', id)
      .where('service_id', '=', who.serviceId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'no such message', 'mottakApi.unknownMessage');
    return row;
  }

  async function statusOf(report: { id: string; reference: string }) {
    const current = await app.database.db.selectFrom('reports').select('status').where('id', '=', report.id).executeTakeFirstOrThrow();
    const events = await listStatusEvents(app.database.db, report.id);
    return {
      id: report.id,
      referanse: report.reference,
      status: current.status,
      historikk: events.map((e) => ({ status: e.status, tidspunkt: e.at.toISOString(), arsak: e.cause, detalj: e.detail })),
    };
  }
}
