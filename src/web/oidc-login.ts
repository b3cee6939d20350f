// A login at an OpenID provider the way both apps do it: the authorization code flow with PKCE,
// state and nonce, the pending login kept in the sealed cookie between the redirect and the callback.
// The portal logs reporters in at ID-porten, mottak caseworkers at the service's own IdP; what each
// asks for and does with the claims is its own, the protocol steps are these.
import * as oidc from 'openid-client';

/** PKCE verifier, state and nonce of a login in progress, between the redirect and the callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** epoch ms */
  createdAt: number;
}

/** A login not finished within this time starts over ("try again"), so an old callback URL is useless. */
export const LOGIN_TRANSACTION_TTL_MS = 15 * 60 * 1000;

export async function beginLogin(
  configuration: oidc.Configuration,
  options: { redirectUri: string; returnTo: string; uiLocales: string; acr?: string; now: number },
): Promise<{ transaction: LoginTransaction; url: URL }> {
  const transaction: LoginTransaction = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    returnTo: options.returnTo,
    createdAt: options.now,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: options.redirectUri,
    scope: 'openid profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
    state: transaction.state,
    nonce: transaction.nonce,
    ...(options.acr ? { acr_values: options.acr } : {}),
    ui_locales: options.uiLocales,
  });
  return { transaction, url };
}

/** The pending login, unless it is older than its time. */
export function freshTransaction(transaction: LoginTransaction | undefined, now: number): LoginTransaction | undefined {
  return transaction && now - transaction.createdAt <= LOGIN_TRANSACTION_TTL_MS ? transaction : undefined;
}

/**
 * The code exchange at the token endpoint, checking state, nonce and the ID token. The callback URL
 * is built from the configured redirect URI, not the Host header, which a proxy may have changed.
 */
export async function exchangeCode(configuration: oidc.Configuration, redirectUri: string, requestUrl: string, transaction: LoginTransaction) {
  const current = new URL(redirectUri);
  current.search = new URL(requestUrl, redirectUri).search;
  return oidc.authorizationCodeGrant(configuration, current, {
    pkceCodeVerifier: transaction.codeVerifier,
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    idTokenExpected: true,
  });
}

/** The provider did not answer (network, time-out), as opposed to refusing: "try later", not "failed". */
export function isProviderUnreachable(err: unknown): boolean {
  return err instanceof TypeError || (err as { name?: string } | null)?.name === 'TimeoutError';
}

/** For the log: the error's code (ours, openid-client's or the provider's), never its message, which can echo input. */
export function loginErrorCode(err: unknown): string {
  const e = err as { error?: unknown; code?: unknown; name?: unknown; cause?: { code?: unknown } } | null;
  const code = [e?.error, e?.code, e?.cause?.code, e?.name].find((c): c is string => typeof c === 'string');
  return (code ?? 'unknown').slice(0, 64);
}
