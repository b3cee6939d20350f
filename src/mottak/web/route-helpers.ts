// Small things every mottak route needs: the database in the caseworker's scope, who is acting, and
// sending a page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { inServiceScope } from '../db/mottak-database.ts';
import type { MottakDB } from '../db/schema.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import type { Actor } from '../report/report-queries.ts';
import { isUuid } from '../inbox/inbox-queries.ts';

/** Runs `work` as the logged-in caseworker: their service's rows only. */
export function asCaseworker<T>(app: FastifyInstance, request: FastifyRequest, work: (trx: Transaction<MottakDB>) => Promise<T>): Promise<T> {
  return inServiceScope(app.mottak.database.db, { serviceId: caseworkerOf(request).serviceId }, work);
}

export function actorOf(app: FastifyInstance, request: FastifyRequest): Actor {
  const cw = caseworkerOf(request);
  return { caseworkerId: cw.caseworkerId, serviceId: cw.serviceId, name: cw.name, ip: request.ip, at: app.mottak.clock.now() };
}

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

/** A malformed id is as unknown as a foreign one: 404, with nothing to tell them apart. */
export function reportIdParam(request: FastifyRequest<{ Params: { id: string } }>): string {
  const id = request.params.id;
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  return id;
}

/** PostgreSQL text cannot hold U+0000; a browser never sends it, so it is dropped rather than refused. */
export function withoutNul(value: string): string {
  return value.replaceAll('\u0000', '');
}

/** A form field as one string: a repeated field (an array) or an absent one counts as empty. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? withoutNul(value) : '';
}

/** A checkbox group: one value arrives as a string, several as an array. */
export function fieldList(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  if (typeof value === 'string') return [withoutNul(value)];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map(withoutNul) : [];
}
