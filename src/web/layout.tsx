import { h, Fragment, type SafeHtml } from './jsx.ts';
import { translator, type Language, type Translate } from './i18n.ts';
import { languageSwitchHref } from './language.ts';
import { assetPath, FAVICON } from './static-assets.ts';

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
/** What the language switcher needs of a page. */
export interface SwitcherContext {
  t: Translate;
  lang: Language;
  /** This page's path and query: where the language switcher comes back to. */
  currentUrl: string;
  /** The languages the switcher offers. */
  languages: readonly Language[];
  /** On a form step, the id of the form the language buttons submit, so what was typed is kept. */
  languageForm?: string | undefined;
}

export function LanguageSwitcher(props: { ctx: SwitcherContext }): SafeHtml {
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

/** The way back to where the page was reached from, above its heading; "Tilbake" unless it says more. */
export function BackLink(props: { href: string; ctx: { t: Translate }; text?: string }): SafeHtml {
  return (
    <p class="mp-back">
      <a class="ds-link" href={props.href}>
        {props.text ?? props.ctx.t('common.back')}
      </a>
    </p>
  );
}

export function CsrfField(props: { ctx: { csrfToken: string } }): SafeHtml {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />;
}
