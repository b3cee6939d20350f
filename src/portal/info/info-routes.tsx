// The pages the footer links to: help, who runs the service, privacy, cookies and accessibility.
// What they say about storage and encryption is what the code does (decisions 003, 008, 009); the
// operator's name and address come from the configuration (OPERATOR_NAME, OPERATOR_EMAIL), so an
// installation never claims to be run by someone it is not. Written in bokmål, nynorsk and English; a
// Sámi reader gets them in bokmål with a notice in Sámi, as on the form (decision 013).
import type { FastifyInstance } from 'fastify';
import { h, Fragment, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { formatCalendarDate } from '../../web/intl-format.ts';
import type { Operator } from '../config.ts';
import { UrgentBox } from '../start/start-pages.tsx';
import { sessionCookieName } from '../auth/session.ts';

/** The footer's links, in the order they are shown; the paths are the pages' own. */
export const INFO_PAGES = [
  { path: '/hjelp', nav: 'info.nav.help', title: 'info.help.title' },
  { path: '/om-tjenesten', nav: 'info.nav.about', title: 'info.about.title' },
  { path: '/personvern', nav: 'info.nav.privacy', title: 'info.privacy.title' },
  { path: '/informasjonskapsler', nav: 'info.nav.cookies', title: 'info.cookies.title' },
  { path: '/tilgjengelighet', nav: 'info.nav.accessibility', title: 'info.accessibility.title' },
] as const;

/** When the accessibility statement was last looked over against the pages; change it when it is. */
export const ACCESSIBILITY_STATEMENT_UPDATED = '2026-12-07';

const EXTERNAL = {
  datatilsynet: 'https://www.datatilsynet.no/',
  diskrimineringsnemnda: 'https://www.diskrimineringsnemnda.no/',
  uutilsynet: 'https://www.uutilsynet.no/',
  uustatus: 'https://uustatus.no/',
};

interface InfoProps {
  ctx: PageContext;
  operator: Operator;
}

/**
 * A page with its h1 and a lead. The long compound titles carry soft hyphens in the locale files
 * ("Tilgjengelighets\u00aderklæring"): a phone breaks them there, with a hyphen, and not at a
 * random letter, since browsers hyphenate Norwegian only where they have a dictionary for it.
 */
function InfoPage(props: { ctx: PageContext; title: string; lead: string; children?: unknown }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {props.lead}
      </p>
      {props.children as SafeHtml}
    </Layout>
  );
}

function Section(props: { id: string; heading: string; children?: unknown }): SafeHtml {
  return (
    <section class="mp-info-section" aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="sm" id={props.id}>
        {props.heading}
      </h2>
      {props.children as SafeHtml}
    </section>
  );
}

function P(props: { children?: unknown }): SafeHtml {
  return <p class="ds-paragraph">{props.children as SafeHtml}</p>;
}

function LinkLine(props: { href: string; text: string }): SafeHtml {
  return (
    <p class="ds-paragraph">
      <a class="ds-link" href={props.href}>
        {props.text}
      </a>
    </p>
  );
}

/** Who runs this installation, or, in development, that no one is named. */
function OperatorLine(props: InfoProps): SafeHtml {
  const { t } = props.ctx;
  const name = props.operator.name;
  return <P>{name ? t('info.operator.named', { operator: name }) : t('info.operator.notNamed')}</P>;
}

/** Where to write, and what never to write there. */
function OperatorContact(props: InfoProps): SafeHtml {
  const { t } = props.ctx;
  const { name, email } = props.operator;
  return (
    <>
      {name && email ? (
        <P>
          {t('info.operator.write', { operator: name })}{' '}
          <a class="ds-link" href={`mailto:${email}`}>
            {email}
          </a>
        </P>
      ) : (
        <P>{t('info.operator.noAddress')}</P>
      )}
      <P>{t('info.operator.notByEmail')}</P>
    </>
  );
}

function List(props: { items: string[]; ordered?: boolean }): SafeHtml {
  const items = props.items.map((item) => <li>{item}</li>);
  return props.ordered ? <ol class="ds-list">{items}</ol> : <ul class="ds-list">{items}</ul>;
}

function HelpPage(props: InfoProps): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const steps = ['who', 'where', 'login', 'tell', 'attach', 'send'].map((step) => t(`info.help.how.steps.${step}`));
  return (
    <InfoPage ctx={ctx} title={t('info.help.title')} lead={t('info.help.lead')}>
      <UrgentBox
        ctx={ctx}
        emergency={
          <>
            {t('info.help.emergency')}{' '}
            <a class="ds-link" href="/kontakt">
              {t('info.help.emergencyLink')}
            </a>
          </>
        }
      />
      <Section id="how-heading" heading={t('info.help.how.heading')}>
        <List items={steps} ordered />
        <LinkLine href="/meld/hvem" text={t('info.help.how.start')} />
      </Section>
      <Section id="interrupted-heading" heading={t('info.help.interrupted.heading')}>
        <P>{t('info.help.interrupted.saved')}</P>
        <P>{t('info.help.interrupted.timeout')}</P>
        <P>{t('info.help.interrupted.logout')}</P>
      </Section>
      <Section id="no-login-heading" heading={t('info.help.noLogin.heading')}>
        <P>{t('info.help.noLogin.body')}</P>
        <LinkLine href="/kontakt" text={t('info.help.noLogin.link')} />
      </Section>
      <Section id="after-heading" heading={t('info.help.after.heading')}>
        <P>{t('info.help.after.body')}</P>
        <P>{t('info.help.after.myReports')}</P>
        <LinkLine href="/mine-meldinger" text={t('info.help.after.myReportsLink')} />
      </Section>
      <Section id="problems-heading" heading={t('info.help.problems.heading')}>
        <P>{t('info.help.problems.body')}</P>
        <OperatorContact {...props} />
      </Section>
    </InfoPage>
  );
}

function AboutPage(props: InfoProps): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <InfoPage ctx={ctx} title={t('info.about.title')} lead={t('info.about.lead')}>
      <Section id="who-heading" heading={t('info.about.who.heading')}>
        <OperatorLine {...props} />
        <P>{t('info.about.who.service')}</P>
      </Section>
      <Section id="what-heading" heading={t('info.about.what.heading')}>
        <P>{t('info.about.what.encrypts')}</P>
        <P>{t('info.about.what.letter')}</P>
        <P>{t('info.about.what.cannotRead')}</P>
        <P>{t('info.about.statistics.body')}</P>
        <LinkLine href="/statistikk" text={t('info.about.statistics.link')} />
      </Section>
      <Section id="municipalities-heading" heading={t('info.about.municipalities.heading')}>
        <P>{t('info.about.municipalities.body')}</P>
        <LinkLine href="/kontakt" text={t('info.about.municipalities.link')} />
      </Section>
      <Section id="open-source-heading" heading={t('info.about.openSource.heading')}>
        <P>{t('info.about.openSource.body')}</P>
      </Section>
      <Section id="contact-heading" heading={t('info.about.contact.heading')}>
        <OperatorContact {...props} />
      </Section>
    </InfoPage>
  );
}

function PrivacyPage(props: InfoProps & { retentionDays: number }): SafeHtml {
  const { ctx, operator } = props;
  const { t } = ctx;
  const key = (k: string) => t(`info.privacy.${k}`);
  return (
    <InfoPage ctx={ctx} title={key('title')} lead={key('lead')}>
      <Section id="controller-heading" heading={key('controller.heading')}>
        <P>{operator.name ? t('info.privacy.controller.named', { operator: operator.name }) : t('info.operator.notNamed')}</P>
        <P>{key('controller.service')}</P>
      </Section>
      <Section id="what-heading" heading={key('what.heading')}>
        <List items={['login', 'report', 'contact', 'delivery'].map((k) => key(`what.${k}`))} />
      </Section>
      <Section id="why-heading" heading={key('why.heading')}>
        <P>{key('why.purpose')}</P>
        <P>{key('why.duty')}</P>
        <P>{key('why.basis')}</P>
        <P>{key('why.basisDuty')}</P>
        <P>{key('why.special')}</P>
      </Section>
      <Section id="protection-heading" heading={key('protection.heading')}>
        <P>{key('protection.draft')}</P>
        <P>{key('protection.sent')}</P>
        <P>{key('protection.logs')}</P>
      </Section>
      <Section id="retention-heading" heading={key('retention.heading')}>
        <List
          items={[
            key('retention.draft'),
            t('info.privacy.retention.package', { days: props.retentionDays }),
            key('retention.copy'),
            key('retention.contact'),
            `${key('retention.status')} ${key('retention.statusOpen')}`,
            key('retention.statistics'),
          ]}
        />
      </Section>
      <Section id="recipients-heading" heading={key('recipients.heading')}>
        <List items={['service', 'print', 'notice', 'idporten'].map((k) => key(`recipients.${k}`))} />
      </Section>
      <Section id="rights-heading" heading={key('rights.heading')}>
        <P>{key('rights.access')}</P>
        <P>{key('rights.report')}</P>
        <P>{key('rights.complaint')}</P>
        <LinkLine href={EXTERNAL.datatilsynet} text={key('rights.complaintLink')} />
      </Section>
      <Section id="contact-heading" heading={key('contact.heading')}>
        <OperatorContact {...props} />
      </Section>
    </InfoPage>
  );
}

function CookiesPage(props: InfoProps & { cookieName: string }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const key = (k: string) => t(`info.cookies.${k}`);
  return (
    <InfoPage ctx={ctx} title={key('title')} lead={key('lead')}>
      <Section id="ours-heading" heading={key('ours.heading')}>
        <P>{key('ours.one')}</P>
        <dl class="mp-card mp-facts">
          <dt>{key('ours.name')}</dt>
          <dd>
            <code>{props.cookieName}</code>
          </dd>
          <dt>{key('ours.purpose')}</dt>
          <dd>{key('ours.purposeText')}</dd>
          <dt>{key('ours.lifetime')}</dt>
          <dd>{key('ours.lifetimeText')}</dd>
        </dl>
        <P>{key('ours.sealed')}</P>
      </Section>
      <Section id="consent-heading" heading={key('noConsent.heading')}>
        <P>{key('noConsent.needed')}</P>
        <P>{key('noConsent.noTracking')}</P>
      </Section>
      <Section id="idporten-heading" heading={key('idporten.heading')}>
        <P>{key('idporten.body')}</P>
      </Section>
      <Section id="delete-heading" heading={key('delete.heading')}>
        <P>{key('delete.body')}</P>
      </Section>
    </InfoPage>
  );
}

function AccessibilityPage(props: InfoProps): SafeHtml {
  const { ctx, operator } = props;
  const { t } = ctx;
  const key = (k: string) => t(`info.accessibility.${k}`);
  return (
    <InfoPage ctx={ctx} title={key('title')} lead={key('lead')}>
      <Section id="about-site-heading" heading={t('info.about.who.heading')}>
        <OperatorLine {...props} />
      </Section>
      <Section id="requirements-heading" heading={key('requirements.heading')}>
        <P>{key('requirements.regulation')}</P>
        <P>{key('requirements.wcag22')}</P>
      </Section>
      <Section id="status-heading" heading={key('status.heading')}>
        <P>{key('status.body')}</P>
      </Section>
      <Section id="testing-heading" heading={key('testing.heading')}>
        <List items={['axe', 'keyboard', 'zoom', 'structure'].map((k) => key(`testing.${k}`))} />
      </Section>
      <Section id="known-heading" heading={key('known.heading')}>
        <List items={['sami', 'screenReader', 'pdf', 'idporten'].map((k) => key(`known.${k}`))} />
      </Section>
      <Section id="feedback-heading" heading={key('feedback.heading')}>
        <P>{key('feedback.body')}</P>
        <OperatorContact {...props} />
        <P>{key('feedback.urgent')}</P>
        <LinkLine href="/kontakt" text={key('feedback.urgentLink')} />
      </Section>
      <Section id="complaint-heading" heading={key('complaint.heading')}>
        <P>{key('complaint.body')}</P>
        <LinkLine href={EXTERNAL.diskrimineringsnemnda} text={key('complaint.link')} />
        <P>{key('complaint.supervision')}</P>
        <LinkLine href={EXTERNAL.uutilsynet} text={key('complaint.supervisionLink')} />
        {operator.accessibilityStatementUrl ? (
          <>
            <P>{key('official.linked')}</P>
            <LinkLine href={operator.accessibilityStatementUrl} text={key('official.linkedLink')} />
          </>
        ) : (
          <>
            <P>{key('official.generic')}</P>
            <LinkLine href={EXTERNAL.uustatus} text={key('official.genericLink')} />
          </>
        )}
      </Section>
      <Section id="statement-heading" heading={key('about.heading')}>
        <P>{t('info.accessibility.about.updated', { date: formatCalendarDate(ctx.lang, ACCESSIBILITY_STATEMENT_UPDATED, 'long') })}</P>
      </Section>
    </InfoPage>
  );
}

export async function infoPagesPlugin(app: FastifyInstance): Promise<void> {
  const operator = app.config.operator;
  const pages: Record<(typeof INFO_PAGES)[number]['path'], (ctx: PageContext) => SafeHtml> = {
    '/hjelp': (ctx) => <HelpPage ctx={ctx} operator={operator} />,
    '/om-tjenesten': (ctx) => <AboutPage ctx={ctx} operator={operator} />,
    '/personvern': (ctx) => <PrivacyPage ctx={ctx} operator={operator} retentionDays={app.config.packageRetentionDays} />,
    '/informasjonskapsler': (ctx) => <CookiesPage ctx={ctx} operator={operator} cookieName={sessionCookieName(app.config.production)} />,
    '/tilgjengelighet': (ctx) => <AccessibilityPage ctx={ctx} operator={operator} />,
  };
  for (const { path } of INFO_PAGES) {
    app.get(path, async (request, reply) => reply.type('text/html; charset=utf-8').send(renderDocument(pages[path](pageContext(request, reply)))));
  }
}
