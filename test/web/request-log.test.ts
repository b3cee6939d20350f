// The log shows each request once, and what people do rather than what machines repeat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { createLogger } from '../../src/logger.ts';
import { OneLinePerRequest } from '../../src/web/request-log.ts';

async function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) };
  const app = Fastify({
    loggerInstance: createLogger(level, 'json', stream) as FastifyBaseLogger,
    logController: new OneLinePerRequest((request) => request.url.startsWith('/api/poll')),
  });
  app.get('/page', async () => 'ok');
  app.get('/api/poll', async () => []);
  app.get('/api/poll/broken', async (_request, reply) => reply.code(503).send({ error: 'x' }));
  app.get('/static/site.css', async () => 'body{}');
  await app.ready();
  return { app, lines };
}

test('each request is one line with its route template and status, at info', async () => {
  const { app, lines } = await appLogging('info');
  await app.inject('/page?q=Kari');
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.level, 30);
  assert.deepEqual(lines[0]!.req, { id: 'req-1', method: 'GET', route: '/page' });
  assert.deepEqual(lines[0]!.res, { statusCode: 200 });
  assert.equal(typeof lines[0]!.responseTime, 'number');
  await app.close();
});

test('polling and static files that succeed are quiet at info and shown at debug; their failures are not quiet', async () => {
  const info = await appLogging('info');
  await info.app.inject('/api/poll');
  await info.app.inject('/static/site.css');
  assert.equal(info.lines.length, 0);
  await info.app.inject('/api/poll/broken');
  assert.equal(info.lines.length, 1);
  assert.equal(info.lines[0]!.level, 50);
  await info.app.close();

  const debug = await appLogging('debug');
  await debug.app.inject('/api/poll');
  assert.equal(debug.lines.length, 1);
  assert.equal(debug.lines[0]!.level, 20);
  await debug.app.close();
});
