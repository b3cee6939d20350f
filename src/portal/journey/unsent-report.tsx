// "You have a report you have not sent": on the front page and Mine meldinger, when this browser
// holds a draft with anything written in it. The draft lives only here (its key is in this
// browser's session cookie), which the text says, so no one looks for it on another device.
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../../web/layout.tsx';

/** `service` is left out where the viewer may not be the person who wrote the report. */
export function UnsentReport(props: { ctx: PageContext; service?: string }): SafeHtml {
  const { t } = props.ctx;
  const municipality = props.service;
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
