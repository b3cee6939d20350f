// Reading settings from the environment, for both apps: the one configuration error, and the
// parsers whose rules the portal and mottak share (session lifetimes, trusted proxies).
import { isIP } from 'node:net';

export class ConfigError extends Error {}

/** A session's idle and absolute lifetimes from two environment variables (minutes and hours). */
export function sessionLifetimesFrom(env: NodeJS.ProcessEnv, names: { idleMinutes: string; maxHours: string }, defaults: { idleMinutes: number; maxHours: number }) {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got ${env[name]}`);
    return value;
  };
  const idleMs = read(names.idleMinutes, defaults.idleMinutes) * 60_000;
  const absoluteMs = read(names.maxHours, defaults.maxHours) * 3_600_000;
  if (idleMs > absoluteMs) throw new ConfigError(`${names.idleMinutes} must not be longer than ${names.maxHours}`);
  return { idleMs, absoluteMs };
}

/**
 * Whose word to take for the client's address: nobody (`false`: the address the connection comes
 * from is the client's), or the proxies at these addresses or ranges. Anyone can write an
 * X-Forwarded-For header; only a proxy we run may be believed about it, or a rotating header hands
 * every request a rate-limit budget of its own and a forged address to the audit log
 * (docs/decisions/020-proxies-and-request-parsing.md).
 */
export type TrustedProxies = false | string[];

/** Reads TRUSTED_PROXIES: IP addresses and CIDR ranges separated by commas. */
export function trustedProxiesFrom(value: string | undefined, name = 'TRUSTED_PROXIES'): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '') return false;
  // A hop count cannot tell the proxy from a client that connects directly and writes enough
  // hops itself; Fastify 5 ignores one for that reason, so it would silently trust nobody.
  if (/^\d+$/.test(text)) throw new ConfigError(`${name} must name the proxies' addresses or ranges, not a number of hops: a hop count cannot tell a proxy from a client that writes the hops itself`);
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) {
    throw new ConfigError(`${name} must be IP addresses or CIDR ranges separated by commas; "${wrong}" is neither (trusting every sender is not offered: anyone could then choose their address)`);
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
