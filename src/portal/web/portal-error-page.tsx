// The portal's error page, in the visitor's language and the portal's frame, with a way back to the
// start (or, when the draft expired, to a new report). Mottak has its own (mottak/web/mottak-error-page.tsx).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import type { ErrorCode } from '../../web/errors.ts';
import { Layout } from './portal-layout.tsx';
import { pageContext } from './page-context.ts';
import { START_LANGUAGES } from '../../web/i18n.ts';

const PAGE_KEYS: Record<ErrorCode, string> = {
  NOT_FOUND: 'notFound',
  BAD_REQUEST: 'badRequest',
  // These arise only under /api, which answers in JSON; a page is still there if a browser wanders in.
  UNAUTHORIZED: 'badRequest',
  CONFLICT: 'badRequest',
  NOT_FOR_PRIVATE_REPORTER: 'badRequest',
  // A form route sent something other than a form (a script posting JSON): no browser does that.
  UNSUPPORTED_MEDIA_TYPE: 'badRequest',
  CSRF: 'csrf',
  PAYLOAD_TOO_LARGE: 'tooLarge',
  RATE_LIMITED: 'rateLimited',
  UNAVAILABLE: 'unavailable',
  DRAFT_EXPIRED: 'draftExpired',
  INTERNAL: 'internal',
};

export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): string {
  // The error page must render even when the session or CSRF machinery is what failed.
  const ctx = pageContext(request, reply, { safe: true, languages: START_LANGUAGES });
  const { t } = ctx;
  const key = PAGE_KEYS[code];
  return renderDocument(
    <Layout ctx={ctx} title={t(`common.errors.${key}.title`)}>
      <h1 class="ds-heading" data-size="lg">
        {t(`common.errors.${key}.title`)}
      </h1>
      <p class="ds-paragraph">{t(`common.errors.${key}.body`)}</p>
      {/* A failed form post could not even load the draft to re-render the page; the browser still
          holds what was typed, so say where to find it instead of claiming it was saved. */}
      {request.method === 'POST' && (code === 'UNAVAILABLE' || code === 'INTERNAL') ? <p class="ds-paragraph">{t('common.errors.unsavedInput')}</p> : null}
      <p class="ds-paragraph">
        {code === 'DRAFT_EXPIRED' ? (
          <a class="ds-link" href="/meld/hvem">
            {t('common.errors.startAgain')}
          </a>
        ) : (
          <a class="ds-link" href="/">
            {t('common.errors.toFrontPage')}
          </a>
        )}
      </p>
    </Layout>,
  );
}
