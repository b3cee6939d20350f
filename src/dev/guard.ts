/**
 * The stand-ins for identity providers hand out logins for made-up people to anyone who asks, so
 * they must never be reachable in production. The lead mounts one only when this returns true; each
 * plugin checks again itself so a wiring mistake fails loudly at start instead of opening a back door.
 */
export function isDevStandInAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production';
}

/** `standIn` names the stand-in in the error, e.g. "The ID-porten stand-in (src/dev/idporten)". */
export function assertDevStandInAllowed(standIn: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!isDevStandInAllowed(env)) throw new Error(`${standIn} must never be mounted when NODE_ENV=production`);
}

export const ID_PORTEN_STAND_IN = 'The ID-porten stand-in (src/dev/idporten)';

export function isDevIdportenAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return isDevStandInAllowed(env);
}

export function assertDevIdportenAllowed(env: NodeJS.ProcessEnv = process.env): void {
  assertDevStandInAllowed(ID_PORTEN_STAND_IN, env);
}
