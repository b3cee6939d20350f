// "Min barnevernssak": the cases a child welfare service has shared with the logged-in person
// (decision 024), and one case with where it stands and the records shared with them. Only what the
// service indexed for this person is drawn; no address of anyone ever is.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { BackLink } from '../../web/layout.tsx';
import { formatCalendarDate, formatFileSize } from '../../web/intl-format.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import type { CaseDocument, CitizenCase } from './case-view.ts';

export const CASES_PATH = '/min-sak';

/** A case and the name of the service that shares it (from the portal's registry, not the document). */
export interface ShownCase {
  view: CitizenCase;
  serviceName: string;
}

function DateText(props: { ctx: PageContext; date: string }): SafeHtml {
  return <time datetime={props.date}>{formatCalendarDate(props.ctx.t.lang, props.date, 'long')}</time>;
}

/** The days left to appeal, in words; a passed deadline says so instead of counting below zero. */
function AppealDeadline(props: { ctx: PageContext; appeal: NonNullable<CaseDocument['appeal']> }): SafeHtml {
  const { t } = props.ctx;
  const { daysLeft } = props.appeal;
  const left = daysLeft < 0 ? t('innsyn.document.appealPassed') : daysLeft === 0 ? t('innsyn.document.appealToday') : t(daysLeft === 1 ? 'innsyn.document.appealDayLeft' : 'innsyn.document.appealDaysLeft', { days: String(daysLeft) });
  return (
    <p class="ds-paragraph" data-appeal={String(daysLeft)}>
      {t('innsyn.document.appealDeadline')} <DateText ctx={props.ctx} date={props.appeal.lastDay} />. <strong>{left}</strong>
    </p>
  );
}

function DocumentCard(props: { ctx: PageContext; document: CaseDocument }): SafeHtml {
  const { ctx, document } = props;
  const { t } = ctx;
  const headingId = `dokument-${document.messageId}`;
  return (
    <section class="mp-card" aria-labelledby={headingId}>
      <h3 class="ds-heading" data-size="xs" id={headingId}>
        {document.title}
      </h3>
      <p class="ds-paragraph">
        {document.type ? t(`innsyn.document.types.${document.type}`) : t('innsyn.document.types.other')}
        {document.date ? (
          <>
            {', '}
            <DateText ctx={ctx} date={document.date} />
          </>
        ) : null}
      </p>
      {document.appeal ? <AppealDeadline ctx={ctx} appeal={document.appeal} /> : null}
      {document.files.length ? (
        <ul class="ds-list">
          {document.files.map((f) => (
            <li>
              {f.title}
              {f.size !== undefined ? ` (${formatFileSize(t.lang, f.size)})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="ds-paragraph">{t('innsyn.document.titleOnly')}</p>
      )}
    </section>
  );
}

export function CaseListPage(props: { ctx: PageContext; cases: ShownCase[]; childTooYoung: number | undefined }): SafeHtml {
  const { ctx, cases } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('innsyn.list.title')}>
      <h1 class="ds-heading" data-size="lg">
        {t('innsyn.list.title')}
      </h1>
      <p class="ds-paragraph">{t('innsyn.list.lead')}</p>
      {props.childTooYoung !== undefined ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t('innsyn.list.childTooYoung', { age: String(props.childTooYoung) })}</p>
        </div>
      ) : null}
      {cases.length === 0 ? (
        // A child whose case is held back is told why above; "nothing shared" would not be true.
        props.childTooYoung !== undefined ? null : <p class="ds-paragraph">{t('innsyn.list.none')}</p>
      ) : (
        <ul class="ds-list">
          {cases.map((c) => (
            <li>
              <a class="ds-link" href={`${CASES_PATH}/${c.view.id}`}>
                {c.view.title}
              </a>
              {' – '}
              {c.serviceName}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function CasePage(props: { ctx: PageContext; shown: ShownCase }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  const { view, serviceName } = props.shown;
  const facts: [string, string | SafeHtml][] = [[t('innsyn.case.service'), serviceName]];
  if (view.caseworker) facts.push([t('innsyn.case.caseworker'), view.caseworker]);
  if (view.role) facts.push([t('innsyn.case.role'), t(`innsyn.roles.${view.role}`)]);
  if (view.opened) facts.push([t('innsyn.case.opened'), <DateText ctx={ctx} date={view.opened} />]);
  if (view.closed) facts.push([t('innsyn.case.closed'), <DateText ctx={ctx} date={view.closed} />]);
  return (
    <Layout ctx={ctx} title={view.title}>
      <BackLink ctx={ctx} href={CASES_PATH} />
      <h1 class="ds-heading" data-size="lg">
        {view.title}
      </h1>
      <table class="mp-summary">
        <tbody>
          {facts.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="ds-heading" data-size="md">
        {t('innsyn.case.milestones')}
      </h2>
      {view.milestones.length ? (
        <ol class="ds-list">
          {view.milestones.map((m) => (
            <li aria-current={m.current ? 'step' : undefined}>
              {m.current ? <strong>{m.name}</strong> : m.name}
              {m.start ? (
                <>
                  {', '}
                  <DateText ctx={ctx} date={m.start} />
                </>
              ) : null}
              {m.current ? ` (${t('innsyn.case.current')})` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p class="ds-paragraph">{t('innsyn.case.noMilestones')}</p>
      )}
      <h2 class="ds-heading" data-size="md">
        {t('innsyn.case.documents')}
      </h2>
      {view.documents.length ? view.documents.map((d) => <DocumentCard ctx={ctx} document={d} />) : <p class="ds-paragraph">{t('innsyn.case.noDocuments')}</p>}
    </Layout>
  );
}
