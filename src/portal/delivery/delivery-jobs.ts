// The work behind the outbox: publish a report to its receiving system, fall back to print when it
// refuses or stays silent past its deadline, delete ciphertext some days after delivery, and run
// the feedback notices (notice-jobs.ts).
// Every step is guarded by the status machine under a row lock, so running it twice, or in two
// processes at once, has the effect of running it once.
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { DB } from '../db/schema.ts';
import { addWorkingDays } from '../../domain/delivery/working-days.ts';
import { inTransaction, transitionReport } from './delivery-store.ts';
import type PgBoss from 'pg-boss';
import { QUEUES, type JobData, type Outbox, type QueueName } from './outbox.ts';
import { PrintRejectedError, type PrintAdapter } from './print-adapter.ts';
import { sendFeedbackNotice, type NoticeDeps } from './notice-jobs.ts';

/** No confirmation from the receiving system within this many working days → print. */
export const FAGSYSTEM_WORKING_DAYS = 2;
const SWEEP_INTERVAL_MS = 30_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The reporter's encrypted contact is kept at most this long. The law's longest path to the last
 * feedback is review (1 week) + investigation (up to 6 months) + 3 weeks to tell the reporter; a
 * year leaves room for late services without keeping an address for ever.
 */
export const NOTICE_CONTACT_RETENTION_DAYS = 365;

export interface DeliveryDeps {
  db: Kysely<DB>;
  outbox: Outbox;
  clock: Clock;
  printAdapter: PrintAdapter;
  retentionDays: number;
  log: FastifyBaseLogger;
}

export async function publishReport(deps: DeliveryDeps, reportId: string): Promise<void> {
  const now = deps.clock.now();
  const result = await transitionReport(deps.db, reportId, 'publisert', { at: now, fagsystemDeadlineAt: addWorkingDays(now, FAGSYSTEM_WORKING_DAYS) });
  if (result?.changed) deps.log.info({ reportId, status: result.status }, 'report offered to receiving system');
}

/**
 * Hands a report to the print provider. A refusal, or a failure on the last attempt, ends in
 * AVVIST_PRINT, which an operator must act on; other failures are thrown so the queue retries.
 */
export async function printReport(deps: DeliveryDeps, reportId: string, options: { finalAttempt: boolean }): Promise<void> {
  const { db, clock, log } = deps;
  await transitionReport(db, reportId, 'print-sendt', { at: clock.now() });
  const row = await db
    .selectFrom('reports')
    .innerJoin('services', 'services.id', 'reports.service_id')
    .select(['reports.status', 'reports.reference', 'reports.print_package', 'services.orgnr', 'services.name', 'services.postal_address'])
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  if (!row || row.status !== 'SENDT_PRINT') return;
  try {
    if (!row.print_package) throw new PrintRejectedError('no print package stored');
    await deps.printAdapter.send({
      reference: row.reference,
      recipient: { orgnr: row.orgnr, name: row.name, postalAddress: row.postal_address },
      package: row.print_package,
    });
  } catch (error) {
    const final = error instanceof PrintRejectedError || options.finalAttempt;
    if (!final) throw error;
    const reason = error instanceof PrintRejectedError ? error.reason : 'gave up after retries';
    await transitionReport(db, reportId, 'print-feilet', { at: clock.now(), detail: reason });
    // The one outcome where a report has not reached the service: somebody must call it.
    log.error({ reportId, reference: row.reference, orgnr: row.orgnr }, 'OPERATOR: print delivery failed; contact the receiving service');
    return;
  }
  await transitionReport(db, reportId, 'print-levert', { at: clock.now() });
  log.info({ reportId }, 'report handed to print provider');
}

/** Records a receiving system's refusal and queues the print fallback in the same transaction. */
export async function refuseAndFallBack(db: Kysely<DB>, outbox: Outbox, reportId: string, at: Date, detail: string, serviceId?: string) {
  return inTransaction(db, async (trx) => {
    const result = await transitionReport(trx, reportId, 'feilet', { at, detail, serviceId });
    if (result?.changed) await outbox.enqueue(trx, QUEUES.print, { reportId });
    return result;
  });
}

export interface SweepResult {
  overdue: number;
  purged: number;
  /** Reports whose notice contact was deleted for age. */
  contactsForgotten: number;
}

/** The clock-driven part: deadlines that have passed, ciphertext past its retention, spent grants. */
export async function sweepDeliveries(deps: DeliveryDeps): Promise<SweepResult> {
  const { db, clock, outbox } = deps;
  const now = clock.now();
  const overdue = await db
    .selectFrom('reports')
    .select('id')
    .where('status', '=', 'SENDT_FAGSYSTEM')
    .where('fagsystem_deadline_at', '<=', now)
    .orderBy('fagsystem_deadline_at')
    .limit(500)
    .execute();
  let moved = 0;
  for (const { id } of overdue) {
    const changed = await inTransaction(db, async (trx) => {
      const result = await transitionReport(trx, id, 'frist-utlopt', { at: now });
      if (result?.changed) await outbox.enqueue(trx, QUEUES.print, { reportId: id });
      return result?.changed ?? false;
    });
    if (changed) moved++;
  }
  if (moved) deps.log.warn({ count: moved }, 'reports not confirmed within the deadline sent to print');

  const purgeBefore = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const purged = await db
    .updateTable('reports')
    .set({ package: null, print_package: null, packages_deleted_at: now })
    .where('status', '=', 'LEVERT')
    .where('delivered_at', '<=', purgeBefore)
    .where('packages_deleted_at', 'is', null)
    .executeTakeFirst();
  const forgetBefore = new Date(now.getTime() - NOTICE_CONTACT_RETENTION_DAYS * DAY_MS);
  const forgotten = await db.updateTable('reports').set({ notice_contact: null }).where('notice_contact', 'is not', null).where('received_at', '<=', forgetBefore).executeTakeFirst();
  await db.deleteFrom('used_grant_assertions').where('expires_at', '<', now).execute();
  return { overdue: moved, purged: Number(purged.numUpdatedRows), contactsForgotten: Number(forgotten.numUpdatedRows) };
}

export interface DeliveryWorkers {
  stop(): Promise<void>;
}

export async function startDeliveryWorkers(deps: DeliveryDeps & NoticeDeps): Promise<DeliveryWorkers> {
  const queues = [
    workQueue(deps, QUEUES.publish, (job) => publishReport(deps, job.data.reportId)),
    workQueue(deps, QUEUES.print, (job) => printReport(deps, job.data.reportId, { finalAttempt: job.retryCount >= job.retryLimit })),
    workQueue(deps, QUEUES.notice, (job) => sendFeedbackNotice(deps, job.data, { finalAttempt: job.retryCount >= job.retryLimit })),
  ];
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepDeliveries(deps).catch((error: Error) => deps.log.warn({ errMessage: error.message.slice(0, 200) }, 'delivery sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(queues.map((q) => q.stop()));
      await running;
    },
  };
}

const POLL_INTERVAL_MS = 500;
const SETTLE_RETRY_MS = 1000;

/**
 * One worker loop per queue, instead of pg-boss's work(): pg-boss 10 records a job's outcome
 * without awaiting it, so a database restart mid-job becomes an unhandled rejection (fatal in Node)
 * and leaves the job active until it expires (timgit/pg-boss#577). Here the outcome is awaited
 * and retried until the database takes it, or until the job would have expired anyway.
 */
function workQueue<Q extends QueueName>(deps: DeliveryDeps, queue: Q, handle: (job: PgBoss.JobWithMetadata<JobData[Q]>) => Promise<void>) {
  const { boss } = deps.outbox;
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const settle = async (job: PgBoss.JobWithMetadata<JobData[Q]>, failure: Error | undefined, giveUpAt: number) => {
    for (;;) {
      try {
        if (failure) await boss.fail(queue, job.id, { message: failure.message.slice(0, 500) });
        else await boss.complete(queue, job.id);
        return;
      } catch (error) {
        if (stopping || Date.now() > giveUpAt) {
          deps.log.warn({ queue, jobId: job.id, errMessage: (error as Error).message.slice(0, 200) }, 'could not record a job outcome; it runs again when it expires');
          return;
        }
        await pause(SETTLE_RETRY_MS);
      }
    }
  };
  const loop = (async () => {
    while (!stopping) {
      let job: PgBoss.JobWithMetadata<JobData[Q]> | undefined;
      try {
        [job] = await boss.fetch<JobData[Q]>(queue, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        deps.log.warn({ queue, errMessage: (error as Error).message.slice(0, 200) }, 'could not fetch delivery jobs');
      }
      if (!job) {
        await pause(POLL_INTERVAL_MS);
        continue;
      }
      const giveUpAt = Date.now() + job.expireInSeconds * 1000;
      let failure: Error | undefined;
      try {
        await handle(job);
      } catch (error) {
        failure = error as Error;
        deps.log.warn({ queue, jobId: job.id, retryCount: job.retryCount, errMessage: failure.message.slice(0, 200) }, 'delivery job failed; it will be retried');
      }
      await settle(job, failure, giveUpAt);
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
