// The front door's views: the start page (who should report and when, what to do when it is urgent),
// a municipality's contact cards, and what to do when it is not connected to this portal.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { ErrorSummary, partLanguage, type FieldError } from '../../web/layout.tsx';
import { CitizenCasesSection } from '../innsyn/citizen-cases-section.tsx';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { TextField, ChoiceGroup, SubmitButton } from '../../web/form-fields.tsx';
import type { MunicipalityMatch } from '../registry/find-municipality.ts';
import type { ServiceContact } from '../registry/registry-queries.ts';
import type { Municipality } from '../registry/reference-data.ts';
import { PhoneLink } from '../../web/phone-link.tsx';
import { UnsentReport, type Unsent } from '../journey/unsent-report.tsx';
import { BarnevernvaktDetails, BarnevernvaktLine } from './barnevernvakt.tsx';

const WHEN_ITEMS = ['alone', 'abuse', 'substance', 'mentalHealth', 'control', 'ownChild', 'basicNeeds'];

/** `citizenCasesFromAge`: citizen services are on, and the child sees their case from this age. */
export function StartPage(props: { ctx: PageContext; unsent?: Unsent; citizenCasesFromAge?: number | undefined }): SafeHtml {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('start.title')}>
      <h1 class="ds-heading" data-size="xl">
        {t('start.title')}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {t('start.lead')}
      </p>
      {props.unsent ? <UnsentReport ctx={props.ctx} unsent={props.unsent} /> : null}
      <UrgentBox ctx={props.ctx} />
      {/* First what to do when it cannot wait, then the way in: on a laptop (1280 × 900) both are
          seen without scrolling. The guidance follows for those who want it. */}
      <p>
        <a class="ds-button" data-variant="primary" href="/meld/hvem">
          {t('start.start')}
        </a>
      </p>
      <section aria-labelledby="when-heading">
        <h2 class="ds-heading" data-size="md" id="when-heading">
          {t('start.when.heading')}
        </h2>
        <p class="ds-paragraph">{t('start.when.intro')}</p>
        <ul class="ds-list">
          {WHEN_ITEMS.map((item) => (
            <li>{t(`start.when.items.${item}`)}</li>
          ))}
        </ul>
        <p class="ds-paragraph">{t('start.when.unsure')}</p>
      </section>
      <section aria-labelledby="who-heading">
        <h2 class="ds-heading" data-size="md" id="who-heading">
          {t('start.who.heading')}
        </h2>
        <p class="ds-paragraph">{t('start.who.body')}</p>
      </section>
      <section aria-labelledby="talk-heading">
        <h2 class="ds-heading" data-size="md" id="talk-heading">
          {t('start.talk.heading')}
        </h2>
        <p class="ds-paragraph">{t('start.talk.body')}</p>
      </section>
      <section aria-labelledby="anon-heading">
        <h2 class="ds-heading" data-size="md" id="anon-heading">
          {t('start.anonymous.heading')}
        </h2>
        <p class="ds-paragraph">{t('start.anonymous.body')}</p>
      </section>
      <section aria-labelledby="next-heading">
        <h2 class="ds-heading" data-size="md" id="next-heading">
          {t('start.next.heading')}
        </h2>
        <p class="ds-paragraph">{t('start.next.body')}</p>
      </section>
      {props.citizenCasesFromAge !== undefined ? <CitizenCasesSection ctx={props.ctx} childMinAge={props.citizenCasesFromAge} /> : null}
      <ContactSearch ctx={props.ctx} value="" />
    </Layout>
  );
}

/** `emergency` replaces the last line where the page has no contact search below to point to. */
export function UrgentBox(props: { ctx: PageContext; service?: ServiceContact; emergency?: SafeHtml }): SafeHtml {
  const { t } = props.ctx;
  return (
    <section class="ds-alert" data-color="danger" aria-labelledby="urgent-heading">
      <h2 class="ds-heading" data-size="xs" id="urgent-heading">
        {t('start.urgent.heading')}
      </h2>
      <ul class="ds-list">
        <li>{t('start.urgent.police')}</li>
        <li>{t('start.urgent.alarm')}</li>
        {props.service ? (
          <li>
            <BarnevernvaktLine ctx={props.ctx} service={props.service} />
          </li>
        ) : (
          <li>{props.emergency ?? t('start.urgent.emergencyService')}</li>
        )}
      </ul>
    </section>
  );
}

/** On the start page a section (h2); on /kontakt the page itself, so its heading is the h1. */
export function ContactSearch(props: { ctx: PageContext; value: string; errors?: FieldError[]; standalone?: boolean }): SafeHtml {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="contact-heading">
      {props.standalone ? (
        <>
          <h1 class="ds-heading" data-size="lg" id="contact-heading">
            {t('start.contact.pageTitle')}
          </h1>
          {/* After the h1, so headings stay in order; focus moves to it when JS runs. */}
          <ErrorSummary ctx={props.ctx} errors={props.errors ?? []} />
        </>
      ) : (
        <h2 class="ds-heading" data-size="md" id="contact-heading">
          {t('start.contact.heading')}
        </h2>
      )}
      <form method="get" action="/kontakt" class="mp-stack">
        <TextField
          id="kommune"
          name="kommune"
          label={t('start.contact.label')}
          description={t('start.contact.description')}
          value={props.value}
          errors={props.errors}
          autocomplete="off"
          width="medium"
        />
        <SubmitButton label={t('start.contact.submit')} variant="secondary" />
      </form>
    </section>
  );
}

/** A postal address a letter can reach ends in a line with the postcode and the town. */
function hasPostcodeLine(lines: readonly string[]): boolean {
  return /^\d{4} \p{L}/u.test(lines.at(-1) ?? '');
}

export function ServiceContactCard(props: { ctx: PageContext; service: ServiceContact; municipalityWebsite?: string; id?: string }): SafeHtml {
  const { t } = props.ctx;
  const s = props.service;
  const website = props.municipalityWebsite;
  return (
    <div class="mp-card" id={props.id}>
      <h2 class="ds-heading" data-size="sm">
        {s.name}
      </h2>
      <dl class="mp-contact">
        <dt>{t('start.contact.daytime')}</dt>
        <dd>
          <PhoneLink phone={s.daytimePhone} />
        </dd>
        <dt>{t('start.contact.emergency')}</dt>
        <dd>
          <BarnevernvaktDetails ctx={props.ctx} service={s} />
        </dd>
        <dt>{t('start.contact.postal')}</dt>
        <dd>
          {s.postalAddress.map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
          {hasPostcodeLine(s.postalAddress) ? null : (
            <p class="ds-paragraph" data-size="sm" lang={partLanguage(t, 'contact.postalIncomplete')}>
              {t('contact.postalIncomplete')}
              {website ? (
                <>
                  {' '}
                  <a class="ds-link" href={website}>
                    {website.replace(/^https:\/\/|\/$/g, '')}
                  </a>
                </>
              ) : null}
            </p>
          )}
        </dd>
      </dl>
    </div>
  );
}

export function NotOnboarded(props: { ctx: PageContext; municipality: Municipality; changeHref: string }): SafeHtml {
  const { t } = props.ctx;
  const name = props.municipality.name;
  return (
    <div class="mp-stack">
      <h1 class="ds-heading" data-size="lg">
        {t('start.notOnboarded.heading', { municipality: name })}
      </h1>
      <p class="ds-paragraph">{t('start.notOnboarded.body', { municipality: name })}</p>
      <ul class="ds-list">
        {props.municipality.website ? (
          <li>
            {t('start.notOnboarded.website', { municipality: name })}{' '}
            <a class="ds-link" href={props.municipality.website}>
              {props.municipality.website.replace(/^https:\/\/|\/$/g, '')}
            </a>
          </li>
        ) : null}
        <li>{t('start.notOnboarded.phone')}</li>
        <li>{t('start.notOnboarded.post', { municipality: name })}</li>
        <li>{t('start.notOnboarded.urgent')}</li>
      </ul>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.changeHref}>
          {t('start.notOnboarded.other')}
        </a>
      </p>
    </div>
  );
}

export function municipalityMatchError(t: PageContext['t'], match: MunicipalityMatch, value: string, field: string): FieldError | undefined {
  switch (match.kind) {
    case 'empty':
      return { field, message: t('start.contact.empty') };
    case 'notFound':
      return { field, message: t('start.contact.notFound', { value }) };
    case 'unknownPostcode':
      return { field, message: t('start.contact.unknownPostcode', { value }) };
    default:
      return undefined;
  }
}

/** When a name fits several municipalities: choose one, by its number (never read as a postcode). */
export function MunicipalityChoice(props: { ctx: PageContext; candidates: readonly Municipality[] }): SafeHtml {
  const { t } = props.ctx;
  return (
    <form method="get" action="/kontakt" class="mp-stack">
      <h1 class="ds-heading" data-size="lg">
        {t('start.contact.pageTitle')}
      </h1>
      <ChoiceGroup
        id="kommunenummer"
        name="kommunenummer"
        type="radio"
        legend={t('start.contact.ambiguous')}
        choices={props.candidates.map((m) => ({ value: m.kommunenummer, label: `${m.name} (${m.countyName})` }))}
        selected={[]}
      />
      <SubmitButton label={t('start.contact.submit')} />
    </form>
  );
}

/**
 * A connected municipality's services: the districts at a glance (each a link to its card), the
 * urgent box, one card per service. One barnevernvakt for all of them (Oslo's districts share the
 * city's) goes in the urgent box; where they differ, each card has its own and the box says to look
 * below.
 */
export function MunicipalityContacts(props: { ctx: PageContext; municipality: Municipality; entries: readonly { service: ServiceContact; districts: readonly string[] }[] }): SafeHtml {
  const { ctx, municipality, entries } = props;
  const { t } = ctx;
  const services = entries.map((e) => e.service);
  const first = services[0];
  const shared = first && services.every((s) => s.emergencyPhone === first.emergencyPhone && s.emergencyHours === first.emergencyHours) ? first : undefined;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t('start.contact.pageTitle')}
      </h1>
      {entries.length > 1 ? (
        <>
          <p class="ds-paragraph" lang={partLanguage(t, 'contact.districts')}>
            {t('contact.districts', { municipality: municipality.name, count: entries.length })}
          </p>
          <ul class="mp-district-links">
            {entries.map((e) => (
              <li>
                <a class="ds-link" href={`#tjeneste-${e.service.orgnr}`}>
                  {e.districts.join(', ')}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <UrgentBox ctx={ctx} service={shared} />
      {services.map((service) => (
        <ServiceContactCard ctx={ctx} service={service} municipalityWebsite={municipality.website} id={`tjeneste-${service.orgnr}`} />
      ))}
    </>
  );
}
