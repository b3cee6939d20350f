// GET /statistikk: the public statistics, for the country, a county or a municipality; and
// GET /api/v1/statistikk (JSON, or CSV with format=csv) with the same numbers. Every page and
// download reads one protected snapshot (statistics-snapshot.ts); nothing here touches a report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { AppError } from '../../web/errors.ts';
import { formatInstant } from '../../web/intl-format.ts';
import { type Figure, type Municipality } from '../../domain/statistics/publish.ts';
import { DELIVERY_TIME_BUCKETS } from '../../domain/statistics/measures.ts';
import { CaseFiguresSections, ChartFigure, NumberCell, Section, monthLabel, shareText, type CaseFigures } from '../../web/case-statistics.tsx';
import { exportStatistics, statisticsCsv } from './statistics-export.ts';
import { parseArea, viewArea, viewServices, type AreaView, type ServicesView, type StatisticsSnapshots } from './statistics-snapshot.ts';
import { shareWithinDeadline } from '../../domain/statistics/publish-services.ts';

export const STATISTICS_PATH = '/statistikk';
export const STATISTICS_API_PATH = '/api/v1/statistikk';

declare module 'fastify' {
  interface FastifyInstance {
    statistics: StatisticsSnapshots;
    statisticsGeography: readonly Municipality[];
  }
}

function areaName(ctx: PageContext, area: AreaView): string {
  if (area.type === 'land') return ctx.t('statistics.area.country');
  if (area.type === 'mindre') return ctx.t('statistics.area.smaller', { count: String(area.municipalities ?? 0) });
  return area.navn;
}

function AreaChooser(props: { ctx: PageContext; area: AreaView; counties: AreaView[]; municipalities: { nummer: string; navn: string }[] }): SafeHtml {
  const { t } = props.ctx;
  const selected = props.area.type === 'land' ? 'land' : props.area.nummer;
  return (
    <form method="get" action={STATISTICS_PATH} class="mp-actions" role="search" aria-label={t('statistics.choose.label')}>
      <div class="ds-field">
        <label class="ds-label" for="omrade">
          {t('statistics.choose.label')}
        </label>
        <select class="ds-input" id="omrade" name="omrade">
          <option value="land" selected={selected === 'land'}>
            {t('statistics.choose.country')}
          </option>
          <optgroup label={t('statistics.choose.countyGroup')}>
            {props.counties.map((c) => (
              <option value={c.nummer} selected={selected === c.nummer}>
                {c.navn}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('statistics.choose.municipalityGroup')}>
            {props.municipalities.map((m) => (
              <option value={m.nummer} selected={selected === m.nummer}>
                {m.navn}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <button type="submit" class="ds-button" data-variant="secondary">
        {t('statistics.choose.submit')}
      </button>
    </form>
  );
}

function KeyFigures(props: { ctx: PageContext; area: AreaView }): SafeHtml {
  const { t } = props.ctx;
  const rows: [string, Figure][] = [
    ['statistics.key.sent', 'sendt'],
    ['statistics.key.private', 'sendt.privat'],
    ['statistics.key.professional', 'sendt.offentlig'],
    ['statistics.key.delivered', 'levert'],
    ['statistics.key.toPrint', 'til-print'],
  ];
  return (
    <Section level={2} id="key" heading={t('statistics.key.heading')}>
      <table class="mp-summary" data-table="key">
        <tbody>
          {rows.map(([label, figure]) => (
            <tr data-figure={figure}>
              <th scope="row">{t(label)}</th>
              <NumberCell t={props.ctx.t} cell={props.area.figures[figure]} />
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function MonthsSection(props: { ctx: PageContext; area: AreaView; months: readonly string[] }): SafeHtml {
  const { t } = props.ctx;
  const months = props.area.months;
  const heading = t('statistics.months.heading');
  return (
    <Section level={2} id="months" heading={heading}>
      {months ? (
        <ChartFigure t={t} id="months" describe={t('statistics.months.chart')} heading={heading} bars={props.months.map((m) => ({ label: monthLabel(t, m), cell: months[m]! }))}>
          <table class="mk-table" data-table="months">
            <caption>{t('statistics.months.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statistics.months.month')}</th>
                <th scope="col" class="mp-number">
                  {t('statistics.months.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.months.map((m) => (
                <tr data-label={monthLabel(t, m)}>
                  <th scope="row">{monthLabel(t, m)}</th>
                  <NumberCell t={t} cell={months[m]!} />
                </tr>
              ))}
            </tbody>
          </table>
        </ChartFigure>
      ) : (
        <p class="ds-paragraph">{t('statistics.months.notPublished')}</p>
      )}
    </Section>
  );
}

function PartsSection(props: { ctx: PageContext; area: AreaView }): SafeHtml {
  const { ctx, area } = props;
  const { t } = ctx;
  if (!area.parts) return <></>;
  const heading = t(area.type === 'land' ? 'statistics.parts.headingCountry' : 'statistics.parts.headingCounty');
  return (
    <Section level={2} id="parts" heading={heading}>
      <ChartFigure t={t} id="parts" describe={t('statistics.parts.chart')} heading={heading} bars={area.parts.map((p) => ({ label: areaName(ctx, p), cell: p.figures.sendt }))}>
        <div class="mk-table-wrap">
          <table class="mk-table" data-table="parts">
            <caption>{t('statistics.parts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statistics.parts.area')}</th>
                <th scope="col" class="mp-number">
                  {t('statistics.parts.sent')}
                </th>
                <th scope="col" class="mp-number">
                  {t('statistics.parts.delivered')}
                </th>
              </tr>
            </thead>
            <tbody>
              {area.parts.map((p) => (
                <tr data-label={areaName(ctx, p)}>
                  <th scope="row">
                    {p.type === 'mindre' ? (
                      areaName(ctx, p)
                    ) : (
                      <a class="ds-link" href={`${STATISTICS_PATH}?omrade=${p.nummer}`}>
                        {areaName(ctx, p)}
                      </a>
                    )}
                  </th>
                  <NumberCell t={t} cell={p.figures.sendt} />
                  <NumberCell t={t} cell={p.figures.levert} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartFigure>
    </Section>
  );
}

function DeliverySection(props: { ctx: PageContext; area: AreaView }): SafeHtml {
  const { ctx, area } = props;
  const { t } = ctx;
  const rows: [string, Figure][] = [
    ['statistics.delivery.fagsystem', 'levert.fagsystem'],
    ['statistics.delivery.manuell', 'levert.manuell'],
    ['statistics.delivery.print', 'levert.print'],
    ...DELIVERY_TIME_BUCKETS.map((b) => [`statistics.delivery.${b}`, `leveringstid.${b}`] as [string, Figure]),
  ];
  return (
    <Section level={2} id="delivery" heading={t('statistics.delivery.heading')}>
      <table class="mk-table" data-table="delivery">
        <caption>{t('statistics.delivery.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.delivery.what')}</th>
            <th scope="col" class="mp-number">
              {t('statistics.delivery.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, figure]) => (
            <tr data-figure={figure}>
              <th scope="row">{t(label)}</th>
              <NumberCell t={ctx.t} cell={area.figures[figure]} />
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function ServicesTable(props: { ctx: PageContext; rows: ServicesView['rows'] }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const name = (row: ServicesView['rows'][number]) => (row.services !== undefined ? t('statistics.cases.smallerServices', { count: String(row.services) }) : row.navn);
  return (
    <div class="mk-table-wrap">
      <table class="mk-table" data-table="services">
        <caption>{t('statistics.cases.servicesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.cases.service')}</th>
            <th scope="col" class="mp-number">
              {t('statistics.cases.received')}
            </th>
            <th scope="col" class="mp-number">
              {t('statistics.cases.reviewed')}
            </th>
            <th scope="col" class="mp-number">
              {t('statistics.cases.reviewShareShort')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-label={name(row)}>
              <th scope="row">{name(row)}</th>
              <NumberCell t={t} cell={row.figures.mottatt} />
              <NumberCell t={t} cell={row.figures.gjennomgang} />
              <td class="mp-number">{shareText(t, shareWithinDeadline(row.figures))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The receiving services' own figures: the country's in full, a municipality's service in full, and the services of the area. */
function ServicesSection(props: { ctx: PageContext; services: ServicesView; months: readonly string[] }): SafeHtml {
  const { ctx, services } = props;
  const { t } = ctx;
  const full = services.national ?? services.service;
  return (
    <Section level={2} id="cases" heading={services.service ? `${t('statistics.cases.heading')}: ${services.service.navn}` : t('statistics.cases.heading')}>
      <p class="ds-paragraph">{t('statistics.cases.lead')}</p>
      <p class="ds-paragraph">{services.reporting === 0 ? t('statistics.cases.noneYet') : t('statistics.cases.coverage', { reporting: services.reporting, onboarded: services.onboarded })}</p>
      {services.reporting > 0 && full ? <CaseFiguresSections t={t} figures={full.figures as CaseFigures} months={services.national?.months} monthList={props.months} idPrefix="cases" level={3} /> : null}
      {services.reporting > 0 && !services.service ? (
        <Section level={3} id="services" heading={services.national ? t('statistics.cases.servicesHeading') : t('statistics.cases.servicesHere')}>
          <p class="ds-paragraph">{t('statistics.cases.servicesIntro')}</p>
          {services.rows.length > 0 ? <ServicesTable ctx={ctx} rows={services.rows} /> : <p class="ds-paragraph">{t('statistics.cases.servicesNone')}</p>}
        </Section>
      ) : null}
    </Section>
  );
}

function StatisticsPage(props: { ctx: PageContext; area: AreaView; services: ServicesView; counties: AreaView[]; municipalities: { nummer: string; navn: string }[]; months: readonly string[]; madeAt: Date }): SafeHtml {
  const { ctx, area } = props;
  const { t } = ctx;
  const title = area.type === 'land' ? t('statistics.title') : t('statistics.titleArea', { area: areaName(ctx, area) });
  const query = area.type === 'land' ? 'land' : area.nummer;
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {t('statistics.lead')}
      </p>
      <p class="ds-paragraph">{t('statistics.privacy')}</p>
      <p class="ds-paragraph">{t('statistics.smallMunicipalities')}</p>
      <p class="ds-paragraph" data-size="sm">
        {t('statistics.updated', { time: formatInstant(ctx.lang, props.madeAt, 'long'), from: monthLabel(ctx.t, props.months[0]!), to: monthLabel(ctx.t, props.months.at(-1)!) })}
      </p>
      {area.shownIn ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`${STATISTICS_PATH}?omrade=${area.shownIn.nummer}`}>
            {t('statistics.area.county', { county: area.shownIn.navn })}
          </a>
        </p>
      ) : null}
      <AreaChooser ctx={ctx} area={area} counties={props.counties} municipalities={props.municipalities} />
      <KeyFigures ctx={ctx} area={area} />
      <MonthsSection ctx={ctx} area={area} months={props.months} />
      <PartsSection ctx={ctx} area={area} />
      <DeliverySection ctx={ctx} area={area} />
      <ServicesSection ctx={ctx} services={props.services} months={props.months} />
      <p class="ds-paragraph" data-size="sm">
        {t('statistics.legend')}
      </p>
      <Section level={2} id="download" heading={t('statistics.download.heading')}>
        <ul class="ds-list">
          <li>
            <a class="ds-link" href={`${STATISTICS_API_PATH}?omrade=${query}&format=csv`} download>
              {t('statistics.download.csv')}
            </a>
          </li>
          <li>
            <a class="ds-link" href={`${STATISTICS_API_PATH}?omrade=${query}`}>
              {t('statistics.download.json')}
            </a>
          </li>
        </ul>
        <p class="ds-paragraph" data-size="sm">
          {t('statistics.download.api')}
        </p>
      </Section>
    </Layout>
  );
}

function BelowThresholdPage(props: { ctx: PageContext; municipality: string; county: { nummer: string; navn: string } }): SafeHtml {
  const { t } = props.ctx;
  const title = t('statistics.below.heading', { municipality: props.municipality });
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{t('statistics.below.body', { municipality: props.municipality, county: props.county.navn })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`${STATISTICS_PATH}?omrade=${props.county.nummer}`}>
          {t('statistics.below.link', { county: props.county.navn })}
        </a>
      </p>
    </Layout>
  );
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

