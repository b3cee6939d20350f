import { h, Fragment, raw, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { assetPath } from '../../web/static-assets.ts';
import { translator } from '../../web/i18n.ts';
import type { DevTestPerson } from './testPersons.ts';

const t = translator('nb');

// The stand-in must stay usable even if the portal's asset pipeline is broken, so a failure to
// resolve the hashed stylesheet leaves the page unstyled instead of failing the login.
function stylesheetHref(): string | undefined {
  try {
    return assetPath('app.css');
  } catch {
    return undefined;
  }
}

// A shell of its own rather than the portal layout: the stand-in plays a different service
// (ID-porten), and it must keep working while the portal's layout changes.
function DevIdportenPage(props: { title: string; children?: unknown }): SafeHtml {
  const stylesheet = stylesheetHref();
  return (
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t('devIdporten.documentTitle', { title: props.title })}</title>
        {stylesheet ? <link rel="stylesheet" href={stylesheet} /> : null}
      </head>
      <body>
        <header>
          <p className="ds-paragraph">
            <strong>{t('devIdporten.brand')}</strong>
          </p>
          <div className="ds-alert" data-color="warning">
            <p className="ds-paragraph">
              <strong>{t('devIdporten.devNotice')}</strong>
            </p>
            <p className="ds-paragraph">{t('devIdporten.devNoticeDetail')}</p>
          </div>
        </header>
        <main id="main">{props.children as SafeHtml}</main>
      </body>
    </html>
  );
}

export function loginPage(props: {
  actionPath: string;
  abortPath: string;
  persons: readonly DevTestPerson[];
  missingChoice: boolean;
}): string {
  const errorId = 'person-error';
  return renderDocument(
    <DevIdportenPage title={t('devIdporten.login.title')}>
      <h1 className="ds-heading" data-size="lg">
        {t('devIdporten.login.title')}
      </h1>
      <p className="ds-paragraph">{t('devIdporten.login.intro')}</p>
      <form method="post" action={props.actionPath}>
        <fieldset className="ds-fieldset" aria-describedby={props.missingChoice ? errorId : undefined}>
          <legend className="ds-label">{t('devIdporten.login.legend')}</legend>
          {props.persons.map((person, i) => (
            <div className="ds-field">
              <input
                className="ds-input"
                type="radio"
                id={`person-${i}`}
                name="person"
                value={person.sub}
                aria-describedby={`person-${i}-fnr`}
                aria-invalid={props.missingChoice ? 'true' : undefined}
              />
              <label className="ds-label" htmlFor={`person-${i}`}>
                {person.name}
              </label>
              <div data-field="description" id={`person-${i}-fnr`}>
                {t('devIdporten.login.fnr', { fnr: person.pid })}
              </div>
            </div>
          ))}
          {props.missingChoice ? (
            <p className="ds-validation-message" data-field="validation" id={errorId}>
              {t('devIdporten.login.missingChoice')}
            </p>
          ) : null}
        </fieldset>
        <p className="ds-paragraph">
          <button type="submit" className="ds-button" data-variant="primary">
            {t('devIdporten.login.submit')}
          </button>{' '}
          <button type="submit" className="ds-button" data-variant="secondary" formaction={props.abortPath}>
            {t('devIdporten.login.cancel')}
          </button>
        </p>
      </form>
    </DevIdportenPage>,
  );
}

export function expiredPage(): string {
  return renderDocument(
    <DevIdportenPage title={t('devIdporten.expired.title')}>
      <h1 className="ds-heading" data-size="lg">
        {t('devIdporten.expired.title')}
      </h1>
      <p className="ds-paragraph">{t('devIdporten.expired.body')}</p>
    </DevIdportenPage>,
  );
}

export function errorPage(code: string): string {
  return renderDocument(
    <DevIdportenPage title={t('devIdporten.error.title')}>
      <h1 className="ds-heading" data-size="lg">
        {t('devIdporten.error.title')}
      </h1>
      <p className="ds-paragraph">{t('devIdporten.error.body')}</p>
      <p className="ds-paragraph">{t('devIdporten.error.code', { code })}</p>
    </DevIdportenPage>,
  );
}

/** `providerForm` is oidc-provider's own hidden form (with its xsrf token), not user input. */
export function logoutPage(providerForm: string): string {
  return renderDocument(
    <DevIdportenPage title={t('devIdporten.logout.title')}>
      <h1 className="ds-heading" data-size="lg">
        {t('devIdporten.logout.title')}
      </h1>
      <p className="ds-paragraph">{t('devIdporten.logout.body')}</p>
      {raw(providerForm)}
      <p className="ds-paragraph">
        <button type="submit" className="ds-button" data-variant="primary" form="op.logoutForm" name="logout" value="yes">
          {t('devIdporten.logout.confirm')}
        </button>
      </p>
    </DevIdportenPage>,
  );
}

export function loggedOutPage(): string {
  return renderDocument(
    <DevIdportenPage title={t('devIdporten.loggedOut.title')}>
      <h1 className="ds-heading" data-size="lg">
        {t('devIdporten.loggedOut.title')}
      </h1>
      <p className="ds-paragraph">{t('devIdporten.loggedOut.body')}</p>
    </DevIdportenPage>,
  );
}
