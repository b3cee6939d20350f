// How the print and notice adapters hand a job to their provider, whichever the channel: a file in a
// folder the provider collects from, or a request under the provider's base URL.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes `name` into `dir` under a temporary name first and renames it, so the provider never picks
 * up half a file, and a retry overwrites with the same bytes.
 */
export function writeForPickup(dir: string, name: string, content: string | Uint8Array): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Unique per writer: two processes sending the same job must not share a half-written file.
  const tmp = join(dir, `.${name}.${process.pid}.${randomUUID()}.tmp`);
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, join(dir, name));
}

/** `path` under the provider's base URL, read as a folder whether or not it was given with a final '/'. */
export function providerUrl(baseUrl: string, path: string): URL {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}
