// Sessions a caseworker can see and end: their own (/okter), and for a leader every caseworker of
// the service (/brukere), with deactivation, which ends all of that person's sessions at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { BackLink } from '../../web/layout.tsx';
import { MottakLayout, mottakContext, type MottakContext } from '../web/mottak-layout.tsx';
import { sendForbidden } from '../web/mottak-error-page.tsx';
import { actorOf, asCaseworker, field, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { audit } from '../report/report-queries.ts';
import { isUuid } from '../inbox/inbox-queries.ts';
import { formatDateTime } from '../web/format.ts';
import { describeDevice, endSessions, findCaseworker, listCaseworkersWithSessions, listLiveSessions, setDeactivated, type LiveSession } from './sessions-queries.ts';

const SESSION_HASH = /^[A-Za-z0-9_-]{43}$/;

function Device(props: { ctx: MottakContext; userAgent: string | null }): SafeHtml {
  const device = describeDevice(props.userAgent);
  return <>{device ? props.ctx.t('mottak.sessions.device', device) : props.ctx.t('mottak.sessions.unknownDevice')}</>;
}

/** One table of live sessions, each with its own "end" button (never for the one in use). */
function SessionTable(props: { ctx: MottakContext; sessions: LiveSession[]; current?: string; action: string }): SafeHtml {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <table class="mk-table">
      <caption class="mp-visually-hidden">{t('mottak.sessions.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mottak.sessions.columns.device')}</th>
          <th scope="col">{t('mottak.sessions.columns.started')}</th>
          <th scope="col">{t('mottak.sessions.columns.lastSeen')}</th>
          <th scope="col">
            <span class="mp-visually-hidden">{t('mottak.sessions.columns.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.sessions.map((s) => (
          <tr>
            <td>
              <Device ctx={ctx} userAgent={s.userAgent} />
              {s.idHash === props.current ? <strong> ({t('mottak.sessions.thisSession')})</strong> : null}
            </td>
            <td>{formatDateTime(t.lang, s.createdAt)}</td>
            <td>{formatDateTime(t.lang, s.lastSeenAt)}</td>
            <td>
              {s.idHash === props.current ? null : (
                <form method="post" action={props.action}>
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <input type="hidden" name="okt" value={s.idHash} />
                  <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                    {t('mottak.sessions.end')}
                    <span class="mp-visually-hidden">
                      {' '}
                      <Device ctx={ctx} userAgent={s.userAgent} />, {formatDateTime(t.lang, s.createdAt)}
                    </span>
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EndAllButton(props: { ctx: MottakContext; action: string; label: string }): SafeHtml {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      <input type="hidden" name="alle" value="ja" />
      <button type="submit" class="ds-button" data-variant="secondary">
        {props.label}
      </button>
    </form>
  );
}

/** "N økter ble avsluttet", after a form that ended sessions sent the browser back here. */
function EndedNotice(props: { ctx: MottakContext; query: unknown }): SafeHtml {
  const ended = (props.query as Record<string, unknown>).avsluttet;
  if (typeof ended !== 'string' || !/^\d+$/.test(ended)) return <></>;
  return (
    <div class="ds-alert" data-color="success" role="status">
      <p class="ds-paragraph">{props.ctx.t('mottak.sessions.endedCount', { count: Number(ended) })}</p>
    </div>
  );
}

/**
 * Ends what the posted form names, a person's one session (by its hash) or all of them, never the
 * session in use (that one ends by logging out), and records it; returns how many ended.
 */
async function endNamedSessions(app: FastifyInstance, request: FastifyRequest, person: { id: string; name: string }, reason: 'ended-by-self' | 'ended-by-leader'): Promise<number> {
  const body = request.body;
  const all = field(body, 'alle') === 'ja';
  const okt = field(body, 'okt');
  if (!all && !SESSION_HASH.test(okt)) throw new AppError('BAD_REQUEST');
  const except = caseworkerOf(request).sessionIdHash;
  return asCaseworker(app, request, async (trx) => {
    const n = await endSessions(trx, { caseworkerId: person.id, except, ...(all ? {} : { idHash: okt }) }, app.mottak.clock.now(), reason);
    if (n > 0) await audit(trx, actorOf(app, request), 'session.ended', null, { caseworker: person.name, count: n });
    return n;
  });
}

export async function sessionsPlugin(app: FastifyInstance): Promise<void> {
  const now = () => app.mottak.clock.now();

  app.get('/okter', async (request, reply) => {
    const cw = caseworkerOf(request);
    const sessions = await asCaseworker(app, request, (trx) => listLiveSessions(trx, cw.caseworkerId, now()));
    const ctx = mottakContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <MottakLayout ctx={ctx} title={t('mottak.sessions.mine.title')}>
        <h1 class="ds-heading" data-size="lg">
          {t('mottak.sessions.mine.title')}
        </h1>
        <EndedNotice ctx={ctx} query={request.query} />
        <p class="ds-paragraph">{t('mottak.sessions.mine.intro')}</p>
        <SessionTable ctx={ctx} sessions={sessions} current={cw.sessionIdHash} action="/okter/avslutt" />
        {sessions.length > 1 ? <EndAllButton ctx={ctx} action="/okter/avslutt" label={t('mottak.sessions.mine.endOthers')} /> : null}
      </MottakLayout>,
    );
  });

  app.post('/okter/avslutt', { preHandler: app.csrfProtection }, async (request, reply) => {
    const cw = caseworkerOf(request);
    const ended = await endNamedSessions(app, request, { id: cw.caseworkerId, name: cw.name }, 'ended-by-self');
    return reply.redirect(`/okter?avsluttet=${ended}`, 303);
  });

  await app.register(async (leader) => {
    leader.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => (caseworkerOf(request).role === 'leder' ? undefined : sendForbidden(request, reply)));

    leader.get('/brukere', async (request, reply) => {
      const cw = caseworkerOf(request);
      const people = await asCaseworker(app, request, (trx) => listCaseworkersWithSessions(trx, cw.serviceId, now()));
      const ctx = mottakContext(request, reply);
      const { t } = ctx;
      return sendPage(
        reply,
        <MottakLayout ctx={ctx} title={t('mottak.sessions.people.title')}>
          <h1 class="ds-heading" data-size="lg">
            {t('mottak.sessions.people.title')}
          </h1>
          <p class="ds-paragraph">{t('mottak.sessions.people.intro')}</p>
          <table class="mk-table">
            <caption class="mp-visually-hidden">{t('mottak.sessions.people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mottak.sessions.people.columns.name')}</th>
                <th scope="col">{t('mottak.sessions.people.columns.role')}</th>
                <th scope="col">{t('mottak.sessions.people.columns.lastLogin')}</th>
                <th scope="col">{t('mottak.sessions.people.columns.sessions')}</th>
                <th scope="col">{t('mottak.sessions.people.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`/brukere/${p.id}`}>
                      {p.name}
                    </a>
                  </td>
                  <td>{t(`mottak.roles.${p.role}`)}</td>
                  <td>{formatDateTime(t.lang, p.lastLoginAt)}</td>
                  <td>{String(p.liveSessions)}</td>
                  <td>{p.deactivatedAt ? t('mottak.sessions.people.deactivated') : t('mottak.sessions.people.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </MottakLayout>,
      );
    });

    async function personOr404(request: FastifyRequest<{ Params: { id: string } }>) {
      const id = request.params.id;
      if (!isUuid(id)) throw new AppError('NOT_FOUND');
      const person = await asCaseworker(app, request, (trx) => findCaseworker(trx, caseworkerOf(request).serviceId, id));
      if (!person) throw new AppError('NOT_FOUND');
      return person;
    }

    leader.get<{ Params: { id: string } }>('/brukere/:id', async (request, reply) => {
      const cw = caseworkerOf(request);
      const person = await personOr404(request);
      const sessions = await asCaseworker(app, request, (trx) => listLiveSessions(trx, person.id, now()));
      const ctx = mottakContext(request, reply);
      const { t } = ctx;
      const query = request.query as Record<string, unknown>;
      const self = person.id === cw.caseworkerId;
      return sendPage(
        reply,
        <MottakLayout ctx={ctx} title={person.name}>
          <BackLink ctx={ctx} href="/brukere" text={t('mottak.sessions.people.back')} />
          <h1 class="ds-heading" data-size="lg">
            {person.name}
          </h1>
          <EndedNotice ctx={ctx} query={request.query} />
          {query.endret === 'deaktivert' || query.endret === 'aktivert' ? (
            <div class="ds-alert" data-color="success" role="status">
              <p class="ds-paragraph">{t(`mottak.sessions.person.${query.endret === 'deaktivert' ? 'deactivatedNow' : 'reactivatedNow'}`, { name: person.name })}</p>
            </div>
          ) : null}
          <p class="ds-paragraph">
            {t('mottak.sessions.people.columns.role')}: {t(`mottak.roles.${person.role}`)} · {t('mottak.sessions.people.columns.status')}:{' '}
            {person.deactivated_at ? t('mottak.sessions.people.deactivated') : t('mottak.sessions.people.active')}
          </p>
          <h2 class="ds-heading" data-size="sm">
            {t('mottak.sessions.person.sessionsHeading')}
          </h2>
          {sessions.length === 0 ? (
            <p class="ds-paragraph">{t('mottak.sessions.person.none')}</p>
          ) : (
            <>
              <SessionTable ctx={ctx} sessions={sessions} current={cw.sessionIdHash} action={`/brukere/${person.id}/avslutt`} />
              {sessions.length > 1 || !self ? <EndAllButton ctx={ctx} action={`/brukere/${person.id}/avslutt`} label={t('mottak.sessions.person.endAll')} /> : null}
            </>
          )}
          <h2 class="ds-heading" data-size="sm">
            {t('mottak.sessions.person.accessHeading')}
          </h2>
          {self ? (
            <p class="ds-paragraph">{t('mottak.sessions.person.notSelf')}</p>
          ) : (
            <form method="post" action={`/brukere/${person.id}/${person.deactivated_at ? 'aktiver' : 'deaktiver'}`}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <p class="ds-paragraph">{t(person.deactivated_at ? 'mottak.sessions.person.reactivateHint' : 'mottak.sessions.person.deactivateHint')}</p>
              <button type="submit" class="ds-button" data-variant={person.deactivated_at ? 'secondary' : 'primary'} data-color={person.deactivated_at ? undefined : 'danger'}>
                {t(person.deactivated_at ? 'mottak.sessions.person.reactivate' : 'mottak.sessions.person.deactivate')}
              </button>
            </form>
          )}
        </MottakLayout>,
      );
    });

    leader.post<{ Params: { id: string } }>('/brukere/:id/avslutt', { preHandler: app.csrfProtection }, async (request, reply) => {
      const person = await personOr404(request);
      const ended = await endNamedSessions(app, request, person, 'ended-by-leader');
      return reply.redirect(`/brukere/${person.id}?avsluttet=${ended}`, 303);
    });

    for (const [path, deactivate] of [
      ['deaktiver', true],
      ['aktiver', false],
    ] as const) {
      leader.post<{ Params: { id: string } }>(`/brukere/:id/${path}`, { preHandler: app.csrfProtection }, async (request, reply) => {
        const cw = caseworkerOf(request);
        const person = await personOr404(request);
        // A leader cannot lock themselves out; another leader (or the operator) does that.
        if (person.id === cw.caseworkerId) throw new AppError('CONFLICT');
        await asCaseworker(app, request, async (trx) => {
          const at = now();
          await setDeactivated(trx, cw.serviceId, person.id, deactivate ? at : null);
          const ended = deactivate ? await endSessions(trx, { caseworkerId: person.id }, at, 'deactivated') : 0;
          await audit(trx, actorOf(app, request), deactivate ? 'caseworker.deactivated' : 'caseworker.reactivated', null, { caseworker: person.name, sessionsEnded: ended });
        });
        return reply.redirect(`/brukere/${person.id}?endret=${deactivate ? 'deaktivert' : 'aktivert'}`, 303);
      });
    }
  });
}
