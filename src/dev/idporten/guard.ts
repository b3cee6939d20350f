/**
 * The ID-porten stand-in hands out logins for made-up people to anyone who asks, so it must never
 * be reachable in production. The lead mounts it only when this returns true; the plugin checks
 * again itself so a wiring mistake fails loudly at start instead of opening a back door.
 */
export function isDevIdportenAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production';
}

export function assertDevIdportenAllowed(env: NodeJS.ProcessEnv = process.env): void {
  if (!isDevIdportenAllowed(env)) {
    throw new Error('The ID-porten stand-in (src/dev/idporten) must never be mounted when NODE_ENV=production');
  }
}
