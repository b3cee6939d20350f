// The inbox: the service's reports, open ones first and urgent ones on top, each with its review
// deadline; filters and search are a plain GET form, so the list works without JavaScript and a
// filtered view can be bookmarked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { SelectField, TextField } from '../../web/form-fields.tsx';
import { CONTENT_CODES } from '../../domain/ssb-codes.ts';
import { MottakLayout, mottakContext, type MottakContext } from '../web/mottak-layout.tsx';
import { childName, describeAge, describeReviewDeadline, formatDateTime } from '../web/format.ts';
import { presentChildren } from '../report/report-view.ts';
import { asCaseworker, sendPage, withoutNul } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { INBOX_PAGE_SIZE, listInbox, listServiceCaseworkers, listServiceDistricts, type InboxFilter, type InboxRow } from './inbox-queries.ts';

const STATUSES = ['apne', 'ny', 'under_behandling', 'konkludert', 'alle'] as const;

type Query = Partial<Record<'status' | 'haster' | 'saksbehandler' | 'kategori' | 'bydel' | 'sok' | 'side', string | string[]>>;

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? withoutNul(value).slice(0, 200) : '';
}

/** Whatever arrives in the query string becomes a valid filter; nonsense falls back to the default. */
export function parseInboxFilter(query: Query): InboxFilter {
  const status = one(query.status);
  const page = Number(one(query.side));
  return {
    status: (STATUSES as readonly string[]).includes(status) ? (status as InboxFilter['status']) : 'apne',
    urgentOnly: one(query.haster) === 'ja',
    assignee: one(query.saksbehandler),
    category: CONTENT_CODES.some((c) => c.code === one(query.kategori)) ? one(query.kategori) : '',
    district: /^\d{2}$/.test(one(query.bydel)) ? one(query.bydel) : '',
    search: one(query.sok),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

function filterQuery(filter: InboxFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.status !== 'apne') params.set('status', filter.status);
  if (filter.urgentOnly) params.set('haster', 'ja');
  if (filter.assignee) params.set('saksbehandler', filter.assignee);
  if (filter.category) params.set('kategori', filter.category);
  if (filter.district) params.set('bydel', filter.district);
  if (filter.search) params.set('sok', filter.search);
  if (page > 1) params.set('side', String(page));
  const s = params.toString();
  return s ? `/innboks?${s}` : '/innboks';
}

function Row(props: { ctx: MottakContext; row: InboxRow; now: Date }): SafeHtml {
  const { t } = props.ctx;
  const { row } = props;
  const deadline = describeReviewDeadline(t, row.reviewDeadline, props.now, row.concludedAt);
  const overdue = deadline.state === 'overdue';
  const children = presentChildren(row.children, props.now);
  return (
    <tr class={[row.urgent ? 'mk-row--urgent' : '', overdue ? 'mk-row--overdue' : ''].filter(Boolean).join(' ') || undefined}>
      <td>
        <a class="ds-link" href={`/meldinger/${row.id}`}>
          {row.reference}
        </a>{' '}
        {row.urgent ? <span class="mk-tag mk-tag--urgent">{t('mottak.inbox.urgent')}</span> : null}
      </td>
      <td>
        {children.map((c, i) => (
          <>
            {i > 0 ? <br /> : null}
            {childName(t, c)} <span class="mk-age">({describeAge(t, c.age)})</span>
          </>
        ))}
      </td>
      <td>{row.urgent ? <strong>{formatDateTime(t.lang, row.sentAt)}</strong> : formatDateTime(t.lang, row.sentAt)}</td>
      <td>
        {overdue ? (
          <>
            <span class="mk-tag mk-tag--overdue">{t('mottak.deadline.overdueTag')}</span>{' '}
          </>
        ) : null}
        <span class={deadline.state === 'soon' || deadline.state === 'today' ? 'mk-tag mk-tag--soon' : undefined}>{deadline.text}</span>
      </td>
      <td>{t(`mottak.status.${row.status}`)}</td>
      <td>{row.assigneeName ?? t('mottak.inbox.unassigned')}</td>
      <td>{row.bydelsnavn}</td>
    </tr>
  );
}

export async function inboxPlugin(app: FastifyInstance): Promise<void> {
  app.get('/', async (_request, reply) => reply.redirect('/innboks', 302));

  app.get('/innboks', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const filter = parseInboxFilter(request.query);
    const cw = caseworkerOf(request);
    const { rows, more, caseworkers, districts } = await asCaseworker(app, request, async (trx) => ({
      ...(await listInbox(trx, cw.serviceId, filter)),
      caseworkers: await listServiceCaseworkers(trx, cw.serviceId),
      districts: await listServiceDistricts(trx, cw.serviceId),
    }));
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    const now = app.mottak.clock.now();
    const shown = rows.length + (filter.page - 1) * INBOX_PAGE_SIZE;
    return sendPage(
      reply,
      <MottakLayout ctx={ctx} title={t('mottak.inbox.title')}>
        <h1 class="ds-heading" data-size="lg">
          {t('mottak.inbox.title')}
        </h1>
        <p class="ds-paragraph">{t('mottak.inbox.intro')}</p>
        <form method="get" action="/innboks" class="mp-card" role="search" aria-label={t('mottak.inbox.filters.legend')}>
          <h2 class="ds-heading" data-size="xs">
            {t('mottak.inbox.filters.legend')}
          </h2>
          <div class="mk-filters">
            <SelectField id="status" name="status" label={t('mottak.inbox.filters.status')} selected={filter.status} options={STATUSES.map((s) => ({ value: s, label: t(`mottak.inbox.filters.statusOptions.${s}`) }))} />
            <SelectField
              id="saksbehandler"
              name="saksbehandler"
              label={t('mottak.inbox.filters.assignee')}
              selected={filter.assignee}
              options={[{ value: '', label: t('mottak.inbox.filters.assigneeAll') }, { value: 'ingen', label: t('mottak.inbox.filters.assigneeNone') }, ...caseworkers.map((c) => ({ value: c.id, label: c.name }))]}
            />
            <SelectField
              id="kategori"
              name="kategori"
              label={t('mottak.inbox.filters.category')}
              selected={filter.category}
              options={[{ value: '', label: t('mottak.inbox.filters.categoryAll') }, ...CONTENT_CODES.map((c) => ({ value: c.code, label: `${c.code} ${c.text}` }))]}
            />
            {districts.length > 0 ? (
              <SelectField
                id="bydel"
                name="bydel"
                label={t('mottak.inbox.filters.district')}
                selected={filter.district}
                options={[{ value: '', label: t('mottak.inbox.filters.districtAll') }, ...districts.map((d) => ({ value: d.bydelsnummer, label: d.bydelsnavn || d.bydelsnummer }))]}
              />
            ) : null}
            <TextField id="sok" name="sok" label={t('mottak.inbox.filters.search')} value={filter.search} autocomplete="off" />
            <div class="ds-field">
              <input class="ds-input" type="checkbox" id="haster" name="haster" value="ja" checked={filter.urgentOnly} />
              <label class="ds-label" data-weight="regular" for="haster">
                {t('mottak.inbox.filters.urgentOnly')}
              </label>
            </div>
          </div>
          <div class="mp-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t('mottak.inbox.filters.submit')}
            </button>
            <a class="ds-link" href="/innboks">
              {t('mottak.inbox.filters.reset')}
            </a>
          </div>
        </form>
        <p class="ds-paragraph" role="status">
          {shown === 1 ? t('mottak.inbox.countOne') : t('mottak.inbox.count', { count: shown })}
        </p>
        {rows.length === 0 ? (
          <p class="ds-paragraph">{t('mottak.inbox.empty')}</p>
        ) : (
          <div class="mk-table-wrap">
            <table class="mk-table">
              <caption class="mp-visually-hidden">{t('mottak.inbox.caption')}</caption>
              <thead>
                <tr>
                  {(['reference', 'children', 'received', 'deadline', 'status', 'assignee', 'district'] as const).map((c) => (
                    <th scope="col">{t(`mottak.inbox.columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <Row ctx={ctx} row={row} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="mp-actions">
          {filter.page > 1 ? (
            <a class="ds-link" href={filterQuery(filter, filter.page - 1)}>
              {t('mottak.inbox.previous')}
            </a>
          ) : null}
          {more ? (
            <a class="ds-link" href={filterQuery(filter, filter.page + 1)}>
              {t('mottak.inbox.next')}
            </a>
          ) : null}
        </p>
        <form method="post" action="/innboks/hent">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <button type="submit" class="ds-button" data-variant="secondary">
            {t('mottak.inbox.pullNow')}
          </button>
        </form>
      </MottakLayout>,
    );
  });

  // Pulls at once rather than waiting for the next pass: for a caseworker who was told on the phone
  // that a report is on its way.
  app.post('/innboks/hent', { preHandler: app.csrfProtection }, async (request, reply) => {
    await app.mottak.pullNow().catch((error: Error) => request.log.warn({ errMessage: error.message.slice(0, 200) }, 'manual pull failed'));
    return reply.redirect('/innboks', 303);
  });
}
