// GET /statistikk: the public statistics, for the country, a county or a municipality; and
// GET /api/v1/statistikk (JSON, or CSV with format=csv) with the same numbers. Every page and
// download reads one protected snapshot (statistics-snapshot.ts); nothing here touches a report.
// The pages are statistics-pages.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import { pageContext } from '../web/page-context.ts';
import { AppError } from '../../web/errors.ts';
import type { Municipality } from '../../domain/statistics/publish.ts';
import { exportStatistics, statisticsCsv } from './statistics-export.ts';
import { parseArea, viewArea, viewServices, type StatisticsSnapshots } from './statistics-snapshot.ts';
import { BelowThresholdPage, StatisticsPage } from './statistics-pages.tsx';
import { STATISTICS_API_PATH, STATISTICS_PATH } from './statistics-paths.ts';

export { STATISTICS_API_PATH, STATISTICS_PATH };

declare module 'fastify' {
  interface FastifyInstance {
    statistics: StatisticsSnapshots;
    statisticsGeography: readonly Municipality[];
  }
}

export async function statisticsPlugin(app: FastifyInstance): Promise<void> {
  const shown = async () => {
    const snapshot = await app.statistics.current();
    return { snapshot, ...snapshot };
  };

  app.get<{ Querystring: { omrade?: string } }>(STATISTICS_PATH, async (request, reply) => {
    const key = parseArea(request.query.omrade);
    if (!key) throw new AppError('NOT_FOUND');
    const { published, madeAt, snapshot } = await shown();
    const view = viewArea(published, key, app.statisticsGeography);
    if (!view) throw new AppError('NOT_FOUND');
    const ctx = pageContext(request, reply);
    const page =
      'below' in view ? (
        <BelowThresholdPage ctx={ctx} municipality={view.below.navn} county={view.below.fylke} />
      ) : (
        <StatisticsPage
          ctx={ctx}
          area={view}
          services={viewServices(snapshot, view)}
          counties={published.counties.map((c) => ({ type: 'fylke', nummer: c.fylkesnummer, navn: c.navn, figures: c.figures }))}
          municipalities={published.counties.flatMap((c) => c.municipalities.map((m) => ({ nummer: m.kommunenummer, navn: m.navn }))).sort((a, b) => a.navn.localeCompare(b.navn, 'nb'))}
          months={published.months}
          madeAt={madeAt}
        />
      );
    // Private: the page is in the reader's language.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, max-age=60').send(renderDocument(page));
  });

  app.get<{ Querystring: { omrade?: string; format?: string } }>(STATISTICS_API_PATH, async (request: FastifyRequest<{ Querystring: { omrade?: string; format?: string } }>, reply: FastifyReply) => {
    const key = parseArea(request.query.omrade);
    const format = request.query.format ?? 'json';
    if (!key || (format !== 'json' && format !== 'csv')) throw new AppError('BAD_REQUEST', undefined, 'api.statisticsUnknownArea');
    const { published, madeAt, snapshot } = await shown();
    const view = viewArea(published, key, app.statisticsGeography);
    if (!view) throw new AppError('NOT_FOUND');
    if ('below' in view) throw new AppError('NOT_FOUND', undefined, 'api.statisticsBelowThreshold');
    const data = exportStatistics(view, viewServices(snapshot, view), published.months, madeAt);
    reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
    if (format === 'csv') {
      const name = `bekymringsmeldinger-${key.type === 'land' ? 'land' : key.nummer}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(statisticsCsv(data));
    }
    return reply.type('application/json; charset=utf-8').send(data);
  });
}

