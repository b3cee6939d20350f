// The delivery outbox: pg-boss on the portal's own database, so a report and the job that delivers
// it commit in one transaction. Jobs carry only ids and codes; the work is in delivery-jobs.ts and
// notice-jobs.ts.
import PgBoss from 'pg-boss';
import { CompiledQuery, type Transaction } from 'kysely';
import type pg from 'pg';
import type { DB } from '../db/schema.ts';
import type { FeedbackType } from '../../domain/delivery/feedback.ts';

export const QUEUES = {
  /** Offer a newly accepted report to its receiving system and start its deadline. */
  publish: 'delivery-publish',
  /** Hand a report to the print provider (refused by the receiving system, or past its deadline). */
  print: 'delivery-print',
  /** Tell the reporter, by email or SMS, that the service has given feedback. */
  notice: 'feedback-notice',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface DeliveryJobData {
  reportId: string;
}

export interface NoticeJobData {
  reportId: string;
  feedbackType: FeedbackType;
}

export interface JobData {
  [QUEUES.publish]: DeliveryJobData;
  [QUEUES.print]: DeliveryJobData;
  [QUEUES.notice]: NoticeJobData;
}

// Backoff doubles from retryDelay; eight tries of print span about two hours before giving up.
// A job whose worker lost the database mid-run stays 'active' until it expires, so expiry is short
// where the work is short (publishing is one UPDATE); print allows for the provider's 30 s timeout.
const QUEUE_OPTIONS: Record<QueueName, Omit<PgBoss.Queue, 'name'>> = {
  [QUEUES.publish]: { retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 },
  [QUEUES.print]: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 90 },
  [QUEUES.notice]: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 90 },
};
/** How often pg-boss looks for expired jobs (and archives old ones). */
const MAINTENANCE_INTERVAL_SECONDS = 10;

export interface Outbox {
  boss: PgBoss;
  /** Adds a job inside the caller's transaction: it exists if and only if the transaction commits. */
  enqueue<Q extends QueueName>(trx: Transaction<DB>, queue: Q, data: JobData[Q]): Promise<void>;
  stop(): Promise<void>;
}

export async function openOutbox(pool: pg.Pool, onError: (error: Error) => void): Promise<Outbox> {
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => pool.query(text, values) },
    schema: 'pgboss',
    // Our own sweep (delivery-jobs.ts) runs the clock-driven work; pg-boss's cron is not used.
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on('error', onError);
  await boss.start();
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    await boss.createQueue(name, { name, ...options });
    await boss.updateQueue(name, { name, ...options });
  }
  return {
    boss,
    async enqueue(trx, queue, data) {
      const db = {
        executeSql: async (text: string, values: unknown[]) => {
          const result = await trx.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] };
        },
      };
      await boss.send(queue, data, { db });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
