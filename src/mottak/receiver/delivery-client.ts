// The receiving side's client for the portal's delivery API: a Maskinporten-style token by the
// JWT-bearer grant (openid-client), then list, download and answer. Knows nothing of the portal's
// code; it speaks only HTTP as documented in /api/openapi.json.
import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { importPKCS8, SignJWT } from 'jose';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface DeliveryClientOptions {
  portalUrl: string;
  /** Maskinporten (or the dev stand-in) issuer, e.g. http://localhost:3000/dev/maskinporten */
  tokenIssuer: string;
  clientId: string;
  integrationKeyPem: string;
  scope: string;
}

export interface PendingMessage {
  id: string;
  referanse: string;
  meldingstype: string;
  kommunenummer: string;
  bydelsnummer: string;
  sendtTidspunkt: string;
  storrelse: number;
  frist: string | null;
}

/**
 * Feedback to the reporter, as the delivery API takes it: `mottatt` for every reporter; the others
 * for professional reporters only (the portal answers 422 NOT_FOR_PRIVATE_REPORTER otherwise).
 */
export type FeedbackType = 'mottatt' | 'undersokelse-apnet' | 'henlagt' | 'undersokelse-henlagt' | 'undersokelse-tiltak';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class DeliveryClient {
  private token: { value: string; expiresAt: number } | undefined;
  private oidcConfig: oidc.Configuration | undefined;

  constructor(private readonly options: DeliveryClientOptions) {}

  private async configuration(): Promise<oidc.Configuration> {
    if (this.oidcConfig) return this.oidcConfig;
    // Maskinporten publishes RFC 8414 metadata below its issuer.
    const base = this.options.tokenIssuer.replace(/\/$/, '');
    const response = await fetch(`${base}/.well-known/oauth-authorization-server`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new ApiError(response.status, 'METADATA', `token issuer metadata answered HTTP ${response.status}`);
    const metadata = (await response.json()) as oidc.ServerMetadata;
    const config = new oidc.Configuration(metadata, this.options.clientId, undefined, oidc.None());
    if (new URL(metadata.issuer).protocol === 'http:') oidc.allowInsecureRequests(config);
    this.oidcConfig = config;
    return config;
  }

  /** An access token, fetched again shortly before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 15_000 > Date.now()) return this.token.value;
    const config = await this.configuration();
    const issuer = config.serverMetadata().issuer;
    const key = await importPKCS8(this.options.integrationKeyPem, 'RS256');
    const assertion = await new SignJWT({ scope: this.options.scope })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(this.options.clientId)
      .setAudience(issuer)
      .setIssuedAt()
      .setExpirationTime('60s')
      .setJti(randomUUID())
      .sign(key);
    const tokens = await oidc.genericGrantRequest(config, JWT_BEARER_GRANT, { assertion });
    this.token = { value: tokens.access_token, expiresAt: Date.now() + (tokens.expires_in ?? 60) * 1000 };
    return tokens.access_token;
  }

  /**
   * One call to the portal with this client's token (fetched again after a 401). A refusal throws
   * ApiError with the portal's code and message, and the index API's item errors where it lists
   * them (JSON pointers and schema messages, never document content).
   */
  async call(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.accessToken();
    const response = await fetch(new URL(path, this.options.portalUrl), {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      signal: init.signal ?? AbortSignal.timeout(60_000),
    });
    if (response.status === 401) this.token = undefined;
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; feil?: unknown };
      const detail = Array.isArray(body.feil) ? ` ${JSON.stringify(body.feil).slice(0, 2000)}` : '';
      throw new ApiError(response.status, body.error ?? 'HTTP', `${body.message ?? `HTTP ${response.status}`}${detail}`);
    }
    return response;
  }

  async listPending(after?: string): Promise<{ meldinger: PendingMessage[]; neste: string | null }> {
    const query = after ? `?etter=${encodeURIComponent(after)}` : '';
    return (await this.call(`/api/v1/mottak/meldinger${query}`)).json() as Promise<{ meldinger: PendingMessage[]; neste: string | null }>;
  }

  async download(id: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.call(`/api/v1/mottak/meldinger/${encodeURIComponent(id)}`)).arrayBuffer());
  }

  async answer(id: string, receipt: { type: 'mottatt' } | { type: 'feilet'; melding: string }): Promise<{ status: string }> {
    const response = await this.call(`/api/v1/mottak/meldinger/${encodeURIComponent(id)}/kvittering`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(receipt),
    });
    return response.json() as Promise<{ status: string }>;
  }

  /** Registers feedback; the same type again is answered with the first registration. */
  async sendFeedback(id: string, type: FeedbackType): Promise<{ id: string; type: string; registrert: string }> {
    const response = await this.call(`/api/v1/mottak/meldinger/${encodeURIComponent(id)}/tilbakemelding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type }),
    });
    return response.json() as Promise<{ id: string; type: string; registrert: string }>;
  }

  /**
   * Sends the service's statistics: for each month given, every count (a measure left out is 0).
   * The portal keeps the latest figures per month; sending the same again changes nothing.
   */
  async sendStatistics(months: StatisticsMonth[]): Promise<{ maneder: number; mottatt: string }> {
    const response = await this.call('/api/v1/mottak/statistikk', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ maneder: months }),
    });
    return response.json() as Promise<{ maneder: number; mottatt: string }>;
  }
}

/** One month of a service's counts, as the statistics API takes it. */
export interface StatisticsMonth {
  /** `YYYY-MM` */
  maned: string;
  tall: Record<string, number>;
}
