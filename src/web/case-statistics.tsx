// The receiving services' figures as tables and charts: what was received, how it was concluded, who
// reported and what it concerned, the § 2-1 reviews within their deadline, and feedback on time. The
// portal's public page shows them protected; mottak shows a manager their own service's figures
// unprotected, with the same sections (every count then simply "shown").
import { h, Fragment, type SafeHtml } from './jsx.ts';
import type { Translate } from './i18n.ts';
import { intlLocale } from './i18n.ts';
import { formatDecimal } from './intl-format.ts';
import { BarChart, type Bar } from './bar-chart.tsx';
import { FigureTable, SummaryTable } from './figure-table.tsx';
import type { Disclosed } from '../domain/statistics/disclosure.ts';
import { CONCLUSION_CODES, REPORTER_CODES, groupContentCodes } from '../domain/ssb-codes.ts';
import { MAIN_AREAS } from '../domain/statistics/mottak-measures.ts';
import { shareOf, shareWithinDeadline, type ServiceFigure, type ServiceLevelFigure, type ServiceMonthFigure } from '../domain/statistics/publish-services.ts';

/** A service's figures, with the code splits where they are published (the country, the manager's own). */
export type CaseFigures = Record<ServiceLevelFigure, Disclosed> & Partial<Record<ServiceFigure, Disclosed>>;
export type CaseMonths = Record<string, Record<ServiceMonthFigure | 'gjennomgang', Disclosed>>;

export function disclosedText(t: Translate, d: Disclosed): string {
  if (d.kind === 'shown') return formatDecimal(t.lang, d.value, 0);
  return t(d.kind === 'small' ? 'statistics.cell.small' : 'statistics.cell.hidden');
}

export function monthLabel(t: Translate, month: string): string {
  return new Intl.DateTimeFormat(intlLocale(t.lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}T00:00:00Z`));
}

/** A share as a whole percent, or "–" when a count behind it is not published. */
export function shareText(t: Translate, share: number | undefined): string {
  return share === undefined ? t('statistics.cases.noShare') : `${formatDecimal(t.lang, share * 100, 0)} %`;
}

export type HeadingLevel = 2 | 3 | 4;

const HEADING_SIZE = { 2: 'md', 3: 'sm', 4: 'xs' } as const;

/** A section of the statistics under its own heading, named by it (a region a screen reader can list). */
export function Section(props: { level: HeadingLevel; id: string; heading: string; children?: unknown }): SafeHtml {
  const headingId = `${props.id}-heading`;
  return (
    <section class="mp-statistics-section" aria-labelledby={headingId}>
      {h(`h${props.level}`, { class: 'ds-heading', 'data-size': HEADING_SIZE[props.level], id: headingId }, props.heading)}
      {props.children as SafeHtml}
    </section>
  );
}

export function NumberCell(props: { t: Translate; cell: Disclosed }): SafeHtml {
  return <td class={props.cell.kind === 'shown' ? 'mp-number' : 'mp-number mp-number--hidden'}>{disclosedText(props.t, props.cell)}</td>;
}

/**
 * A chart under its section's heading, and the table of the same numbers one click away: folded in a
 * `<details>`, so the page is the charts, not every number twice. The table stays in the page, and
 * the summary names the section, since a page has several of them.
 */
export function ChartFigure(props: { t: Translate; id: string; describe: string; heading: string; bars: Bar[]; children?: unknown }): SafeHtml {
  const { t } = props;
  return (
    <figure class="mp-figure">
      <BarChart id={props.id} describe={props.describe} bars={props.bars} cellText={(d) => disclosedText(t, d)} />
      <details class="mp-details mp-figure__table">
        <summary>
          {t('statistics.table.show')}
          <span class="mp-visually-hidden">: {props.heading}</span>
        </summary>
        {props.children as SafeHtml}
      </details>
    </figure>
  );
}

interface CountRow {
  label: string;
  figure: string;
  cell: Disclosed;
}

/**
 * One section of counts by SSB code: its heading, a chart, and the two-column table of the same rows.
 * SSB publishes the code texts in bokmål only, so they are marked as such on a page in another language.
 */
function CountSection(props: { t: Translate; level: HeadingLevel; id: string; heading: string; intro?: string; caption: string; what: string; chart: string; rows: CountRow[] }): SafeHtml {
  const { t, id } = props;
  return (
    <Section level={props.level} id={id} heading={props.heading}>
      {props.intro ? <p class="ds-paragraph">{props.intro}</p> : null}
      <ChartFigure t={t} id={id} describe={props.chart} heading={props.heading} bars={props.rows}>
        <FigureTable
          id={id}
          wrap="scroll"
          caption={props.caption}
          what={props.what}
          columns={[t('statistics.cases.count')]}
          rows={props.rows.map((r) => ({ key: { 'data-figure': r.figure }, label: r.label, labelLang: t.lang === 'nb' ? undefined : 'nb', cells: [<NumberCell t={t} cell={r.cell} />] }))}
        />
      </ChartFigure>
    </Section>
  );
}

/**
 * The sections for one service or the country. `level` 2 on a page of its own, 3 under a
 * heading of the page's; ids are prefixed so two sets could share a page.
 */
export function CaseFiguresSections(props: { t: Translate; figures: CaseFigures; months?: CaseMonths; monthList: readonly string[]; idPrefix: string; level: 2 | 3 }): SafeHtml {
  const { t, idPrefix, level } = props;
  const id = (name: string) => `${idPrefix}-${name}`;
  // Every figure is in the record; a code list grown since would read as hidden, never as a number.
  const cellOf = (figure: string): Disclosed => props.figures[figure as ServiceFigure] ?? { kind: 'hidden' };
  const figures = props.figures;
  const keyRows: CountRow[] = [
    { label: t('statistics.cases.received'), figure: 'mottatt', cell: figures.mottatt },
    { label: t('statistics.cases.urgent'), figure: 'mottatt.haster', cell: figures['mottatt.haster'] },
    { label: t('statistics.cases.concluded'), figure: 'konkludert', cell: figures.konkludert },
    { label: t('statistics.cases.investigationsOpened'), figure: 'konklusjon.2', cell: cellOf('konklusjon.2') },
    { label: t('statistics.cases.investigationsClosed'), figure: 'undersokelse.henlagt', cell: figures['undersokelse.henlagt'] },
    { label: t('statistics.cases.investigationsMeasures'), figure: 'undersokelse.tiltak', cell: figures['undersokelse.tiltak'] },
  ];
  // A code no longer in use is listed only where it was used.
  const used = (figure: string) => {
    const cell = cellOf(figure);
    return cell.kind !== 'shown' || cell.value > 0;
  };
  const codeRows = (prefix: string, codes: readonly { code: string; text: string; validTo: string }[]) =>
    codes.filter((c) => !c.validTo || used(`${prefix}.${c.code}`)).map((c) => ({ label: `${c.code} ${c.text}`, figure: `${prefix}.${c.code}`, cell: cellOf(`${prefix}.${c.code}`) }));
  const conclusionRows = codeRows('konklusjon', CONCLUSION_CODES);
  const melderRows = codeRows('melder', REPORTER_CODES);
  const areaNames = new Map(groupContentCodes().map((a, i) => [MAIN_AREAS[i]!, a.mainArea]));
  const areaRows = MAIN_AREAS.map((a) => ({ label: `${a} ${sentenceCase(areaNames.get(a) ?? '')}`, figure: `saksinnhold.${a}`, cell: cellOf(`saksinnhold.${a}`) }));
  const review = shareWithinDeadline(figures);
  const splits = CONCLUSION_CODES.every((c) => `konklusjon.${c.code}` in figures);
  return (
    <>
      <Section level={level} id={id('key')} heading={t('statistics.cases.keyHeading')}>
        <SummaryTable id={id('key')} rows={keyRows.map((r) => ({ figure: r.figure, label: r.label, cell: <NumberCell t={t} cell={r.cell} /> }))} />
      </Section>
      <Section level={level} id={id('review')} heading={t('statistics.cases.reviewHeading')}>
        <p class="ds-paragraph">{t('statistics.cases.reviewIntro')}</p>
        <SummaryTable
          id={id('review')}
          rows={[
            { figure: 'gjennomgang.andel', label: t('statistics.cases.reviewShare'), cell: <td class="mp-number">{shareText(t, review)}</td> },
            { figure: 'gjennomgang.innen-frist', label: t('statistics.cases.reviewWithin'), cell: <NumberCell t={t} cell={figures['gjennomgang.innen-frist']} /> },
            { figure: 'gjennomgang.over-frist', label: t('statistics.cases.reviewOver'), cell: <NumberCell t={t} cell={figures['gjennomgang.over-frist']} /> },
            { figure: 'tilbakemelding.andel', label: t('statistics.cases.feedbackShare'), cell: <td class="mp-number">{shareText(t, shareOf(figures['tilbakemelding.i-tide'], figures.tilbakemelding))}</td> },
            { figure: 'tilbakemelding.for-sent', label: t('statistics.cases.feedbackLate'), cell: <NumberCell t={t} cell={figures['tilbakemelding.for-sent']} /> },
          ]}
        />
        {props.months ? <ReviewMonths t={t} months={props.months} monthList={props.monthList} id={id('review-months')} level={(level + 1) as HeadingLevel} /> : null}
      </Section>
      {splits ? (
        <>
          <CountSection t={t} level={level} id={id('conclusions')} heading={t('statistics.cases.conclusionsHeading')} caption={t('statistics.cases.conclusionsCaption')} what={t('statistics.cases.conclusionCode')} chart={t('statistics.cases.conclusionsChart')} rows={conclusionRows} />
          <CountSection t={t} level={level} id={id('content')} heading={t('statistics.cases.contentHeading')} intro={t('statistics.cases.contentIntro')} caption={t('statistics.cases.contentCaption')} what={t('statistics.cases.mainArea')} chart={t('statistics.cases.contentChart')} rows={areaRows} />
          <CountSection t={t} level={level} id={id('melder')} heading={t('statistics.cases.melderHeading')} caption={t('statistics.cases.melderCaption')} what={t('statistics.cases.melderCode')} chart={t('statistics.cases.melderChart')} rows={melderRows} />
        </>
      ) : null}
    </>
  );
}

function ReviewMonths(props: { t: Translate; months: CaseMonths; monthList: readonly string[]; id: string; level: HeadingLevel }): SafeHtml {
  const { t, months } = props;
  const heading = t('statistics.cases.reviewMonthsHeading');
  return (
    <Section level={props.level} id={props.id} heading={heading}>
      <ChartFigure t={t} id={props.id} describe={t('statistics.cases.reviewMonthsChart')} heading={heading} bars={props.monthList.map((m) => ({ label: monthLabel(t, m), cell: months[m]!['gjennomgang.innen-frist'] }))}>
        {/* Five columns may not fit a narrow screen: the table then scrolls, and a keyboard can reach it. */}
        <FigureTable
          id={props.id}
          wrap="region"
          caption={t('statistics.cases.reviewMonthsCaption')}
          what={t('statistics.months.month')}
          columns={[t('statistics.cases.received'), t('statistics.cases.reviewWithinShort'), t('statistics.cases.reviewOverShort'), t('statistics.cases.reviewShareShort')]}
          rows={props.monthList.map((m) => {
            const row = months[m]!;
            return {
              key: { 'data-label': monthLabel(t, m) },
              label: monthLabel(t, m),
              cells: [<NumberCell t={t} cell={row.mottatt} />, <NumberCell t={t} cell={row['gjennomgang.innen-frist']} />, <NumberCell t={t} cell={row['gjennomgang.over-frist']} />, <td class="mp-number">{shareText(t, shareWithinDeadline(row))}</td>],
            };
          })}
        />
      </ChartFigure>
    </Section>
  );
}

function sentenceCase(text: string): string {
  return text ? text.charAt(0) + text.slice(1).toLocaleLowerCase('nb') : text;
}
