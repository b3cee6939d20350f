// GET /min-sak and /min-sak/{id}: a logged-in person's own cases (decision 024). Everything comes from
// the items indexed for this person's hash; an address that is not one of their cases is 404, as is
// one whose items do not open (fail closed). A child below the configured age sees no case, and is
// told from what age they will.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { ageOnDate, birthDateFromNationalId } from '../../domain/rules/fnr.ts';
import { getAuthenticatedPerson } from '../auth/index.ts';
import { pageContext } from '../web/page-context.ts';
import { buildCitizenCases } from './case-view.ts';
import { CASES_PATH, CaseListPage, CasePage, type ShownCase } from './case-pages.tsx';
import { openPersonItems } from './innsyn-index.ts';
import type { InnsynKeys } from './innsyn-keys.ts';

export interface CitizenCasesOptions {
  keys: InnsynKeys;
  childMinAge: number;
}

export async function citizenCasesPlugin(app: FastifyInstance, options: CitizenCasesOptions): Promise<void> {
  const db = app.database.db;

  /** The person's cases as shown, and whether cases were held back because the child is too young. */
  async function casesOf(request: FastifyRequest, fnr: string): Promise<{ cases: ShownCase[]; childTooYoung: number | undefined }> {
    const now = app.delivery.clock.now();
    const { items, unreadable } = await openPersonItems(db, options.keys, fnr);
    if (unreadable) request.log.warn({ errCode: 'innsyn_item_unreadable', count: unreadable }, 'OPERATOR: index items that do not open were left out');
    const birthDate = birthDateFromNationalId(fnr);
    const tooYoung = birthDate !== null && ageOnDate(birthDate, now) < options.childMinAge;
    const all = buildCitizenCases(items, now);
    const views = tooYoung ? all.filter((c) => c.role !== 'HOVEDPERSON') : all;
    const ids = [...new Set(views.map((c) => c.serviceId))];
    const services = ids.length ? await db.selectFrom('services').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    const names = new Map(services.map((s) => [s.id, s.name]));
    return {
      cases: views.filter((c) => names.has(c.serviceId)).map((view) => ({ view, serviceName: names.get(view.serviceId)! })),
      childTooYoung: views.length < all.length ? options.childMinAge : undefined,
    };
  }

  app.get(CASES_PATH, async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) return reply.header('cache-control', 'no-store').redirect(`/auth/login?returnTo=${encodeURIComponent(CASES_PATH)}`);
    const { cases, childTooYoung } = await casesOf(request, person.fnr);
    const page = <CaseListPage ctx={pageContext(request, reply)} cases={cases} childTooYoung={childTooYoung} />;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
  });

  app.get<{ Params: { id: string } }>(`${CASES_PATH}/:id`, async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) return reply.header('cache-control', 'no-store').redirect(`/auth/login?returnTo=${encodeURIComponent(request.url)}`);
    const { cases } = await casesOf(request, person.fnr);
    const shown = cases.find((c) => c.view.id === request.params.id.toLowerCase());
    if (!shown) throw new AppError('NOT_FOUND');
    const page = <CasePage ctx={pageContext(request, reply)} shown={shown} />;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
  });
}
