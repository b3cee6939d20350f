import type { FastifyReply, FastifyRequest } from 'fastify';
import { h, Fragment, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import { translator, type Translate } from '../../web/i18n.ts';
import { Layout } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';

export type AuthProblem = 'failed' | 'cancelled' | 'unavailable';

const STATUS: Record<AuthProblem, number> = { failed: 400, cancelled: 400, unavailable: 503 };

function ProblemContent(props: { t: Translate; problem: AuthProblem; retryHref: string }): SafeHtml {
  const { t, problem } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t(`auth.${problem}.title`)}
      </h1>
      <p class="ds-paragraph">{t(`auth.${problem}.body`)}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.retryHref}>
          {t(`auth.${problem}.tryAgain`)}
        </a>
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t('auth.frontPage')}
        </a>
      </p>
    </>
  );
}

function withLayout(request: FastifyRequest, reply: FastifyReply, problem: AuthProblem, retryHref: string): string {
  // safe: these pages must render even when the session or CSRF machinery is part of the problem.
  const ctx = pageContext(request, reply, { safe: true });
  return renderDocument(
    <Layout ctx={ctx} title={ctx.t(`auth.${problem}.title`)}>
      <ProblemContent t={ctx.t} problem={problem} retryHref={retryHref} />
    </Layout>,
  );
}

/** The same message without the shared layout, for when the layout itself cannot render. */
function bare(problem: AuthProblem, retryHref: string): string {
  const t = translator();
  return renderDocument(
    <html lang="nb">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t(`auth.${problem}.title`)}</title>
      </head>
      <body>
        <main id="main">
          <ProblemContent t={t} problem={problem} retryHref={retryHref} />
        </main>
      </body>
    </html>,
  );
}

/** A Norwegian page instead of an error: what happened and a link that starts the login again. */
export function sendAuthProblemPage(request: FastifyRequest, reply: FastifyReply, problem: AuthProblem, retryHref: string): FastifyReply {
  let html: string;
  try {
    html = withLayout(request, reply, problem, retryHref);
  } catch (err) {
    // A failed login must never turn into a 500; the reason is logged by name only.
    request.log.error({ errName: (err as Error).name }, 'auth page layout failed; sent without layout');
    html = bare(problem, retryHref);
  }
  if (problem === 'unavailable') reply.header('retry-after', '30');
  return reply.code(STATUS[problem]).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** After logout: said plainly, with the way back in and what became of an unsent report. */
export function loggedOutPage(request: FastifyRequest, reply: FastifyReply, draftDeleted: boolean): string {
  const ctx = pageContext(request, reply);
  const { t } = ctx;
  return renderDocument(
    <Layout ctx={ctx} title={t('auth.loggedOut.title')}>
      <div class="ds-alert" data-color="success" role="status">
        <h1 class="ds-heading" data-size="md">
          {t('auth.loggedOut.title')}
        </h1>
        <p class="ds-paragraph">{t(draftDeleted ? 'auth.loggedOut.draftDeleted' : 'auth.loggedOut.body')}</p>
      </div>
      <p class="ds-paragraph">{t('auth.loggedOut.sharedComputer')}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t('auth.frontPage')}
        </a>
      </p>
    </Layout>,
  );
}
