// Pages shared by the identity-provider stand-ins (ID-porten, the caseworkers' IdP). Each stand-in
// brings its own locale namespace with the same key layout (see locales/nb/devIdporten.json), so
// the pages read as the service being played while the markup and its accessibility stay in one place.
import { h, Fragment, raw, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { assetPath } from '../../web/static-assets.ts';
import { translator } from '../../web/i18n.ts';

const t = translator('nb');

export interface StandInChoice {
  /** What the form posts: the account's `sub`. */
  value: string;
  label: string;
  description: string;
}

/** Choices under one legend; a group without a legend stands directly in the form's fieldset. */
export interface StandInChoiceGroup {
  legend?: string;
  choices: readonly StandInChoice[];
}

export interface StandInLoginChoices {
  /** Name of the form field that carries the chosen `sub`. */
  field: string;
  groups: readonly StandInChoiceGroup[];
}

export interface StandInPages {
  login(props: { actionPath: string; abortPath: string; missingChoice: boolean }): string;
  expired(): string;
  error(code: string): string;
  logout(providerForm: string): string;
  loggedOut(): string;
  /** After logout: each service's front-channel logout URL in a hidden frame, then on to `next`. */
  frontchannel(frames: string[], next: string): string;
}

// The stand-in must stay usable even if the portal's asset pipeline is broken, so a failure to
// resolve the hashed stylesheet leaves the page unstyled instead of failing the login.
function stylesheetHref(): string | undefined {
  try {
    return assetPath('app.css');
  } catch {
    return undefined;
  }
}

export function standInPages(namespace: string, choices: StandInLoginChoices): StandInPages {
  const text = (key: string, params?: Record<string, string>) => t(`${namespace}.${key}`, params);

  // A shell of its own rather than the portal layout: the stand-in plays a different service, and
  // it must keep working while the portal's layout changes. The title is the page's only h1.
  function Page(props: { title: string; children?: unknown }): SafeHtml {
    const stylesheet = stylesheetHref();
    return (
      <html lang="nb">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{text('documentTitle', { title: props.title })}</title>
          {stylesheet ? <link rel="stylesheet" href={stylesheet} /> : null}
        </head>
        <body>
          <header>
            <p className="ds-paragraph">
              <strong>{text('brand')}</strong>
            </p>
            <div className="ds-alert" data-color="warning">
              <p className="ds-paragraph">
                <strong>{text('devNotice')}</strong>
              </p>
              <p className="ds-paragraph">{text('devNoticeDetail')}</p>
            </div>
          </header>
          <main id="main">
            <h1 className="ds-heading" data-size="lg">
              {props.title}
            </h1>
            {props.children as SafeHtml}
          </main>
        </body>
      </html>
    );
  }

  function messagePage(section: string, ...extra: string[]): string {
    const title = text(`${section}.title`);
    return renderDocument(
      <Page title={title}>
        <p className="ds-paragraph">{text(`${section}.body`)}</p>
        {extra.map((line) => (
          <p className="ds-paragraph">{line}</p>
        ))}
      </Page>,
    );
  }

  function login(props: { actionPath: string; abortPath: string; missingChoice: boolean }): string {
    const errorId = `${choices.field}-error`;
    let index = 0;
    const radios = (group: StandInChoiceGroup) =>
      group.choices.map((choice) => {
        const id = `${choices.field}-${index++}`;
        return (
          <div className="ds-field">
            <input
              className="ds-input"
              type="radio"
              id={id}
              name={choices.field}
              value={choice.value}
              aria-describedby={props.missingChoice ? `${id}-description ${errorId}` : `${id}-description`}
              aria-invalid={props.missingChoice ? 'true' : undefined}
            />
            <label className="ds-label" htmlFor={id}>
              {choice.label}
            </label>
            <div data-field="description" id={`${id}-description`}>
              {choice.description}
            </div>
          </div>
        );
      });
    return renderDocument(
      <Page title={text('login.title')}>
        <p className="ds-paragraph">{text('login.intro')}</p>
        <form method="post" action={props.actionPath}>
          <fieldset className="ds-fieldset" aria-describedby={props.missingChoice ? errorId : undefined}>
            <legend className="ds-label">{text('login.legend')}</legend>
            {choices.groups.map((group) =>
              group.legend === undefined ? (
                radios(group)
              ) : (
                <fieldset className="ds-fieldset">
                  <legend className="ds-label">{group.legend}</legend>
                  {radios(group)}
                </fieldset>
              ),
            )}
            {props.missingChoice ? (
              <p className="ds-validation-message" data-field="validation" id={errorId}>
                {text('login.missingChoice')}
              </p>
            ) : null}
          </fieldset>
          <p className="ds-paragraph">
            <button type="submit" className="ds-button" data-variant="primary">
              {text('login.submit')}
            </button>{' '}
            <button type="submit" className="ds-button" data-variant="secondary" formaction={props.abortPath}>
              {text('login.cancel')}
            </button>
          </p>
        </form>
      </Page>,
    );
  }

  /** `providerForm` is oidc-provider's own hidden form (with its xsrf token), not user input. */
  function logout(providerForm: string): string {
    return renderDocument(
      <Page title={text('logout.title')}>
        <p className="ds-paragraph">{text('logout.body')}</p>
        {raw(providerForm)}
        <p className="ds-paragraph">
          <button type="submit" className="ds-button" data-variant="primary" form="op.logoutForm" name="logout" value="yes">
            {text('logout.confirm')}
          </button>
        </p>
      </Page>,
    );
  }

  function frontchannel(frames: string[], next: string): string {
    return renderDocument(
      // The person goes on with the link, not a timed refresh (WCAG 2.2.1): the frames load meanwhile.
      <Page title={text('loggedOut.title')}>
        <p className="ds-paragraph">{text('frontchannel.body')}</p>
        {frames.map((src, i) => (
          <iframe src={src} title={text('frontchannel.frameTitle', { n: String(i + 1) })} width="0" height="0" hidden></iframe>
        ))}
        <p className="ds-paragraph">
          <a className="ds-link" href={next}>
            {text('frontchannel.continue')}
          </a>
        </p>
      </Page>,
    );
  }

  return {
    frontchannel,
    login,
    expired: () => messagePage('expired'),
    error: (code) => messagePage('error', text('error.code', { code })),
    logout,
    loggedOut: () => messagePage('loggedOut'),
  };
}
