// One report as the caseworker reads it (decision 016): urgency and the child first, the concern in
// the reporter's own words, the guardians, the reporter, then files and details; names rather than
// codes, dates in words. Beside it the case's work: overview, assignment, earlier reports, notes and
// feedback. The raw Fiks JSON is one link away, on a page of its own. This is the frame that keeps
// that order; the sections live in modules beside it.
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { BackLink, ErrorSummary } from '../../web/layout.tsx';
import { MottakLayout, type MottakContext } from '../web/mottak-layout.tsx';
import type { FoundReport } from './report-queries.ts';
import type { PageState, ReportPageData } from './report-page-data.ts';
import { Children, Concern, Guardians, Reporter } from './report-content.tsx';
import { Files } from './report-files.tsx';
import { Conclusion } from './report-conclusion.tsx';
import { Assignment, EarlierReports, FeedbackSection, Notes, Overview } from './report-case-work.tsx';

function assignmentText(t: Translate, row: FoundReport, me: string | undefined): string {
  if (!row.assignee_id) return t('mottak.report.assign.confirmedNone');
  return row.assignee_id === me ? t('mottak.report.assign.confirmedMe') : t('mottak.report.assign.confirmed', { name: row.assigneeName ?? '' });
}

export function ReportPage(props: { ctx: MottakContext; data: ReportPageData; state: PageState; now: Date }): SafeHtml {
  const { ctx, data, state } = props;
  const { t } = ctx;
  const { row, view } = data;
  const errors = state.errors ?? [];
  const notice = state.notice ?? (state.assignmentConfirmed ? { kind: 'success' as const, text: assignmentText(t, row, ctx.caseworker?.caseworkerId) } : undefined);
  return (
    <MottakLayout ctx={ctx} title={t('mottak.report.title', { reference: row.reference })} errors={errors}>
      <BackLink ctx={ctx} href="/innboks" />
      <h1 class="ds-heading" data-size="lg">
        {t('mottak.report.title', { reference: row.reference })}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <div class="ds-alert" data-color={notice.kind} role={notice.kind === 'danger' ? 'alert' : 'status'}>
          <p class="ds-paragraph">{notice.text}</p>
        </div>
      ) : null}
      {row.urgent ? (
        <div class="ds-alert" data-color="danger">
          <p class="ds-paragraph">
            <strong>{t('mottak.report.urgentBanner')}</strong>
          </p>
        </div>
      ) : null}
      <div class="mk-columns">
        <Children t={t} views={view.children} />
        <Overview ctx={ctx} data={data} now={props.now} />
      </div>
      <div class="mk-columns">
        <div>
          <Concern t={t} row={row} view={view} />
          <Guardians t={t} guardians={view.guardians} />
          <Reporter t={t} reporter={view.reporter} />
          <Files ctx={ctx} data={data} />
          <Conclusion ctx={ctx} row={row} state={state} now={props.now} />
        </div>
        <div>
          <Assignment ctx={ctx} data={data} state={state} />
          <EarlierReports t={t} data={data} />
          <Notes ctx={ctx} data={data} state={state} />
          <FeedbackSection ctx={ctx} data={data} now={props.now} />
        </div>
      </div>
    </MottakLayout>
  );
}
