// The report's files as the caseworker opens them (decision 016): PDF and pictures in the browser,
// anything else downloaded, and beside a file what the portal cleaned out of it (decision 019). Then
// when it was signed, and the ways to the Fiks JSON and, for a leader, the audit log.
import { h, type SafeHtml } from '../../web/jsx.ts';
import { formatFileSize } from '../../web/intl-format.ts';
import type { MottakContext } from '../web/mottak-layout.tsx';
import { formatDateTime } from '../web/format.ts';
import { isViewableInBrowser } from './file-types.ts';
import type { ReportPageData } from './report-page-data.ts';
import { KeyValueTable, Section, given } from './report-parts.tsx';

export function Files(props: { ctx: MottakContext; data: ReportPageData }): SafeHtml {
  const { ctx, data } = props;
  const { t } = ctx;
  const { row } = data;
  // The JSON files are the raw package: the Fiks JSON has its own page, and export downloads it.
  const files = data.files.filter((f) => !f.name.endsWith('.json'));
  return (
    <Section id="files-heading" heading={t('mottak.report.files')}>
      <table class="mk-table">
        <caption class="mp-visually-hidden">{t('mottak.report.filesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mottak.report.fileName')}</th>
            <th scope="col">{t('mottak.report.fileSize')}</th>
            <th scope="col">
              <span class="mp-visually-hidden">{t('mottak.report.fileActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => {
            const query = `?navn=${encodeURIComponent(f.name)}`;
            const label = f.name.replace(/^vedlegg\//, '');
            const removed = data.view.removedFromFiles[f.name];
            return (
              <tr>
                <td>
                  <a class="ds-link" href={isViewableInBrowser(f.content_type) ? `/meldinger/${row.id}/vis${query}` : `/meldinger/${row.id}/fil${query}`}>
                    {label}
                  </a>
                  {/* Beside the file, so nobody takes a cleaned copy for the reporter's original. */}
                  {removed ? (
                    <p class="ds-paragraph" data-size="sm">
                      {t('mottak.report.removedFromFile', { what: new Intl.ListFormat(t.lang, { type: 'conjunction' }).format(removed.map((r) => t(`mottak.report.removed.${r}`))) })}
                    </p>
                  ) : null}
                </td>
                <td>{formatFileSize(t.lang, f.size)}</td>
                <td>
                  <a class="ds-link" href={`/meldinger/${row.id}/fil${query}`}>
                    {t('mottak.report.download')}
                    <span class="mp-visually-hidden"> {label}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <KeyValueTable rows={given([[t('mottak.report.signed'), row.signed_at ? formatDateTime(t.lang, row.signed_at) : null]])} />
      <p class="ds-paragraph">
        <a class="ds-link" href={`/meldinger/${row.id}/fiks-json`}>
          {t('mottak.report.fiksJson')}
        </a>
      </p>
      {ctx.caseworker?.role === 'leder' ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/logg?melding=${row.reference}`}>
            {t('mottak.report.auditLog')}
          </a>
        </p>
      ) : null}
    </Section>
  );
}
