// The sections of the statistics page: the key figures, the months, the parts (who reports, about
// what), delivery times, and the services' own figures. Each is a chart with its table one click away.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../web/portal-layout.tsx';
import { DELIVERY_TIME_BUCKETS } from '../../domain/statistics/measures.ts';
import type { Figure } from '../../domain/statistics/publish.ts';
import { shareWithinDeadline } from '../../domain/statistics/publish-services.ts';
import { CaseFiguresSections, ChartFigure, NumberCell, Section, monthLabel, shareText, type CaseFigures } from '../../web/case-statistics.tsx';
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

export function MonthsSection(props: { ctx: PageContext; area: AreaView; months: readonly string[] }): SafeHtml {
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

export function PartsSection(props: { ctx: PageContext; area: AreaView }): SafeHtml {
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

export function ServicesTable(props: { ctx: PageContext; rows: ServicesView['rows'] }): SafeHtml {
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
