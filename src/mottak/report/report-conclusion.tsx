// The conclusion on the report page: as recorded, or the way to the conclusion form; after a
// conclusion that opens an investigation, its deadline, extended at most once with a reason, and
// its end with an outcome.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { ChoiceGroup, SubmitButton, TextField } from '../../web/form-fields.tsx';
import { REPORTER_CODES, findContentCode } from '../../domain/ssb-codes.ts';
import type { MottakContext } from '../web/mottak-layout.tsx';
import { describeOpenDeadline, formatDate, formatDateTime } from '../web/format.ts';
import { conclusionLabel } from '../web/code-labels.ts';
import type { FoundReport } from './report-queries.ts';
import type { PageState } from './report-page-data.ts';
import { KeyValueTable, Section, given } from './report-parts.tsx';

function Investigation(props: { ctx: MottakContext; row: FoundReport; state: PageState; now: Date }): SafeHtml | null {
  const { t } = props.ctx;
  const { row } = props;
  const errors = props.state.errors ?? [];
  if (!row.investigation_deadline) return null;
  const open = !row.investigation_outcome;
  return (
    <>
      <h3 class="ds-heading" data-size="xs">
        {t('mottak.report.investigation.heading')}
      </h3>
      <p class="ds-paragraph">
        {t('mottak.report.investigation.deadline')}: {open ? describeOpenDeadline(t, row.investigation_deadline, props.now).text : formatDate(t.lang, row.investigation_deadline)}
      </p>
      {row.investigation_extended_reason ? <p class="ds-paragraph">{t('mottak.report.investigation.extended', { reason: row.investigation_extended_reason })}</p> : null}
      {row.investigation_outcome && row.investigation_ended_at ? (
        <p class="ds-paragraph">{t('mottak.report.investigation.ended', { date: formatDate(t.lang, row.investigation_ended_at), outcome: t(`mottak.report.investigation.outcomes.${row.investigation_outcome}`) })}</p>
      ) : null}
      {open ? (
        <>
          {row.investigation_extended_reason ? null : (
            <form method="post" action={`/meldinger/${row.id}/undersokelse/utvid`} class="mp-card">
              <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
              <TextField
                id="extendReason"
                name="extendReason"
                label={t('mottak.report.investigation.extendReason')}
                description={t('mottak.report.investigation.extendReasonHint')}
                value={props.state.values?.extendReason ?? ''}
                errors={errors}
                multiline
                rows={3}
              />
              <SubmitButton label={t('mottak.report.investigation.extendSubmit')} variant="secondary" />
            </form>
          )}
          <form method="post" action={`/meldinger/${row.id}/undersokelse/avslutt`} class="mp-card">
            <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
            <ChoiceGroup
              id="outcome"
              name="outcome"
              type="radio"
              legend={t('mottak.report.investigation.outcome')}
              choices={(['henlagt', 'tiltak'] as const).map((o) => ({ value: o, label: t(`mottak.report.investigation.outcomes.${o}`) }))}
              selected={[props.state.values?.outcome ?? '']}
              errors={errors}
            />
            <SubmitButton label={t('mottak.report.investigation.endSubmit')} variant="secondary" />
          </form>
        </>
      ) : null}
    </>
  );
}

export function Conclusion(props: { ctx: MottakContext; row: FoundReport; state: PageState; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row } = props;
  if (!row.conclusion_code) {
    return (
      <Section id="conclusion-heading" heading={t('mottak.report.conclusion.heading')}>
        <p class="ds-paragraph">{t('mottak.report.conclusion.none')}</p>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`/meldinger/${row.id}/konklusjon`}>
            {t('mottak.report.conclusion.start')}
          </a>
        </p>
      </Section>
    );
  }
  const reporter = REPORTER_CODES.find((c) => c.code === row.reporter_code);
  return (
    <Section id="conclusion-heading" heading={t('mottak.report.conclusion.heading')}>
      <KeyValueTable
        rows={given([
          [t('mottak.report.conclusion.code'), conclusionLabel(t, row.conclusion_code)],
          [t('mottak.report.conclusion.reason'), row.conclusion_reason ?? t('mottak.report.conclusion.reasonNone')],
          [t('mottak.report.conclusion.obviouslyGroundless'), row.conclusion_obviously_groundless ? t('mottak.report.conclusion.obviouslyGroundlessYes') : null],
          [t('mottak.report.conclusion.at'), row.concluded_at ? formatDateTime(t.lang, row.concluded_at) : null],
          [t('mottak.report.conclusion.by'), row.concludedByName],
          [t('mottak.report.conclusion.reporterCode'), `${row.reporter_code ?? ''} ${reporter?.text ?? ''}${row.reporter_code_detail ? ` – ${row.reporter_code_detail}` : ''}`.trim()],
          [t('mottak.report.conclusion.contentCodes'), row.content_codes.map((c) => `${c} ${findContentCode(c)?.text ?? ''}`).join('\n')],
        ])}
      />
      <Investigation ctx={props.ctx} row={row} state={props.state} now={props.now} />
    </Section>
  );
}
