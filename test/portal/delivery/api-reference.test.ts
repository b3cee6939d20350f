import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiReference } from '../../../src/portal/delivery/render-api-reference.ts';

test('the committed API reference is what the OpenAPI document generates (run npm run docs:api)', () => {
  const committed = readFileSync(join(import.meta.dirname, '../../../docs/api/mottak-api.md'), 'utf8');
  assert.equal(committed, renderApiReference());
});
