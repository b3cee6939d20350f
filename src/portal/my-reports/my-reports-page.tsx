// "Mine meldinger": each report's reference, receiving service, when it was sent, where it is now,
// how it got there, and what the service has told the reporter since. Metadata and standard texts
// only; the portal holds no readable report.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import type { ReporterReport } from './my-reports-store.ts';
import { describeCurrentStatus, describeFeedback, describeStatusEvent, findPostFallback, formatOsloTime } from './report-status-text.ts';
import { PhoneLink } from '../../web/phone-link.tsx';
import { BarnevernvaktLine } from '../start/barnevernvakt.tsx';
import type { Language } from '../../web/i18n.ts';
import { formatRecentInstant } from '../../web/intl-format.ts';
import { UnsentReport, type Unsent } from '../journey/unsent-report.tsx';

function OsloTimeText(props: { lang: Language; at: Date; now: Date }): SafeHtml {
  const time = formatOsloTime(props.lang, props.at, props.now);
  return <time datetime={time.iso}>{time.text}</time>;
}


/** The one outcome where the service has not got the report: the reporter must call. */
function DeliveryFailed(props: { ctx: PageContext; report: ReporterReport; headingId: string }): SafeHtml {
  const { t } = props.ctx;
  const { serviceName, serviceDaytimePhone, serviceEmergencyPhone, serviceEmergencyHours } = props.report;
  return (
    <div class="ds-alert" data-color="danger">
      <h3 class="ds-heading" data-size="xs" id={props.headingId}>
        {t('myReports.failed.heading')}
      </h3>
      <p class="ds-paragraph">{t('myReports.failed.body', { service: serviceName })}</p>
      <p class="ds-paragraph">
        {t('myReports.failed.callService', { service: serviceName })} <PhoneLink phone={serviceDaytimePhone} />
      </p>
      <p class="ds-paragraph">{t('myReports.failed.urgent')}</p>
      <p class="ds-paragraph">
        <BarnevernvaktLine ctx={props.ctx} service={{ emergencyPhone: serviceEmergencyPhone, emergencyHours: serviceEmergencyHours }} />
      </p>
    </div>
  );
}

/**
 * What the service has told the reporter, newest first and said to be so in words. For a private
 * reporter, also why no more will come: the law lets the service tell them only of receipt.
 */
function Feedback(props: { ctx: PageContext; report: ReporterReport; now: Date; headingId: string }): SafeHtml {
  const { ctx, report, now, headingId } = props;
  const { t } = ctx;
  return (
    <>
      <h3 class="ds-heading" data-size="2xs" id={headingId}>
        {t('myReports.feedback.heading')}
      </h3>
      {report.feedback.length > 1 ? <p class="ds-paragraph">{t('myReports.feedback.newestFirst')}</p> : null}
      <ol class="ds-list mp-feedback" aria-labelledby={headingId}>
        {report.feedback.map((feedback) => (
          <li>
            <OsloTimeText lang={t.lang} at={feedback.at} now={now} />: {describeFeedback(t, feedback.type, report.serviceName)}
          </li>
        ))}
      </ol>
      {report.reporterType === 'private' ? <p class="ds-paragraph">{t('myReports.feedback.privateReporter')}</p> : null}
    </>
  );
}

function ReportCard(props: { ctx: PageContext; report: ReporterReport; copyUntil?: Date; now: Date }): SafeHtml {
  const { ctx, report, now } = props;
  const { t } = ctx;
  // References are unique and made of [A-Z0-9-], so they make safe, stable ids.
  const id = report.reference.toLowerCase();
  const fallback = findPostFallback(report);
  return (
    <section class="mp-card" aria-labelledby={`${id}-heading`}>
      <h2 class="ds-heading" data-size="sm" id={`${id}-heading`}>
        {t('myReports.reportHeading', { reference: report.reference })}
      </h2>
      <table class="mp-summary">
        <tbody>
          <tr>
            <th scope="row">{t('myReports.service')}</th>
            <td>{report.serviceName}</td>
          </tr>
          <tr>
            <th scope="row">{t('myReports.sentAt')}</th>
            <td>
              <OsloTimeText lang={t.lang} at={report.receivedAt} now={now} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('myReports.status')}</th>
            <td>{describeCurrentStatus(t, report, now)}</td>
          </tr>
        </tbody>
      </table>
      {props.copyUntil ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/meld/kvittering/${report.reference}/melding.pdf`} download={`bekymringsmelding-${report.reference}.pdf`}>
            {t('journey.kvittering.pdf')}
          </a>{' '}
          {t('myReports.copyUntil', { time: formatRecentInstant(t.lang, props.copyUntil, now) })}
        </p>
      ) : null}
      {report.status === 'AVVIST_PRINT' ? <DeliveryFailed ctx={ctx} report={report} headingId={`${id}-failed`} /> : null}
      {fallback ? <p class="ds-paragraph">{t(`myReports.fallback.${fallback}`)}</p> : null}
      {report.feedback.length > 0 ? <Feedback ctx={ctx} report={report} now={now} headingId={`${id}-feedback`} /> : null}
      {report.events.length > 0 ? (
        <>
          <h3 class="ds-heading" data-size="2xs" id={`${id}-history`}>
            {t('myReports.historyHeading')}
          </h3>
          <ol class="ds-list" aria-labelledby={`${id}-history`}>
            {report.events.map((event) => (
              <li>
                <OsloTimeText lang={t.lang} at={event.at} now={now} />: {describeStatusEvent(t, event, report.serviceName)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export function MyReportsPage(props: { ctx: PageContext; reports: ReporterReport[]; copies: Map<string, Date>; unsent?: Unsent; now: Date }): SafeHtml {
  const { ctx, reports, now } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('myReports.title')}>
      <h1 class="ds-heading" data-size="lg">
        {t('myReports.title')}
      </h1>
      {props.unsent ? <UnsentReport ctx={ctx} unsent={props.unsent} /> : null}
      {reports.length === 0 ? (
        <p class="ds-paragraph">{t('myReports.empty')}</p>
      ) : (
        <>
          <p class="ds-paragraph">{t('myReports.intro')}</p>
          {reports.map((report) => (
            <ReportCard ctx={ctx} report={report} copyUntil={props.copies.get(report.reference)} now={now} />
          ))}
        </>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/meld/hvem">
          {t('myReports.newReport')}
        </a>
      </p>
    </Layout>
  );
}
