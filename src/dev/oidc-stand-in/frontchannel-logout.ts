// Front-Channel Logout 1.0, which oidc-provider 8 lacks: ID-porten's logout page loads each app's
// logout URL in a hidden frame, so the stand-ins' pages do too.
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { StandInPages } from './stand-in-pages.tsx';
import type { StandInOptions } from './stand-in-spec.ts';

/**
 * After "Logg ut" is confirmed, oidc-provider answers with a redirect. Where the ended session had
 * logged in to clients with a front-channel logout URL, the stand-in answers instead with a page that
 * loads each URL (with the issuer and that client's session id) in a hidden frame, then goes on to
 * the same redirect: ID-porten's logout page does this.
 */
export function frontchannelLogoutPage(provider: Provider, opts: StandInOptions, pages: StandInPages): void {
  const uris = new Map(opts.clients.filter((c) => c.frontchannelLogoutUri).map((c) => [c.clientId, c.frontchannelLogoutUri!]));
  if (uris.size === 0) return;
  provider.use(async (ctx, next) => {
    await next();
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
    if (oidc?.route !== 'end_session_confirm' || ctx.status !== 303) return;
    const authorizations = oidc.session?.authorizations ?? {};
    const frames: string[] = [];
    for (const [clientId, { sid }] of Object.entries(authorizations)) {
      const uri = uris.get(clientId);
      if (!uri || !sid) continue;
      const url = new URL(uri);
      url.searchParams.set('iss', opts.issuer.replace(/\/+$/, ''));
      url.searchParams.set('sid', sid);
      frames.push(url.href);
    }
    if (frames.length === 0) return;
    const next303 = ctx.response.get('location');
    ctx.status = 200;
    ctx.type = 'html';
    ctx.remove('location');
    ctx.body = pages.frontchannel(frames, next303);
  });
}
