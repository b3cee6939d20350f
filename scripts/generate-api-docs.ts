// npm run docs:api — writes docs/api/mottak-api.md from the OpenAPI document.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiReference } from '../src/portal/delivery/render-api-reference.ts';

const target = join(import.meta.dirname, '..', 'docs', 'api', 'mottak-api.md');
writeFileSync(target, renderApiReference());
console.log(`wrote ${target}`);
