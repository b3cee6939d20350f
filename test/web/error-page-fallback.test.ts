// Whatever fails, a person gets a page they can read and leave: even when the error page itself
// cannot be drawn, the answer is a plain bokmål page, never Fastify's JSON with our message in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { registerErrorHandling } from '../../src/web/error-handler.ts';
import { translator } from '../../src/web/i18n.ts';

test('an error page that fails to render gives way to a plain page with the same status and a way out', async () => {
  const app = Fastify();
  registerErrorHandling(app, () => {
    throw new Error('missing locale key se:myReports.nav');
  });
  app.get('/broken', async () => {
    throw new Error('boom');
  });
  await app.ready();
  const t = translator('nb');
  for (const [path, status, title] of [['/broken', 500, t('common.errors.internal.title')], ['/finnes-ikke', 404, t('common.errors.notFound.title')]] as const) {
    const response = await app.inject(path);
    assert.equal(response.statusCode, status);
    assert.match(response.headers['content-type'] as string, /^text\/html/);
    assert.match(response.body, new RegExp(`<html lang="nb">.*<h1>${title}</h1>`));
    assert.match(response.body, /<a href="\/sprak\/nb\?tilbake=\/">/);
    assert.doesNotMatch(response.body, /missing locale key|boom|statusCode/);
  }
  await app.close();
});
