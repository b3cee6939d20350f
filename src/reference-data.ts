// Reference data (municipalities, postcodes, the Fiks schemas) is read from the workplace's shared
// data folder beside the repository, not copied into it: the Fiks schemas carry no licence that lets
// us redistribute them, and one source keeps the code lists current. See docs/decisions/.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..');

export function referenceDataDir(): string {
  const dir = process.env.REFERENCE_DATA_DIR ?? join(REPO_ROOT, '..', 'shared', 'data');
  if (!existsSync(join(dir, 'kommuner.json'))) {
    throw new Error(
      `Reference data not found in ${dir}. Check out the shared data folder beside the repository or set REFERENCE_DATA_DIR.`,
    );
  }
  return dir;
}

export function repoRoot(): string {
  return REPO_ROOT;
}
