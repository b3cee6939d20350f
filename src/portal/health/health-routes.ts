import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function healthPlugin(app: FastifyInstance): Promise<void> {
  // Liveness and readiness in one: 200 once migrations ran (the app only starts after them), 503
  // while the database does not answer within two seconds.
  app.get('/healthz', async (_request, reply) => {
    try {
      await Promise.race([
        sql`select 1`.execute(app.database.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch {
      return reply.status(503).header('cache-control', 'no-store').send({ status: 'unavailable' });
    }
  });
}
