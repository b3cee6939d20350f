// A database that goes away mid-submit must give the reporter "try again shortly" (503), never
// "something went wrong" (500). The errors here are the real ones pg raises when its connection is
// cut under it, through a proxy the test owns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import type { FastifyError } from 'fastify';
import { classify } from '../../src/web/error-handler.ts';
import { postgresBehindProxy } from '../kit/tcp-proxy.ts';

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe('a database connection lost mid-request is "unavailable"', { skip: adminUrl ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, () => {
  test('the cut query, the next query and the rollback on that client all classify as UNAVAILABLE', async () => {
    const behind = await postgresBehindProxy();
    const { databaseUrl } = await behind.viaProxy.create();
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => {});
    await client.connect();
    const errors: Error[] = [];
    try {
      await client.query('begin');
      const running = client.query('select pg_sleep(5)').catch((error: Error) => errors.push(error));
      await new Promise((r) => setTimeout(r, 200));
      await behind.proxy.close();
      await running;
      await client.query('select 1').catch((error: Error) => errors.push(error));
      await client.query('rollback').catch((error: Error) => errors.push(error));
    } finally {
      await client.end().catch(() => {});
      await behind.drop().catch(() => {});
    }
    assert.equal(errors.length, 3, 'each of the three failed');
    assert.ok(errors.some((e) => /not queryable/.test(e.message)), `pg's "not queryable" error is among them: ${errors.map((e) => e.message).join(' | ')}`);
    for (const error of errors) assert.equal(classify(error as FastifyError), 'UNAVAILABLE', error.message);
  });

  test('a programming error is still INTERNAL', () => {
    assert.equal(classify(new Error('Cannot read properties of undefined') as FastifyError), 'INTERNAL');
  });
});
