// Reference data (municipalities, postcodes, the Fiks schemas, the SSB code lists) lives in this
// repository's data/, so a clone starts on its own; `npm run reference-data -- refresh` takes in a
// newer copy after checking it. REFERENCE_DATA_DIR points elsewhere (a deployment's mounted copy).
// See docs/decisions/002-reference-data-location.md.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The repository's own copy, which `reference-data refresh` writes. */
export function bundledReferenceDataDir(): string {
  return join(REPO_ROOT, 'data');
}

export function referenceDataDir(): string {
  const dir = process.env.REFERENCE_DATA_DIR || bundledReferenceDataDir();
  if (!existsSync(join(dir, 'kommuner.json'))) {
    throw new Error(
      process.env.REFERENCE_DATA_DIR
        ? `Reference data not found in REFERENCE_DATA_DIR=${dir} (no kommuner.json). Unset it to use the repository's data/.`
        : `Reference data not found in ${dir} (no kommuner.json). It belongs to the repository: restore it with git checkout -- data.`,
    );
  }
  return dir;
}

export function repoRoot(): string {
  return REPO_ROOT;
}
