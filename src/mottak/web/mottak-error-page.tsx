import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import type { ErrorCode } from '../../web/errors.ts';
import { MottakLayout, mottakContext } from './mottak-layout.tsx';

/** Mottak's own messages for not found and forbidden; the rest say what the portal's say. */
function keysFor(code: ErrorCode): { title: string; body: string } {
  if (code === 'NOT_FOUND') return { title: 'mottak.errors.notFound.title', body: 'mottak.errors.notFound.body' };
  const page = ({ CSRF: 'csrf', PAYLOAD_TOO_LARGE: 'tooLarge', RATE_LIMITED: 'rateLimited', UNAVAILABLE: 'unavailable', INTERNAL: 'internal' } as Partial<Record<ErrorCode, string>>)[code] ?? 'badRequest';
  return { title: `common.errors.${page}.title`, body: page === 'unavailable' || page === 'internal' ? 'common.errors.unsavedInput' : `common.errors.${page}.body` };
}

export function renderMottakErrorPage(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): string {
  const ctx = mottakContext(request, reply, { safe: true });
  const { t } = ctx;
  const keys = keysFor(code);
  return renderDocument(
    <MottakLayout ctx={ctx} title={t(keys.title)}>
      <h1 class="ds-heading" data-size="lg">
        {t(keys.title)}
      </h1>
      <p class="ds-paragraph">{t(keys.body)}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/innboks">
          {t('mottak.errors.toInbox')}
        </a>
      </p>
    </MottakLayout>,
  );
}

/** 403 for a caseworker on a manager's page. */
export function sendForbidden(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const ctx = mottakContext(request, reply, { safe: true });
  const { t } = ctx;
  return reply
    .code(403)
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        <MottakLayout ctx={ctx} title={t('mottak.errors.forbidden.title')}>
          <h1 class="ds-heading" data-size="lg">
            {t('mottak.errors.forbidden.title')}
          </h1>
          <p class="ds-paragraph">{t('mottak.errors.forbidden.body')}</p>
        </MottakLayout>,
      ),
    );
}
