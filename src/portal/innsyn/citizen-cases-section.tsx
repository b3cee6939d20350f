// The front page's way in for the parents and children in a case (decision 024), where citizen
// services are on.
import { h, type SafeHtml } from '../../web/jsx.ts';
import { partLanguage } from '../../web/layout.tsx';
import type { PageContext } from '../web/portal-layout.tsx';
import { CASES_PATH } from './case-pages.tsx';

/**
 * For the parents and children in a case, where citizen services are on (decision 024): the way to
 * their own case. Its words are not yet in Sámi, so a Sámi page reads them in bokmål, marked so.
 */
export function CitizenCasesSection(props: { ctx: PageContext; childMinAge: number }): SafeHtml {
  const { t } = props.ctx;
  const lang = partLanguage(t, 'innsyn.start.heading');
  return (
    <section aria-labelledby="case-heading" lang={lang}>
      <h2 class="ds-heading" data-size="md" id="case-heading">
        {t('innsyn.start.heading')}
      </h2>
      <p class="ds-paragraph">{t('innsyn.start.body', { age: String(props.childMinAge) })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={CASES_PATH}>
          {t('innsyn.start.link')}
        </a>
      </p>
    </section>
  );
}
