// The statistics pages: the country, a county or a municipality with its sections and the way to
// another area, and the page for a municipality too small to publish alone.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { formatInstant } from '../../web/intl-format.ts';
import { Section, monthLabel } from '../../web/case-statistics.tsx';
import type { AreaView, ServicesView } from './statistics-snapshot.ts';
import { areaName, DeliverySection, KeyFigures, MonthsSection, PartsSection, ServicesSection } from './statistics-sections.tsx';
import { STATISTICS_API_PATH, STATISTICS_PATH } from './statistics-paths.ts';


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

export function StatisticsPage(props: { ctx: PageContext; area: AreaView; services: ServicesView; counties: AreaView[]; municipalities: { nummer: string; navn: string }[]; months: readonly string[]; madeAt: Date }): SafeHtml {
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

export function BelowThresholdPage(props: { ctx: PageContext; municipality: string; county: { nummer: string; navn: string } }): SafeHtml {
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
