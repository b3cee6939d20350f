// The raw Fiks JSON of one report, on a page of its own one link away from the report page
// (decision 016), so the report itself shows no protocol field and no protocol value.
import { h, type SafeHtml } from '../../web/jsx.ts';
import { BackLink } from '../../web/layout.tsx';
import { MottakLayout, type MottakContext } from '../web/mottak-layout.tsx';
import type { FoundReport } from './report-queries.ts';

/** The Fiks JSON as it came, for whoever must see the protocol itself: pretty-printed, escaped, no script. */
export function FiksJsonPage(props: { ctx: MottakContext; row: FoundReport; document: unknown }): SafeHtml {
  const { ctx, row } = props;
  const { t } = ctx;
  const title = t('mottak.fiksJson.title', { reference: row.reference });
  return (
    <MottakLayout ctx={ctx} title={title}>
      <p class="mp-back">
        <a class="ds-link" href={`/meldinger/${row.id}`}>
          {t('mottak.fiksJson.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{t('mottak.fiksJson.intro', { type: row.message_type })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/meldinger/${row.id}/eksport`}>
          {t('mottak.report.export')}
        </a>
      </p>
      <pre class="mk-json" tabindex="0" aria-label={t('mottak.fiksJson.label')}>
        {JSON.stringify(props.document, null, 2)}
      </pre>
    </MottakLayout>
  );
}
