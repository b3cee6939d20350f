// The login picker's routes: oidc-provider hands its interactions (login, consent) to these, where a
// developer picks a made-up account instead of authenticating.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type Provider from 'oidc-provider';
import { errors, type Interaction } from 'oidc-provider';
import type { StandInPages } from './stand-in-pages.tsx';
import type { StandInSpec } from './stand-in-spec.ts';

/**
 * The interaction form has no separate CSRF token. Its protection is oidc-provider's own
 * interaction cookie: it is signed, HttpOnly, SameSite=Lax and scoped to this interaction's path,
 * so a cross-site POST arrives without it and interactionDetails() fails; and the uid in the URL
 * must be the interaction that cookie points to. A forged form can thus neither finish someone
 * else's interaction nor log the victim in as an account of the attacker's choosing.
 */
export async function interactionRoutes(
  app: FastifyInstance,
  provider: Provider,
  spec: StandInSpec,
  pages: StandInPages,
  mountPath: string,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  const paths = (uid: string) => ({
    actionPath: `${mountPath}/interaction/${encodeURIComponent(uid)}/login`,
    abortPath: `${mountPath}/interaction/${encodeURIComponent(uid)}/abort`,
  });

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  async function load(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<Interaction | null> {
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      if (interaction.uid === request.params.uid) return interaction;
    } catch (err) {
      if (!(err instanceof errors.SessionNotFound)) throw err;
    }
    await html(reply, 400, pages.expired());
    return null;
  }

  async function grantFor(interaction: Interaction, accountId: string): Promise<string> {
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing && existing.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
    const requested = String(interaction.params.scope ?? '').split(' ');
    grant.addOIDCScope(Object.keys(spec.claims).filter((s) => requested.includes(s)).join(' '));
    const missingClaims = interaction.prompt.details.missingOIDCClaims;
    if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
    return grant.save();
  }

  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    if (interaction.prompt.name === 'login') {
      return html(reply, 200, pages.login({ ...paths(interaction.uid), missingChoice: false }));
    }
    // Already logged in here (SSO), only consent is missing: the providers played here never ask
    // for consent.
    const accountId = interaction.session?.accountId;
    if (!accountId) return html(reply, 400, pages.expired());
    const grantId = await grantFor(interaction, accountId);
    const returnTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } });
    return reply.redirect(returnTo, 303);
  });

  app.post<{ Params: { uid: string }; Body: Record<string, unknown> | undefined }>('/interaction/:uid/login', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    const sub = request.body?.[spec.choices.field];
    const chosen = typeof sub === 'string' ? spec.findClaims(sub) : undefined;
    if (!chosen) {
      return html(reply, 400, pages.login({ ...paths(interaction.uid), missingChoice: true }));
    }
    // Consent is granted in the same step, so no consent prompt follows.
    const grantId = await grantFor(interaction, chosen.sub);
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      // remember: false makes the SSO cookie last for the browser session only, like ID-porten's.
      { login: { accountId: chosen.sub, acr: spec.login.acr, amr: spec.login.amr, remember: false }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  });

  app.post<{ Params: { uid: string } }>('/interaction/:uid/abort', async (request, reply) => {
    const interaction = await load(request, reply);
    if (!interaction) return reply;
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(returnTo, 303);
  });
}
