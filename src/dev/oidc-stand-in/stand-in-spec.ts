// What a stand-in for an identity provider is given: the apps that log in through it (StandInClient)
// and what sets one stand-in apart from the other (StandInSpec: accounts, claims, acr, texts).
import type { ClaimsObject } from 'oidc-provider';
import type { StandInLoginChoices } from './stand-in-pages.tsx';

export interface StandInClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Where the stand-in POSTs a logout token when the person logs out (Back-Channel Logout 1.0), as ID-porten does. */
  backchannelLogoutUri?: string;
  /**
   * Loaded in a hidden frame with `iss` and `sid` after the person logs out (Front-Channel Logout
   * 1.0), as ID-porten does. oidc-provider 8 has no front-channel logout: the stand-in draws that
   * page itself (frontchannelLogoutPage).
   */
  frontchannelLogoutUri?: string;
}

export interface StandInOptions {
  /** e.g. http://localhost:3000/dev/idporten; its path must equal the prefix the plugin is registered under. */
  issuer: string;
  clients: StandInClient[];
}

export interface StandInSpec {
  /** Names the stand-in in the production guard's error, e.g. "The ID-porten stand-in (src/dev/idporten)". */
  description: string;
  /** The exported plugin's name, for the error about a prefix that does not match the issuer. */
  pluginName: string;
  /** Log component and the label log lines start with, e.g. 'dev-idporten' and 'dev ID-porten'. */
  component: string;
  logLabel: string;
  /** Locale namespace of the pages (same key layout as devIdporten.json). */
  localeNamespace: string;
  choices: StandInLoginChoices;
  /** The scopes and the claims each releases; list acr, amr and auth_time under some scope to release them. */
  claims: Record<string, string[]>;
  acrValues: string[];
  /** What every login through the picker is recorded as. */
  login: { acr: string; amr: string[] };
  /** The claims of the account with this `sub`, or undefined when there is none. */
  findClaims(sub: string): ClaimsObject | undefined;
}
