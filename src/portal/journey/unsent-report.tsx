// "You have a report you have not sent": on the front page and Mine meldinger, when this browser
// holds a draft with anything written in it. The draft lives only here (its key is in this
// browser's session cookie), which the text says, so no one looks for it on another device.
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../../web/layout.tsx';
import type { ReportDraft } from '../../domain/report.ts';

export function UnsentReport(props: { ctx: PageContext; draft: ReportDraft }): SafeHtml {
  const { t } = props.ctx;
  const municipality = props.draft.recipient?.serviceName;
  return (
    <section class="ds-alert mp-unsent" data-color="info" aria-labelledby="unsent-heading">
      <h2 class="ds-heading" data-size="xs" id="unsent-heading">
        {t('journey.unsent.heading')}
      </h2>
      <p class="ds-paragraph">{municipality ? t('journey.unsent.bodyTo', { service: municipality }) : t('journey.unsent.body')}</p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href="/meld">
          {t('journey.unsent.continue')}
        </a>
      </p>
    </section>
  );
}
