// The public front door's routes: the start page, and /kontakt, which finds a municipality's service
// by name or postcode (also when it is not connected to this portal). The views are start-pages.tsx.
import type { FastifyInstance } from 'fastify';
import { h, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { Layout } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { START_LANGUAGES } from '../../web/i18n.ts';
import { findMunicipality, findMunicipalityByNumber, type MunicipalityMatch } from '../registry/find-municipality.ts';
import { isMunicipalityOnboarded, listMunicipalityServices } from '../registry/registry-queries.ts';
import { findUnsentReport } from '../journey/unsent-report.tsx';
import { ContactSearch, MunicipalityChoice, MunicipalityContacts, municipalityMatchError, NotOnboarded, StartPage } from './start-pages.tsx';

export async function startPagePlugin(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    // A report begun in this browser and not sent is offered first, so it is not begun twice.
    const unsent = await findUnsentReport(app, request);
    const page = <StartPage ctx={pageContext(request, reply, { languages: START_LANGUAGES })} unsent={unsent} citizenCasesFromAge={app.config.innsyn.keyFile !== undefined ? app.config.innsyn.childMinAge : undefined} />;
    // It names where this browser's report goes, so it is not kept by shared caches.
    if (unsent) reply.header('cache-control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(renderDocument(page));
  });

  app.get<{ Querystring: { kommune?: string; kommunenummer?: string } }>('/kontakt', async (request, reply) => {
    const ctx = pageContext(request, reply, { languages: START_LANGUAGES });
    const { t } = ctx;
    const value = typeof request.query.kommune === 'string' ? request.query.kommune.slice(0, 100) : '';
    // A choice among ambiguous names arrives as a kommunenummer, which must not be read as a postcode.
    const chosen = typeof request.query.kommunenummer === 'string' ? findMunicipalityByNumber(request.query.kommunenummer) : undefined;
    const match: MunicipalityMatch = chosen ? { kind: 'found', municipality: chosen } : findMunicipality(value);
    const error = request.query.kommune === undefined && !chosen ? undefined : municipalityMatchError(t, match, value, 'kommune');
    let body: SafeHtml;
    // The title names what the page shows, as its h1 does.
    let title = t('start.contact.pageTitle');
    if (error) {
      reply.status(422);
      body = <ContactSearch ctx={ctx} value={value} errors={[error]} standalone />;
    } else if (match.kind === 'ambiguous') {
      body = <MunicipalityChoice ctx={ctx} candidates={match.candidates} />;
    } else if (match.kind === 'found') {
      const municipality = match.municipality;
      const onboarded = await isMunicipalityOnboarded(app.database.db, municipality.kommunenummer);
      const entries = onboarded ? await listMunicipalityServices(app.database.db, municipality.kommunenummer) : [];
      if (!entries.length) title = t('start.notOnboarded.heading', { municipality: municipality.name });
      body = entries.length ? <MunicipalityContacts ctx={ctx} municipality={municipality} entries={entries} /> : <NotOnboarded ctx={ctx} municipality={municipality} changeHref="/#contact-heading" />;
    } else {
      body = <ContactSearch ctx={ctx} value="" standalone />;
    }
    return reply.type('text/html; charset=utf-8').send(
      renderDocument(
        <Layout ctx={ctx} title={title} errors={error ? [error] : []}>
          {body}
        </Layout>,
      ),
    );
  });
}
