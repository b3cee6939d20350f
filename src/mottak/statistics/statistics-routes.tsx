// GET /statistikk in mottak: the manager's own service's figures over the last 12 months, without
// disclosure control (they may see their own cases), in the same sections and charts as the portal's
// public page. Read from the counters, never the reports; deadlines that have passed are counted
// first, so an overdue review shows here the day after its deadline.
import type { FastifyInstance } from 'fastify';
import { h } from '../../web/jsx.ts';
import { CaseFiguresSections, monthLabel, type CaseFigures, type CaseMonths } from '../../web/case-statistics.tsx';
import { formatInstant } from '../../web/intl-format.ts';
import type { Disclosed } from '../../domain/statistics/disclosure.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';
import { osloMonth } from '../../domain/statistics/measures.ts';
import { windowMonths } from '../../domain/statistics/publish.ts';
import { STATISTICS_WINDOW_MONTHS } from '../../domain/statistics/mottak-measures.ts';
import { SERVICE_MONTH_FIGURES, serviceFigureValues } from '../../domain/statistics/publish-services.ts';
import { MottakLayout, mottakContext } from '../web/mottak-layout.tsx';
import { asCaseworker, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { countPassedDeadlines, listServiceCounts } from './count-cases.ts';

const shown = (value: number): Disclosed => ({ kind: 'shown', value });

export async function serviceStatisticsPlugin(app: FastifyInstance): Promise<void> {
  app.get('/statistikk', async (request, reply) => {
    const cw = caseworkerOf(request);
    const now = app.mottak.clock.now();
    const months = windowMonths(osloMonth(now), STATISTICS_WINDOW_MONTHS);
    const { counts, service, publication } = await asCaseworker(app, request, async (trx) => {
      await countPassedDeadlines(trx, cw.serviceId, osloDate(now));
      return {
        counts: await listServiceCounts(trx, cw.serviceId, months[0]!),
        service: await trx.selectFrom('services').select('name').where('id', '=', cw.serviceId).executeTakeFirstOrThrow(),
        publication: await trx.selectFrom('statistics_publications').select('published_at').where('service_id', '=', cw.serviceId).executeTakeFirst(),
      };
    });
    const values = serviceFigureValues(counts);
    const figures = Object.fromEntries(Object.entries(values).map(([f, v]) => [f, shown(v)])) as CaseFigures;
    const byMonth: CaseMonths = Object.fromEntries(
      months.map((m) => {
        const month = serviceFigureValues(counts.filter((c) => c.month === m));
        return [m, Object.fromEntries([...SERVICE_MONTH_FIGURES, 'gjennomgang' as const].map((f) => [f, shown(month[f])]))];
      }),
    ) as CaseMonths;
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    const title = t('mottak.statistics.title');
    return sendPage(
      reply,
      <MottakLayout ctx={ctx} title={title}>
        <h1 class="ds-heading" data-size="lg">
          {title}
        </h1>
        <p class="ds-paragraph" data-size="lg">
          {t('mottak.statistics.lead', { service: service.name, from: monthLabel(t, months[0]!), to: monthLabel(t, months.at(-1)!) })}
        </p>
        <p class="ds-paragraph">{t('mottak.statistics.unprotected')}</p>
        <p class="ds-paragraph" data-size="sm">
          {publication?.published_at ? t('mottak.statistics.published', { time: formatInstant(t.lang, publication.published_at, 'long') }) : t('mottak.statistics.notPublished')}
        </p>
        <CaseFiguresSections t={t} figures={figures} months={byMonth} monthList={months} idPrefix="own" level={2} />
      </MottakLayout>,
    );
  });
}
