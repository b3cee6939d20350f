// The footer's pages: help, who runs the service, privacy, cookies and accessibility. What they say
// about storage and encryption is what the code does (decisions 003, 008, 009).
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { formatCalendarDate } from '../../web/intl-format.ts';
import { UrgentBox } from '../start/start-pages.tsx';
import { EXTERNAL, InfoPage, LinkLine, List, OperatorContact, OperatorLine, P, Section, type InfoProps } from './info-parts.tsx';

/** When the accessibility statement was last looked over against the pages; change it when it is. */
export const ACCESSIBILITY_STATEMENT_UPDATED = '2026-12-07';

export function HelpPage(props: InfoProps): SafeHtml {
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

export function AboutPage(props: InfoProps): SafeHtml {
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

export function PrivacyPage(props: InfoProps & { retentionDays: number }): SafeHtml {
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

export function CookiesPage(props: InfoProps & { cookieName: string }): SafeHtml {
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

export function AccessibilityPage(props: InfoProps): SafeHtml {
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
