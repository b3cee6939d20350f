// The manager's audit log: who did what to which report, filtered by person, report and action,
// a page at a time, each entry with what it concerned (which file, which conclusion). The filter is
// a GET form, so it works without JavaScript and a filtered view can be bookmarked.
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { ErrorSummary, type FieldError } from '../../web/layout.tsx';
import { SelectField, TextField } from '../../web/form-fields.tsx';
import { AUDIT_ACTIONS, type AuditAction, type AuditRow, type ChainVerification } from '../audit/audit-log.ts';
import { isUuid } from '../inbox/inbox-queries.ts';
import { MottakLayout, type MottakContext } from '../web/mottak-layout.tsx';
import { formatDateTime } from '../web/format.ts';
import { conclusionLabel } from '../web/code-labels.ts';
import { withoutNul } from '../web/route-helpers.ts';

export const AUDIT_PAGE_SIZE = 100;

const REFERENCE = /^BM-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export interface AuditFilter {
  /** A caseworker's id, 'system', or '' for everyone. */
  actor: string;
  action: AuditAction | '';
  /** The report's reference as typed (trimmed, upper case); '' for all reports. */
  reference: string;
  before?: number;
  after?: number;
}

type Query = Partial<Record<'hvem' | 'hva' | 'melding' | 'for' | 'etter', unknown>>;

const text = (value: unknown) => (typeof value === 'string' ? withoutNul(value).slice(0, 100) : '');
const seq = (value: unknown) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined);

/**
 * What the query string asks for. A person or action that is not one of the form's own options is
 * no filter; a reference that is not one is an error the manager is told about, with what they typed.
 */
export function parseAuditFilter(query: Query): { filter: AuditFilter; referenceError: boolean } {
  const actor = text(query.hvem);
  const action = text(query.hva);
  const reference = text(query.melding).trim().toUpperCase();
  return {
    filter: {
      actor: actor === 'system' || isUuid(actor) ? actor : '',
      action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : '',
      reference,
      before: seq(query.for),
      after: seq(query.etter),
    },
    referenceError: reference !== '' && !REFERENCE.test(reference),
  };
}

function filterQuery(filter: AuditFilter, page: { before?: number; after?: number }): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set('hvem', filter.actor);
  if (filter.action) params.set('hva', filter.action);
  if (filter.reference) params.set('melding', filter.reference);
  if (page.before !== undefined) params.set('for', String(page.before));
  if (page.after !== undefined) params.set('etter', String(page.after));
  const s = params.toString();
  return s ? `/logg?${s}` : '/logg';
}

/** What an entry concerned, from its detail: never report content, only names of files and codes. */
function describeDetail(t: Translate, entry: AuditRow, caseworkerNames: Map<string, string>): string {
  const d = entry.detail;
  const parts: string[] = [];
  if (typeof d.file === 'string') parts.push(t('mottak.audit.detail.file', { file: d.file }));
  if (typeof d.code === 'string') parts.push(conclusionLabel(t, d.code));
  if (d.obviouslyGroundless === true) parts.push(t('mottak.report.conclusion.obviouslyGroundless'));
  if (typeof d.type === 'string') parts.push(t(`mottak.report.feedback.types.${d.type}`));
  if (d.outcome === 'henlagt' || d.outcome === 'tiltak') parts.push(t(`mottak.report.investigation.outcomes.${d.outcome}`));
  if (entry.action === 'report.assigned') parts.push(typeof d.assignee === 'string' ? t('mottak.audit.detail.assignee', { name: caseworkerNames.get(d.assignee) ?? '–' }) : t('mottak.report.assign.none'));
  if (d.format === 'fiks-json') parts.push(t('mottak.audit.detail.fiksJson'));
  if (typeof d.reason === 'string') parts.push(d.reason);
  return parts.join(' · ');
}

export interface AuditPageData {
  rows: AuditRow[];
  older: boolean;
  newer: boolean;
  chain: ChainVerification;
  caseworkers: { id: string; name: string }[];
}

export function AuditPage(props: { ctx: MottakContext; filter: AuditFilter; errors: FieldError[]; data: AuditPageData }): SafeHtml {
  const { ctx, filter, errors, data } = props;
  const { t } = ctx;
  const { chain, rows } = data;
  const names = new Map(data.caseworkers.map((c) => [c.id, c.name]));
  const filtered = Boolean(filter.actor || filter.action || filter.reference);
  return (
    <MottakLayout ctx={ctx} title={t('mottak.audit.title')} errors={errors}>
      <h1 class="ds-heading" data-size="lg">
        {t('mottak.audit.title')}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="ds-paragraph">{t('mottak.audit.intro')}</p>
      <div class="ds-alert" data-color={chain.ok ? 'success' : 'danger'} role={chain.ok ? 'status' : 'alert'}>
        <p class="ds-paragraph">{chain.ok ? t('mottak.audit.chainOk', { count: chain.entries }) : t('mottak.audit.chainBroken', { seq: chain.problem?.seq ?? 0 })}</p>
      </div>
      <form method="get" action="/logg" class="mp-card" role="search" aria-label={t('mottak.audit.filters.legend')} novalidate>
        <h2 class="ds-heading" data-size="xs">
          {t('mottak.audit.filters.legend')}
        </h2>
        <div class="mk-filters">
          <SelectField
            id="hvem"
            name="hvem"
            label={t('mottak.audit.filters.actor')}
            selected={filter.actor}
            options={[{ value: '', label: t('mottak.audit.filters.actorAll') }, ...data.caseworkers.map((c) => ({ value: c.id, label: c.name })), { value: 'system', label: t('mottak.audit.filters.actorSystem') }]}
          />
          <SelectField
            id="hva"
            name="hva"
            label={t('mottak.audit.filters.action')}
            selected={filter.action}
            options={[{ value: '', label: t('mottak.audit.filters.actionAll') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`mottak.audit.actions.${a}`) }))]}
          />
          <TextField id="melding" name="melding" label={t('mottak.audit.filters.reference')} description={t('mottak.audit.filters.referenceHint')} value={filter.reference} errors={errors} autocomplete="off" />
        </div>
        <div class="mp-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t('mottak.audit.filters.submit')}
          </button>
          <a class="ds-link" href="/logg">
            {t('mottak.audit.filters.reset')}
          </a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p class="ds-paragraph">{t(filtered ? 'mottak.audit.noneFiltered' : 'mottak.audit.none')}</p>
      ) : (
        <div class="mk-table-wrap">
          <table class="mk-table">
            <caption class="mp-visually-hidden">{t('mottak.audit.caption')}</caption>
            <thead>
              <tr>
                {(['seq', 'at', 'actor', 'action', 'report', 'detail', 'ip'] as const).map((c) => (
                  <th scope="col">{t(`mottak.audit.columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr>
                  <td>{String(e.seq)}</td>
                  <td>{formatDateTime(t.lang, e.at)}</td>
                  <td>{e.actorName === 'system' ? t('mottak.audit.filters.actorSystem') : e.actorName}</td>
                  <td>{t(`mottak.audit.actions.${e.action}`)}</td>
                  <td>
                    {e.reportId && e.reference ? (
                      <a class="ds-link" href={`/meldinger/${e.reportId}`}>
                        {e.reference}
                      </a>
                    ) : typeof e.detail.reference === 'string' ? (
                      e.detail.reference
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{describeDetail(t, e, names) || '–'}</td>
                  <td>{e.ip || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.newer || data.older ? (
        <nav aria-label={t('mottak.audit.pages')}>
          <p class="mp-actions">
            {data.newer && rows.length > 0 ? (
              <a class="ds-link" href={filterQuery(filter, { after: rows[0]!.seq })}>
                {t('mottak.audit.newer')}
              </a>
            ) : null}
            {data.older && rows.length > 0 ? (
              <a class="ds-link" href={filterQuery(filter, { before: rows.at(-1)!.seq })}>
                {t('mottak.audit.older')}
              </a>
            ) : null}
          </p>
        </nav>
      ) : null}
    </MottakLayout>
  );
}
