// npm run docs:api — writes the API references in docs/api/ from their OpenAPI documents: the
// delivery API (mottak-api.md) and the citizen-services index API (innsyn-api.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiReference } from '../src/portal/delivery/render-api-reference.ts';
import { renderInnsynApiReference } from '../src/portal/innsyn/innsyn-openapi.ts';

for (const [file, text] of [
  ['mottak-api.md', renderApiReference()],
  ['innsyn-api.md', renderInnsynApiReference()],
] as const) {
  const target = join(import.meta.dirname, '..', 'docs', 'api', file);
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
