import { assertDevStandInAllowed } from '../guard.ts';

export { isDevStandInAllowed as isDevCaseworkerIdpAllowed } from '../guard.ts';

export const CASEWORKER_IDP_STAND_IN = "The caseworkers' IdP stand-in (src/dev/caseworker-idp)";

export function assertDevCaseworkerIdpAllowed(env: NodeJS.ProcessEnv = process.env): void {
  assertDevStandInAllowed(CASEWORKER_IDP_STAND_IN, env);
}
