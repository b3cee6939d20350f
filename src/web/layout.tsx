import { h, Fragment, type SafeHtml } from './jsx.ts';
import { translator, type Language, type Translate } from './i18n.ts';
import { formatInstant } from './intl-format.ts';
import { languageSwitchHref } from './language.ts';
import { assetPath, FAVICON } from './static-assets.ts';

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

export interface FieldError {
  /** The id of the input (or the first input of a group) the message belongs to. */
  field: string;
  message: string;
}

/** The head every page has: our icon, stylesheet and script (hashed names), the title; `noindex` for work tools. */
export function DocumentHead(props: { title: string; noindex?: boolean }): SafeHtml {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {props.noindex ? <meta name="robots" content="noindex" /> : null}
      <title>{props.title}</title>
      <link rel="icon" href={assetPath(FAVICON)} type="image/svg+xml" />
      <link rel="stylesheet" href={assetPath('app.css')} />
      <script src={assetPath('app.js')} defer></script>
    </head>
  );
}

export function SkipLink(props: { t: Translate }): SafeHtml {
  return (
    <a class="ds-skip-link" href="#main">
      {props.t('common.skipLink')}
    </a>
  );
}

/** `lang` for a text shown in another language than the page's (WCAG 3.1.2), else nothing. */
export function partLanguage(t: Translate, key: string): Language | undefined {
  const lang = t.langOf(key);
  return lang === t.lang ? undefined : lang;
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

/**
 * In the header: a link down to the language switcher, named in the page's language and, for those
 * who cannot read it, in English too (marked as English, so a screen reader says it right).
 */
export function LanguageJumpLink(props: { ctx: { t: Translate; lang: Language } }): SafeHtml {
  const { t, lang } = props.ctx;
  return (
    <a class="mp-header__language" href="#sprakvalg">
      {t('common.language.heading')}
      {lang === 'en' ? null : (
        <>
          {' / '}
          <span lang="en">{translator('en')('common.language.heading')}</span>
        </>
      )}
    </a>
  );
}

/**
 * Each language named in itself and marked with its own `lang`. Links choose the language and come
 * back to this page; on a form step they are buttons of the step's form (after its own submit button,
 * so Enter still means "Continue"), and what was typed comes back with the page.
 */
export function LanguageSwitcher(props: { ctx: Pick<PageContext, 't' | 'lang' | 'languages' | 'currentUrl' | 'languageForm'> }): SafeHtml {
  const { ctx } = props;
  return (
    <nav class="mp-language" id="sprakvalg" aria-labelledby="sprakvalg-heading" tabindex="-1">
      <h2 class="ds-heading" data-size="2xs" id="sprakvalg-heading">
        {ctx.t('common.language.heading')}
      </h2>
      <ul class="mp-language__list">
        {ctx.languages.map((lang) => {
          const name = translator(lang)('common.language.endonym');
          if (lang === ctx.lang) {
            return (
              <li lang={lang} aria-current="true" class="mp-language__current">
                {name}
              </li>
            );
          }
          return (
            <li lang={lang}>
              {ctx.languageForm ? (
                <button type="submit" form={ctx.languageForm} name="sprak" value={lang} formnovalidate class="ds-button" data-variant="tertiary" data-size="sm">
                  {name}
                </button>
              ) : (
                <a class="ds-link" href={languageSwitchHref(lang, ctx.currentUrl)} hreflang={lang}>
                  {name}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
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

export function ErrorSummary(props: { ctx: { t: Translate }; errors: FieldError[] }): SafeHtml {
  if (props.errors.length === 0) return <></>;
  return (
    <div class="ds-error-summary" tabindex="-1" id="error-summary" aria-labelledby="error-summary-heading">
      <h2 class="ds-heading" id="error-summary-heading" data-size="xs">
        {props.ctx.t('common.errorSummaryHeading')}
      </h2>
      <ul class="ds-list">
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BackLink(props: { href: string; ctx: { t: Translate } }): SafeHtml {
  return (
    <p class="mp-back">
      <a class="ds-link" href={props.href}>
        {props.ctx.t('common.back')}
      </a>
    </p>
  );
}

export function CsrfField(props: { ctx: { csrfToken: string } }): SafeHtml {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}
