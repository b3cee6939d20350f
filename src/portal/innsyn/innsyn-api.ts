// The index API receiving services use to publish what each party may see (decision 024), shaped as
// Fiks Innsyn's: batches of KS's barnevern documents upserted by (meldingId, person), deletions, and a
// replay that rebuilds the portal's copy. The caller's service comes from its Maskinporten token and
// is in every query, so a service can only ever write or delete its own items. An fnr travels only in
// bodies: no access log or URL holds one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../web/errors.ts';
import { readJsonBodiesOnly } from '../../web/body-parsers.ts';
import { translator } from '../../web/i18n.ts';
import { isValidNationalId } from '../../domain/rules/fnr.ts';
import { createTokenVerifier, type ApiCaller } from '../delivery/api-auth.ts';
import { checkItems, isMessageId, isRecord, MAX_BATCH, type InnsynSchemas } from './innsyn-items.ts';
import { completeReplay, deleteItems, indexItems, isOpenReplay, startReplay } from './innsyn-index.ts';
import type { InnsynKeys } from './innsyn-keys.ts';
import { buildInnsynOpenApiDocument } from './innsyn-openapi.ts';

export const INNSYN_API_PREFIX = '/api/v1/innsyn';

/** Room for 5,000 items of a few kilobytes each; larger bodies are refused before they are parsed. */
const INDEX_BODY_LIMIT = 32 * 1024 * 1024;

export interface InnsynApiOptions {
  keys: InnsynKeys;
  schemas: InnsynSchemas;
  scope: string;
}

export async function innsynApiPlugin(app: FastifyInstance, options: InnsynApiOptions): Promise<void> {
  const { config } = app;
  const db = app.database.db;
  const authenticate = createTokenVerifier({ issuer: config.maskinporten.issuer, scope: options.scope, db, wrongScopeKey: 'innsynApi.wrongScope' });
  const callerOf = new WeakMap<FastifyRequest, ApiCaller>();
  const caller = (request: FastifyRequest) => callerOf.get(request)!;
  const now = () => app.delivery.clock.now();

  const openApi = buildInnsynOpenApiDocument(config.baseUrl.origin, config.maskinporten.issuer, options.scope);
  app.get('/openapi.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return openApi;
  });

  await app.register(async (api) => {
    readJsonBodiesOnly(api);
    api.addHook('onRequest', async (request, reply) => {
      callerOf.set(request, await authenticate(request));
      reply.header('cache-control', 'no-store');
    });

    api.post('/indeks', { bodyLimit: INDEX_BODY_LIMIT }, async (request, reply) => {
      const body = request.body;
      if (!isRecord(body) || !Array.isArray(body.elementer) || (body.replay !== undefined && typeof body.replay !== 'string')) throw new AppError('BAD_REQUEST', 'bad batch', 'innsynApi.badBatch');
      if (body.elementer.length > MAX_BATCH) throw new AppError('PAYLOAD_TOO_LARGE', 'batch over the limit', 'innsynApi.tooMany');
      const { serviceId } = caller(request);
      const replayId = body.replay as string | undefined;
      if (replayId !== undefined && !(await isOpenReplay(db, serviceId, replayId))) throw new AppError('NOT_FOUND', 'unknown replay', 'innsynApi.unknownReplay');
      const checked = checkItems(options.schemas, body.elementer);
      if (!checked.ok) {
        request.log.info({ errCode: 'innsyn_items_refused', count: checked.errors.length }, 'index batch refused');
        return reply.status(400).send({ error: 'BAD_REQUEST', message: translator('nb')('innsynApi.invalidItems'), feil: checked.errors });
      }
      await indexItems(db, options.keys, { serviceId, items: checked.items, replayId, now: now() });
      return { indeksert: checked.items.length };
    });

    api.post('/indeks/slett', async (request) => {
      const body = request.body;
      const ids = isRecord(body) ? body.meldingIder : undefined;
      const fnr = isRecord(body) ? body.personidentifikator : undefined;
      if (!Array.isArray(ids) || ids.length > MAX_BATCH || !ids.every(isMessageId)) throw new AppError('BAD_REQUEST', 'bad delete', 'innsynApi.badDelete');
      if (fnr !== undefined && (typeof fnr !== 'string' || !isValidNationalId(fnr))) throw new AppError('BAD_REQUEST', 'bad delete', 'innsynApi.badDelete');
      const deleted = await deleteItems(db, options.keys, { serviceId: caller(request).serviceId, messageIds: ids.map((id: string) => id.toLowerCase()), fnr });
      return { slettet: deleted };
    });

    api.post('/replay', async (request, reply) => {
      const id = await startReplay(db, caller(request).serviceId, now());
      return reply.status(201).send({ replay: id });
    });

    api.post<{ Params: { id: string } }>('/replay/:id/fullfor', async (request) => {
      const done = await completeReplay(db, caller(request).serviceId, request.params.id, now());
      if (!done) throw new AppError('NOT_FOUND', 'unknown replay', 'innsynApi.unknownReplay');
      return { slettet: done.deleted };
    });
  });
}
