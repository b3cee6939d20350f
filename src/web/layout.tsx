import { h, Fragment, type SafeHtml } from './jsx.ts';
import type { Translate } from './i18n.ts';
import { assetPath } from './static-assets.ts';

export interface PageContext {
  t: Translate;
  lang: string;
  csrfToken: string;
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

function formatTime(epochMs: number, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' }).format(epochMs);
}

/** The head every page has: our stylesheet and script (hashed names), the title; `noindex` for work tools. */
export function DocumentHead(props: { title: string; noindex?: boolean }): SafeHtml {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {props.noindex ? <meta name="robots" content="noindex" /> : null}
      <title>{props.title}</title>
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
            {ctx.personName ? (
              <form method="post" action="/auth/logout" class="mp-header__logout">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <a class="ds-button" data-variant="tertiary" data-size="sm" href="/mine-meldinger">
                  {t('myReports.nav')}
                </a>{' '}
                <span class="mp-header__person">{t('common.loggedInAs', { name: ctx.personName })}</span>{' '}
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                  {t('common.logout')}
                </button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" class="mp-container mp-main" tabindex="-1">
          {ctx.sessionExpiresAt ? <SessionNotice ctx={ctx} expiresAt={ctx.sessionExpiresAt} /> : null}
          {props.children as SafeHtml}
        </main>
        <footer class="mp-footer">
          <div class="mp-container">
            <h2 class="ds-heading" data-size="xs">
              {t('common.footer.heading')}
            </h2>
            <p class="ds-paragraph" data-size="sm">
              {t('common.footer.about')}
            </p>
            <p class="ds-paragraph" data-size="sm">
              {t('common.footer.urgent')}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Without JS the notice says when the login ends; app.js turns it into a live warning near the end. */
function SessionNotice(props: { ctx: PageContext; expiresAt: number }): SafeHtml {
  const { t, lang } = props.ctx;
  const minutes = 30;
  return (
    <div class="mp-session" data-expires-at={String(props.expiresAt)}>
      <p class="ds-paragraph mp-session__notice" data-size="sm">
        {t('common.sessionNotice', { minutes, time: formatTime(props.expiresAt, lang) })}
      </p>
      <div class="ds-alert mp-session__warning" data-color="warning" hidden role="alert">
        <h2 class="ds-heading" data-size="2xs">
          {t('common.sessionWarning.heading')}
        </h2>
        <p class="ds-paragraph">{t('common.sessionWarning.body', { time: formatTime(props.expiresAt, lang) })}</p>
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

export function ErrorSummary(props: { ctx: PageContext; errors: FieldError[] }): SafeHtml {
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

export function BackLink(props: { href: string; ctx: PageContext }): SafeHtml {
  return (
    <p class="mp-back">
      <a class="ds-link" href={props.href}>
        {props.ctx.t('common.back')}
      </a>
    </p>
  );
}

export function CsrfField(props: { ctx: PageContext }): SafeHtml {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}
