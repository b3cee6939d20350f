// The manager's pages: deadlines across the service, packages that were refused, and the audit log
// with its chain checked. A caseworker without the manager role gets 403.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';
import { addDays } from '../../domain/mottak/deadlines.ts';
import { MottakLayout, mottakContext } from '../web/mottak-layout.tsx';
import { sendForbidden } from '../web/mottak-error-page.tsx';
import { actorOf, asCaseworker, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { audit } from '../report/report-queries.ts';
import { listAuditEntries, verifyAuditChainSinceCheckpoint } from '../audit/audit-log.ts';
import { listServiceCaseworkers } from '../inbox/inbox-queries.ts';
import { AUDIT_PAGE_SIZE, AuditPage, parseAuditFilter } from './audit-page.tsx';
import { describeOpenDeadline, formatDateTime } from '../web/format.ts';
import type { MottakDb } from '../db/mottak-database.ts';
import { serviceStatisticsPlugin } from '../statistics/statistics-routes.tsx';

async function requireManager(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (caseworkerOf(request).role === 'leder') return undefined;
  return sendForbidden(request, reply);
}

interface DeadlineRow {
  id: string;
  reference: string;
  deadline: string;
  assignee: string | null;
  type?: string;
}

/** Reviews, investigations and feedback that need the manager's eye, each list soonest first. */
async function loadDeadlines(trx: MottakDb, serviceId: string, today: string) {
  const base = trx.selectFrom('reports').leftJoin('caseworkers', 'caseworkers.id', 'reports.assignee_id').where('reports.service_id', '=', serviceId);
  const map = (rows: { id: string; reference: string; deadline: string | null; assignee: string | null }[]): DeadlineRow[] => rows.map((r) => ({ ...r, deadline: r.deadline ?? today }));
  const overdue = await base
    .select(['reports.id', 'reports.reference', 'reports.review_deadline as deadline', 'caseworkers.name as assignee'])
    .where('reports.status', '<>', 'konkludert')
    .where('reports.review_deadline', '<', today)
    .orderBy('reports.review_deadline')
    .limit(500)
    .execute();
  const dueSoon = await base
    .select(['reports.id', 'reports.reference', 'reports.review_deadline as deadline', 'caseworkers.name as assignee'])
    .where('reports.status', '<>', 'konkludert')
    .where('reports.review_deadline', '>=', today)
    .where('reports.review_deadline', '<=', addDays(today, 7))
    .orderBy('reports.review_deadline')
    .limit(500)
    .execute();
  const investigations = await base
    .select(['reports.id', 'reports.reference', 'reports.investigation_deadline as deadline', 'caseworkers.name as assignee'])
    .where('reports.investigation_deadline', 'is not', null)
    .where('reports.investigation_outcome', 'is', null)
    .where('reports.investigation_deadline', '<=', addDays(today, 30))
    .orderBy('reports.investigation_deadline')
    .limit(500)
    .execute();
  const feedback = await trx
    .selectFrom('report_feedback')
    .innerJoin('reports', (j) => j.onRef('reports.id', '=', 'report_feedback.report_id').onRef('reports.service_id', '=', 'report_feedback.service_id'))
    .leftJoin('caseworkers', 'caseworkers.id', 'reports.assignee_id')
    .select(['reports.id', 'reports.reference', 'report_feedback.due_date as deadline', 'caseworkers.name as assignee', 'report_feedback.type'])
    .where('report_feedback.service_id', '=', serviceId)
    .where('report_feedback.sent_at', 'is', null)
    .orderBy('report_feedback.due_date')
    .limit(500)
    .execute();
  return { overdue: map(overdue), dueSoon: map(dueSoon), investigations: map(investigations), feedback: feedback.map((f) => ({ ...f, type: f.type as string })) };
}

function DeadlineTable(props: { t: Translate; id: string; heading: string; rows: DeadlineRow[]; now: Date; withType?: boolean }): SafeHtml {
  const { t } = props;
  return (
    <section aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="sm" id={props.id}>
        {props.heading}
      </h2>
      {props.rows.length === 0 ? (
        <p class="ds-paragraph">{t('mottak.deadlines.none')}</p>
      ) : (
        <div class="mk-table-wrap">
          <table class="mk-table">
            <caption class="mp-visually-hidden">{props.heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mottak.deadlines.columns.reference')}</th>
                {props.withType ? <th scope="col">{t('mottak.deadlines.columns.type')}</th> : null}
                <th scope="col">{t('mottak.deadlines.columns.deadline')}</th>
                <th scope="col">{t('mottak.deadlines.columns.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const d = describeOpenDeadline(t, r.deadline, props.now);
                return (
                  <tr class={d.state === 'overdue' ? 'mk-row--overdue' : undefined}>
                    <td>
                      <a class="ds-link" href={`/meldinger/${r.id}`}>
                        {r.reference}
                      </a>
                    </td>
                    {props.withType ? <td>{t(`mottak.report.feedback.types.${r.type}`)}</td> : null}
                    <td>{d.state === 'overdue' ? <strong>{d.text}</strong> : d.text}</td>
                    <td>{r.assignee ?? t('mottak.inbox.unassigned')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export async function managerPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', requireManager);
  await app.register(serviceStatisticsPlugin);

  app.get('/frister', async (request, reply) => {
    const now = app.mottak.clock.now();
    const cw = caseworkerOf(request);
    const data = await asCaseworker(app, request, (trx) => loadDeadlines(trx, cw.serviceId, osloDate(now)));
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <MottakLayout ctx={ctx} title={t('mottak.deadlines.title')}>
        <h1 class="ds-heading" data-size="lg">
          {t('mottak.deadlines.title')}
        </h1>
        <p class="ds-paragraph">{t('mottak.deadlines.intro')}</p>
        <DeadlineTable t={t} id="overdue" heading={t('mottak.deadlines.overdue')} rows={data.overdue} now={now} />
        <DeadlineTable t={t} id="due-soon" heading={t('mottak.deadlines.dueThisWeek')} rows={data.dueSoon} now={now} />
        <DeadlineTable t={t} id="investigations" heading={t('mottak.deadlines.investigations')} rows={data.investigations} now={now} />
        <DeadlineTable t={t} id="feedback" heading={t('mottak.deadlines.feedback')} rows={data.feedback} now={now} withType />
      </MottakLayout>,
    );
  });

  app.get('/avviste', async (request, reply) => {
    const cw = caseworkerOf(request);
    const rows = await asCaseworker(app, request, (trx) =>
      trx.selectFrom('refused_packages').select(['reference', 'received_at', 'reason']).where('service_id', '=', cw.serviceId).orderBy('received_at', 'desc').limit(500).execute(),
    );
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <MottakLayout ctx={ctx} title={t('mottak.refused.title')}>
        <h1 class="ds-heading" data-size="lg">
          {t('mottak.refused.title')}
        </h1>
        <p class="ds-paragraph">{t('mottak.refused.intro')}</p>
        {rows.length === 0 ? (
          <p class="ds-paragraph">{t('mottak.refused.none')}</p>
        ) : (
          <table class="mk-table">
            <caption class="mp-visually-hidden">{t('mottak.refused.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mottak.refused.columns.reference')}</th>
                <th scope="col">{t('mottak.refused.columns.received')}</th>
                <th scope="col">{t('mottak.refused.columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.reference}</td>
                  <td>{formatDateTime(t.lang, r.received_at)}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </MottakLayout>,
    );
  });

  app.get<{ Querystring: Record<string, unknown> }>('/logg', async (request, reply) => {
    const cw = caseworkerOf(request);
    const { filter, referenceError } = parseAuditFilter(request.query);
    const { data, unknownReference } = await asCaseworker(app, request, async (trx) => {
      // Reading the log is itself an entry: who looked at whose traces is part of the trail.
      await audit(trx, actorOf(app, request), 'audit.read', null);
      const report = filter.reference && !referenceError ? await trx.selectFrom('reports').select('id').where('service_id', '=', cw.serviceId).where('reference', '=', filter.reference).executeTakeFirst() : undefined;
      // An unknown reference (or one refused above) lists nothing, rather than everything.
      const page = filter.reference && !report ? { rows: [], older: false, newer: false } : await listAuditEntries(trx, cw.serviceId, { ...filter, action: filter.action || undefined, reportId: report?.id, limit: AUDIT_PAGE_SIZE });
      return {
        unknownReference: Boolean(filter.reference && !referenceError && !report),
        data: {
          ...page,
          caseworkers: await listServiceCaseworkers(trx, cw.serviceId),
          // Since the last verified checkpoint plus a slice of the older entries: a whole-chain check on
          // every view took seconds for a big service. `npm run mottak -- verify-audit` checks it all.
          chain: await verifyAuditChainSinceCheckpoint(trx, cw.serviceId, { now: app.mottak.clock.now() }),
        },
      };
    });
    const ctx = mottakContext(request, reply);
    const problem = referenceError ? 'mottak.audit.filters.referenceInvalid' : unknownReference ? 'mottak.audit.filters.referenceUnknown' : undefined;
    const errors = problem ? [{ field: 'melding', message: ctx.t(problem, { reference: filter.reference }) }] : [];
    return sendPage(reply, <AuditPage ctx={ctx} filter={filter} errors={errors} data={data} />, referenceError ? 422 : 200);
  });
}
