// Every file under a folder that contains the given bytes: how tests prove no plaintext was left.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function grepTree(dir: string, needle: Buffer): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    if (readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}
