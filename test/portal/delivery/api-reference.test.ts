import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiReference } from '../../../src/portal/delivery/render-api-reference.ts';
import { renderInnsynApiReference } from '../../../src/portal/innsyn/innsyn-openapi.ts';

test('the committed API reference is what the OpenAPI document generates (run npm run docs:api)', () => {
  const committed = readFileSync(join(import.meta.dirname, '../../../docs/api/mottak-api.md'), 'utf8');
  assert.equal(committed, renderApiReference());
});

test('the committed index API reference is what its OpenAPI document generates (run npm run docs:api)', () => {
  const committed = readFileSync(join(import.meta.dirname, '../../../docs/api/innsyn-api.md'), 'utf8');
  assert.equal(committed, renderInnsynApiReference());
});
