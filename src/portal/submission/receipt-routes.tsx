// The receipt: reference, receiving service, what happens next, and the reporter's PDF copy, which
// only the browser that sent the report can open (the key is in its session cookie).
import type { FastifyInstance } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import { Layout } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { formatInstant } from '../../web/intl-format.ts';
import { AppError } from '../../web/errors.ts';
import { getAuthenticatedPerson } from '../auth/index.ts';
import { unseal } from '../../crypto/sealing.ts';
import { reporterHash } from '../journey/journey-session.ts';
import { isReference } from './reference.ts';

export async function receiptPlugin(app: FastifyInstance): Promise<void> {
  /** Authorization inside the query: another person's reference is simply not found. */
  async function findOwnReport(reference: string, fnr: string) {
    if (!isReference(reference)) return undefined;
    return app.database.db
      .selectFrom('reports')
      .innerJoin('services', 'services.id', 'reports.service_id')
      .select(['reports.id', 'reports.reference', 'reports.received_at', 'reports.reporter_type', 'services.name as serviceName', 'services.emergency_phone as emergencyPhone'])
      .where('reports.reference', '=', reference)
      .where('reports.reporter_hash', '=', reporterHash(app, fnr))
      .executeTakeFirst();
  }

  app.get<{ Params: { reference: string } }>('/meld/kvittering/:reference', async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(`/meld/kvittering/${request.params.reference}`)}`);
    const report = await findOwnReport(request.params.reference, person.fnr);
    if (!report) throw new AppError('NOT_FOUND');
    const ctx = pageContext(request, reply);
    const { t } = ctx;
    const hasPdf = Boolean(request.session.get('receipts')?.[report.reference]);
    const time = formatInstant(ctx.lang, report.received_at, 'long');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderDocument(
          <Layout ctx={ctx} title={t('journey.kvittering.title')}>
            <div class="ds-alert" data-color="success">
              <h1 class="ds-heading" data-size="lg">
                {t('journey.kvittering.title')}
              </h1>
              <p class="ds-paragraph">{t('journey.kvittering.sentTo', { service: report.serviceName, time })}</p>
            </div>
            <section aria-labelledby="reference-heading" class="mp-card">
              <h2 class="ds-heading" data-size="xs" id="reference-heading">
                {t('journey.kvittering.reference')}
              </h2>
              <p class="mp-reference">{report.reference}</p>
              <p class="ds-paragraph">{t('journey.kvittering.referenceDescription')}</p>
            </section>
            <section aria-labelledby="pdf-heading">
              <h2 class="ds-heading" data-size="sm" id="pdf-heading">
                {t('journey.kvittering.pdfHeading')}
              </h2>
              {hasPdf ? (
                <p class="ds-paragraph">
                  <a class="ds-link" href={`/meld/kvittering/${report.reference}/melding.pdf`} download={`bekymringsmelding-${report.reference}.pdf`}>
                    {t('journey.kvittering.pdf')}
                  </a>
                  <br />
                  {t('journey.kvittering.pdfDescription')}
                </p>
              ) : (
                <p class="ds-paragraph">{t('journey.kvittering.pdfGone')}</p>
              )}
            </section>
            <section aria-labelledby="next-heading">
              <h2 class="ds-heading" data-size="sm" id="next-heading">
                {t('journey.kvittering.nextHeading')}
              </h2>
              <ul class="ds-list">
                <li>{t('journey.kvittering.next1')}</li>
                <li>{t('journey.kvittering.next2')}</li>
                <li>{report.reporter_type === 'professional' ? t('journey.kvittering.next3Professional') : t('journey.kvittering.next3Private')}</li>
              </ul>
              <p class="ds-paragraph">
                {report.emergencyPhone
                  ? t('journey.kvittering.urgent', { phone: report.emergencyPhone })
                  : t('journey.kvittering.urgentNoEmergency', { service: report.serviceName })}
              </p>
            </section>
            <p>
              <a class="ds-link" href="/meld/hvem">
                {t('journey.kvittering.newReport')}
              </a>
            </p>
          </Layout>,
        ),
      );
  });

  app.get<{ Params: { reference: string } }>('/meld/kvittering/:reference/melding.pdf', async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) throw new AppError('NOT_FOUND');
    const report = await findOwnReport(request.params.reference, person.fnr);
    const key = report && request.session.get('receipts')?.[report.reference];
    if (!report || !key) throw new AppError('NOT_FOUND');
    const row = await app.database.db
      .selectFrom('report_receipts')
      .select('ciphertext')
      .where('report_id', '=', report.id)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    const pdf = row && unseal(Buffer.from(key, 'base64url'), row.ciphertext, report.id);
    if (!pdf) throw new AppError('NOT_FOUND');
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="bekymringsmelding-${report.reference}.pdf"`)
      .send(pdf);
  });
}
