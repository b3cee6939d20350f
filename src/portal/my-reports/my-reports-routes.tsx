// GET /mine-meldinger: the logged-in person's own reports and how far each has come.
import type { FastifyInstance } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import { pageContext } from '../web/page-context.ts';
import { getAuthenticatedPerson } from '../auth/index.ts';
import { reporterHash } from '../journey/journey-session.ts';
import { findUnsentReport } from '../journey/unsent-report.tsx';
import { listKeptCopies, listReporterReports } from './my-reports-store.ts';
import { MyReportsPage } from './my-reports-page.tsx';

export const MY_REPORTS_PATH = '/mine-meldinger';

export async function myReportsPlugin(app: FastifyInstance): Promise<void> {
  app.get(MY_REPORTS_PATH, async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) return reply.header('cache-control', 'no-store').redirect(`/auth/login?returnTo=${encodeURIComponent(MY_REPORTS_PATH)}`);
    const hash = reporterHash(app, person.fnr);
    const now = app.delivery.clock.now();
    const reports = await listReporterReports(app.database.db, hash);
    const copies = await listKeptCopies(app.database.db, hash, Object.keys(request.session.get('receipts') ?? {}), now);
    const unsent = await findUnsentReport(app, request);
    const page = <MyReportsPage ctx={pageContext(request, reply)} reports={reports} copies={copies} unsent={unsent} now={now} />;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
  });
}
