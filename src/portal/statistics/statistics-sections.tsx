// The sections of the statistics page: the key figures, the months, the parts (who reports, about
// what), delivery times, and the services' own figures. Each is a chart with its table one click away.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../web/portal-layout.tsx';
import { DELIVERY_TIME_BUCKETS } from '../../domain/statistics/measures.ts';
import type { Figure } from '../../domain/statistics/publish.ts';
import { shareWithinDeadline } from '../../domain/statistics/publish-services.ts';
import { CaseFiguresSections, ChartFigure, NumberCell, Section, monthLabel, shareText, type CaseFigures } from '../../web/case-statistics.tsx';
import { FigureTable, SummaryTable } from '../../web/figure-table.tsx';
import type { AreaView, ServicesView } from './statistics-snapshot.ts';
import { STATISTICS_PATH } from './statistics-paths.ts';

export function areaName(ctx: PageContext, area: AreaView): string {
  if (area.type === 'land') return ctx.t('statistics.area.country');
  if (area.type === 'mindre') return ctx.t('statistics.area.smaller', { count: String(area.municipalities ?? 0) });
  return area.navn;
}

export function KeyFigures(props: { ctx: PageContext; area: AreaView }): SafeHtml {
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
      <SummaryTable id="key" rows={rows.map(([label, figure]) => ({ figure, label: t(label), cell: <NumberCell t={t} cell={props.area.figures[figure]} /> }))} />
    </Section>
  );
}

export function MonthsSection(props: { ctx: PageContext; area: AreaView; months: readonly string[] }): SafeHtml {
  const { t } = props.ctx;
  const months = props.area.months;
  const heading = t('statistics.months.heading');
  return (
    <Section level={2} id="months" heading={heading}>
      {months ? (
        <ChartFigure t={t} id="months" describe={t('statistics.months.chart')} heading={heading} bars={props.months.map((m) => ({ label: monthLabel(t, m), cell: months[m]! }))}>
          <FigureTable
            id="months"
            wrap="none"
            caption={t('statistics.months.caption')}
            what={t('statistics.months.month')}
            columns={[t('statistics.months.count')]}
            rows={props.months.map((m) => ({ key: { 'data-label': monthLabel(t, m) }, label: monthLabel(t, m), cells: [<NumberCell t={t} cell={months[m]!} />] }))}
          />
        </ChartFigure>
      ) : (
        <p class="ds-paragraph">{t('statistics.months.notPublished')}</p>
      )}
    </Section>
  );
}

export function PartsSection(props: { ctx: PageContext; area: AreaView }): SafeHtml {
  const { ctx, area } = props;
  const { t } = ctx;
  if (!area.parts) return <></>;
  const heading = t(area.type === 'land' ? 'statistics.parts.headingCountry' : 'statistics.parts.headingCounty');
  return (
    <Section level={2} id="parts" heading={heading}>
      <ChartFigure t={t} id="parts" describe={t('statistics.parts.chart')} heading={heading} bars={area.parts.map((p) => ({ label: areaName(ctx, p), cell: p.figures.sendt }))}>
        <FigureTable
          id="parts"
          wrap="scroll"
          caption={t('statistics.parts.caption')}
          what={t('statistics.parts.area')}
          columns={[t('statistics.parts.sent'), t('statistics.parts.delivered')]}
          rows={area.parts.map((p) => ({
            key: { 'data-label': areaName(ctx, p) },
            label:
              p.type === 'mindre' ? (
                areaName(ctx, p)
              ) : (
                <a class="ds-link" href={`${STATISTICS_PATH}?omrade=${p.nummer}`}>
                  {areaName(ctx, p)}
                </a>
              ),
            cells: [<NumberCell t={t} cell={p.figures.sendt} />, <NumberCell t={t} cell={p.figures.levert} />],
          }))}
        />
      </ChartFigure>
    </Section>
  );
}

export function DeliverySection(props: { ctx: PageContext; area: AreaView }): SafeHtml {
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
      <FigureTable
        id="delivery"
        wrap="none"
        caption={t('statistics.delivery.caption')}
        what={t('statistics.delivery.what')}
        columns={[t('statistics.delivery.count')]}
        rows={rows.map(([label, figure]) => ({ key: { 'data-figure': figure }, label: t(label), cells: [<NumberCell t={t} cell={area.figures[figure]} />] }))}
      />
    </Section>
  );
}

export function ServicesTable(props: { ctx: PageContext; rows: ServicesView['rows'] }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const name = (row: ServicesView['rows'][number]) => (row.services !== undefined ? t('statistics.cases.smallerServices', { count: String(row.services) }) : row.navn);
  return (
    <FigureTable
      id="services"
      wrap="scroll"
      caption={t('statistics.cases.servicesCaption')}
      what={t('statistics.cases.service')}
      columns={[t('statistics.cases.received'), t('statistics.cases.reviewed'), t('statistics.cases.reviewShareShort')]}
      rows={props.rows.map((row) => ({
        key: { 'data-label': name(row) },
        label: name(row),
        cells: [<NumberCell t={t} cell={row.figures.mottatt} />, <NumberCell t={t} cell={row.figures.gjennomgang} />, <td class="mp-number">{shareText(t, shareWithinDeadline(row.figures))}</td>],
      }))}
    />
  );
}

/** The receiving services' own figures: the country's in full, a municipality's service in full, and the services of the area. */
export function ServicesSection(props: { ctx: PageContext; services: ServicesView; months: readonly string[] }): SafeHtml {
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
