// Mottak's page shell: the caseworker's service, the inbox's navigation, who is logged in. Shares
// the stylesheet and components with the portal but none of its pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { MOTTAK_LANGUAGES, translator, type Language, type Translate } from '../../web/i18n.ts';
import { wantedLanguage } from '../../web/language.ts';
import { DocumentHead, LanguageJumpLink, LanguageSwitcher, SkipLink, type FieldError } from '../../web/layout.tsx';
import { currentCaseworker, type CaseworkerSession } from '../auth/caseworker-session.ts';

export interface MottakContext {
  t: Translate;
  lang: Language;
  csrfToken: string;
  /** This page's path and query: where the language switcher comes back to. */
  currentUrl: string;
  languages: readonly Language[];
  caseworker: CaseworkerSession | null;
  /** The path of the page, to mark the current menu item. */
  path: string;
}

export function mottakContext(request: FastifyRequest, reply: FastifyReply, options: { safe?: boolean } = {}): MottakContext {
  let csrfToken = '';
  let caseworker: CaseworkerSession | null = null;
  try {
    csrfToken = reply.generateCsrf();
    caseworker = currentCaseworker(request);
  } catch (error) {
    if (!options.safe) throw error;
  }
  const lang = wantedLanguage(request, MOTTAK_LANGUAGES);
  return { t: translator(lang), lang, csrfToken, caseworker, path: request.url.split('?')[0] ?? '/', currentUrl: request.url, languages: MOTTAK_LANGUAGES };
}

/** The caseworker's texts, for a message made before the page's context is (a failed form's errors). */
export function mottakTranslator(request: FastifyRequest): Translate {
  return translator(wantedLanguage(request, MOTTAK_LANGUAGES));
}

function NavLink(props: { ctx: MottakContext; href: string; label: string }): SafeHtml {
  const current = props.ctx.path === props.href || props.ctx.path.startsWith(`${props.href}/`);
  return (
    <li>
      <a class="ds-link" href={props.href} aria-current={current ? 'page' : undefined}>
        {props.label}
      </a>
    </li>
  );
}

export function MottakLayout(props: { ctx: MottakContext; title: string; errors?: FieldError[]; children?: unknown }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const prefix = (props.errors?.length ?? 0) > 0 ? `${t('common.errorTitlePrefix')} ` : '';
  const cw = ctx.caseworker;
  return (
    <html lang={ctx.lang}>
      <DocumentHead title={`${prefix}${props.title} – ${t('mottak.appName')}`} noindex />
      <body>
        <SkipLink t={t} />
        <header class="mp-header">
          <div class="mp-container mk-container mp-header__inner">
            <a class="mp-header__home" href="/innboks">
              {cw ? `${t('mottak.appName')} – ${cw.serviceName}` : t('mottak.appName')}
            </a>
            <LanguageJumpLink ctx={ctx} />
            {cw ? (
              <form method="post" action="/utlogging" class="mp-header__logout">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <span class="mp-header__person">{t('mottak.loggedInAs', { name: cw.name, role: t(`mottak.roles.${cw.role}`) })}</span>{' '}
                <a class="mp-header__link mp-header__person" href="/okter">
                  {t('mottak.nav.mySessions')}
                </a>{' '}
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                  {t('common.logout')}
                </button>
              </form>
            ) : null}
          </div>
        </header>
        {cw ? (
          <nav class="mp-container mk-container" aria-label={t('mottak.nav.label')}>
            <ul class="mk-nav">
              <NavLink ctx={ctx} href="/innboks" label={t('mottak.nav.inbox')} />
              {cw.role === 'leder' ? (
                <>
                  <NavLink ctx={ctx} href="/brukere" label={t('mottak.nav.people')} />
                  <NavLink ctx={ctx} href="/frister" label={t('mottak.nav.deadlines')} />
                  <NavLink ctx={ctx} href="/avviste" label={t('mottak.nav.refused')} />
                  <NavLink ctx={ctx} href="/logg" label={t('mottak.nav.audit')} />
                  <NavLink ctx={ctx} href="/statistikk" label={t('mottak.nav.statistics')} />
                </>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <main id="main" class="mp-container mk-container mp-main" tabindex="-1">
          {props.children as SafeHtml}
        </main>
        <footer class="mp-footer">
          <div class="mp-container mk-container">
            <LanguageSwitcher ctx={ctx} />
          </div>
        </footer>
      </body>
    </html>
  );
}
