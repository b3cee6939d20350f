// The portal's page frame: header (the reporter's name, "Mine meldinger", logout), the login-time
// notice, the footer with the pages the law asks for, and the language switcher. The pieces both
// apps share are the web kit's (src/web/layout.tsx).
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { translator, type Language, type Translate } from '../../web/i18n.ts';
import { formatInstant } from '../../web/intl-format.ts';
import { DocumentHead, LanguageJumpLink, LanguageSwitcher, partLanguage, SkipLink, type FieldError } from '../../web/layout.tsx';

export interface PageContext {
  t: Translate;
  lang: Language;
  csrfToken: string;
  /** This page's path and query: where the language switcher comes back to. */
  currentUrl: string;
  /** The languages the switcher offers. */
  languages: readonly Language[];
  /** The language the visitor chose when this page is not written in it; the page says so in that language. */
  untranslatedFrom?: Language;
  /** On a form step, the id of the form the language buttons submit, so what was typed is kept. */
  languageForm?: string;
  /** The logged-in reporter's display name, if any. */
  personName?: string;
  /** When the login expires without activity (epoch ms), to warn before it happens. */
  sessionExpiresAt?: number;
}

/**
 * The footer's links: help and what the law asks every public website to say about itself. The
 * pages' texts are not written in Sámi; on a Sámi page their names are marked as bokmål.
 */
const FOOTER_LINKS: readonly [string, string][] = [
  ['/hjelp', 'info.nav.help'],
  ['/om-tjenesten', 'info.nav.about'],
  ['/statistikk', 'common.footer.statistics'],
  ['/personvern', 'info.nav.privacy'],
  ['/informasjonskapsler', 'info.nav.cookies'],
  ['/tilgjengelighet', 'info.nav.accessibility'],
];

export function Layout(props: { ctx: PageContext; title: string; errors?: FieldError[]; children?: unknown }): SafeHtml {
  const { ctx, title } = props;
  const { t } = ctx;
  const hasErrors = (props.errors?.length ?? 0) > 0;
  const suffix = t('common.titleSuffix');
  // The front page's own title is the service name; "X – X" would read the name twice.
  const fullTitle = `${hasErrors ? `${t('common.errorTitlePrefix')} ` : ''}${title === suffix ? title : `${title} – ${suffix}`}`;
  return (
    <html lang={ctx.lang}>
      <DocumentHead title={fullTitle} />
      <body>
        <SkipLink t={t} />
        <header class="mp-header">
          <div class="mp-container mp-header__inner">
            <a class="mp-header__home" href="/">
              {t('common.serviceName')}
            </a>
            {/* On a phone the name has a row of its own and these share the next: the header stays a
                strip, not a third of the screen. */}
            <div class="mp-header__tools">
              <LanguageJumpLink ctx={ctx} />
              {ctx.personName ? (
                <>
                  <a class="mp-header__link" href="/mine-meldinger" lang={partLanguage(t, 'myReports.nav')}>
                    {t('myReports.nav')}
                  </a>
                  <form method="post" action="/auth/logout" class="mp-header__logout">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <span class="mp-header__person">{t('common.loggedInAs', { name: ctx.personName })}</span>{' '}
                    <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                      {t('common.logout')}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </div>
        </header>
        <main id="main" class="mp-container mp-main" tabindex="-1">
          {ctx.untranslatedFrom ? <UntranslatedNotice lang={ctx.untranslatedFrom} /> : null}
          {ctx.sessionExpiresAt ? <SessionNotice ctx={ctx} expiresAt={ctx.sessionExpiresAt} /> : null}
          {props.children as SafeHtml}
        </main>
        <footer class="mp-footer">
          <div class="mp-container">
            <h2 class="ds-heading" data-size="xs">
              {t('common.serviceName')}
            </h2>
            <p class="ds-paragraph" data-size="sm">
              {t('common.footer.about')}
            </p>
            <p class="ds-paragraph" data-size="sm">
              {t('common.footer.urgent')}
            </p>
            <ul class="mp-footer__links">
              {FOOTER_LINKS.map(([href, key]) => (
                <li>
                  <a class="ds-link" href={href} lang={partLanguage(t, key)}>
                    {t(key)}
                  </a>
                </li>
              ))}
            </ul>
            <LanguageSwitcher ctx={ctx} />
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Said in the language the visitor chose, which this page is not written in. */
function UntranslatedNotice(props: { lang: Language }): SafeHtml {
  return (
    <div class="ds-alert" data-color="info" lang={props.lang}>
      <p class="ds-paragraph">{translator(props.lang)('common.language.notTranslated')}</p>
    </div>
  );
}

/** Without JS the notice says when the login ends; app.js turns it into a live warning near the end. */
function SessionNotice(props: { ctx: PageContext; expiresAt: number }): SafeHtml {
  const { t, lang } = props.ctx;
  const minutes = 30;
  return (
    <div class="mp-session" data-expires-at={String(props.expiresAt)}>
      <p class="ds-paragraph mp-session__notice" data-size="sm">
        {t('common.sessionNotice', { minutes, time: formatInstant(lang, props.expiresAt, 'time') })}
      </p>
      <div class="ds-alert mp-session__warning" data-color="warning" hidden role="alert">
        <h2 class="ds-heading" data-size="2xs">
          {t('common.sessionWarning.heading')}
        </h2>
        <p class="ds-paragraph">{t('common.sessionWarning.body', { time: formatInstant(lang, props.expiresAt, 'time') })}</p>
        <form method="post" action="/meld/forleng">
          <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
          <button type="submit" class="ds-button" data-variant="secondary">
            {t('common.sessionWarning.extend')}
          </button>
        </form>
      </div>
    </div>
  );
}
