// The pull loop: for each hosted service, fetch what the portal holds for it, open and verify it,
// store it, then answer. Storing comes before answering: if the answer is lost the portal lists the
// report again and the second store is a no-op, so a report is never answered `mottatt` without
// being stored, and never stored twice. A package that cannot be trusted is kept and answered `feilet`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { MottakDB } from '../db/schema.ts';
import type { Clock } from '../../clock.ts';
import { ApiError, DeliveryClient } from '../receiver/delivery-client.ts';
import { loadReceiverKeyPairs, openPackage, ReceiveError, type ReceiverKeys } from '../receiver/receive-message.ts';
import { storeRefusedPackage, storeReport, type ListedMessage } from './store-report.ts';
import type { Tenant } from './tenants.ts';
import { sendServiceStatistics } from '../statistics/publish-statistics.ts';
import { InnsynClient } from '../innsyn/innsyn-client.ts';
import { publishChangedCases } from '../innsyn/publish-cases.ts';

export interface PullLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface TenantPuller {
  tenant: Tenant;
  client: DeliveryClient;
  /** The same service's client for the portal's citizen-services index (another scope). */
  innsyn: InnsynClient;
  keys: () => ReceiverKeys;
}

export function createTenantPuller(tenant: Tenant, options: { portalUrl: string; tokenIssuer: string; scope: string; portalSigningCertificateFile: string }): TenantPuller {
  const integrationKeyPem = readFileSync(join(tenant.dir, 'integration.key.pem'), 'utf8');
  return {
    tenant,
    client: new DeliveryClient({
      portalUrl: options.portalUrl,
      tokenIssuer: options.tokenIssuer,
      clientId: tenant.clientId,
      integrationKeyPem,
      scope: options.scope,
    }),
    innsyn: new InnsynClient({ portalUrl: options.portalUrl, tokenIssuer: options.tokenIssuer, clientId: tenant.clientId, integrationKeyPem }),
    // Read on every pass, so a rotated key pair or signing certificate is picked up without a restart.
    keys: () => ({ pairs: loadReceiverKeyPairs(tenant.dir), trustedSignersPem: [readFileSync(options.portalSigningCertificateFile, 'utf8')] }),
  };
}

export interface PullResult {
  received: number;
  refused: number;
}

/** One pass for one service. Network or portal trouble throws; the loop retries later. */
export async function pullForTenant(db: Kysely<MottakDB>, puller: TenantPuller, clock: Clock, log: PullLog): Promise<PullResult> {
  const result: PullResult = { received: 0, refused: 0 };
  let after: string | undefined;
  do {
    const page = await puller.client.listPending(after);
    for (const message of page.meldinger) {
      const ciphertext = await puller.client.download(message.id);
      const listed: ListedMessage = message;
      try {
        const opened = await openPackage(ciphertext, listed, puller.keys());
        await storeReport(db, { serviceId: puller.tenant.serviceId, message: listed, opened, now: clock.now() });
        await answer(puller, message.id, { type: 'mottatt' }, log);
        result.received++;
        log.info({ reference: message.referanse, service: puller.tenant.orgnr }, 'report received');
      } catch (error) {
        if (!(error instanceof ReceiveError)) throw error;
        await storeRefusedPackage(db, { serviceId: puller.tenant.serviceId, message: listed, ciphertext, reason: error.message, now: clock.now() });
        await answer(puller, message.id, { type: 'feilet', melding: error.message }, log);
        result.refused++;
        log.warn({ reference: message.referanse, service: puller.tenant.orgnr }, 'package refused');
      }
    }
    after = page.neste ?? undefined;
  } while (after);
  return result;
}

async function answer(puller: TenantPuller, id: string, receipt: { type: 'mottatt' } | { type: 'feilet'; melding: string }, log: PullLog): Promise<void> {
  try {
    await puller.client.answer(id, receipt);
  } catch (error) {
    // 409: the portal already sent it by post after the deadline; we have it now either way.
    if (error instanceof ApiError && error.status === 409) {
      log.info({ service: puller.tenant.orgnr }, 'portal had already sent the report by post');
      return;
    }
    throw error;
  }
}

const MAX_BACKOFF_MS = 60_000;
/** Statistics change with every report; the portal needs them no more often than this. */
const STATISTICS_INTERVAL_MS = 60_000;

/**
 * Pulls for every service until stopped. A service whose pull fails waits longer before its next
 * try (doubling up to a minute); the others go on.
 */
export function startPullLoop(options: { db: Kysely<MottakDB>; pullers: TenantPuller[]; clock: Clock; intervalMs: number; log: PullLog }): { stop(): Promise<void>; pullNow(): Promise<void> } {
  const failures = new Map<string, number>();
  const nextTry = new Map<string, number>();
  const nextStatistics = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function pass(force: boolean): Promise<void> {
    for (const puller of options.pullers) {
      if (stopped) return;
      const key = puller.tenant.orgnr;
      if (!force && (nextTry.get(key) ?? 0) > Date.now()) continue;
      try {
        await pullForTenant(options.db, puller, options.clock, options.log);
        if (failures.get(key)) options.log.info({ service: key }, 'connection to the portal is back');
        failures.delete(key);
        nextTry.delete(key);
      } catch (error) {
        const count = (failures.get(key) ?? 0) + 1;
        failures.set(key, count);
        nextTry.set(key, Date.now() + Math.min(options.intervalMs * 2 ** count, MAX_BACKOFF_MS));
        options.log.warn({ service: key, detail: errorDetail(error) }, 'pull failed; will retry');
        continue;
      }
      // Apart from the pull: cases changed since they were last published go to the portal's
      // citizen-services index (decision 024); a round the portal refuses is tried on the next pass.
      try {
        await publishChangedCases(options.db, puller.tenant, puller.innsyn);
      } catch (error) {
        options.log.warn({ service: key, detail: errorDetail(error) }, 'cases not published to the portal; will retry');
      }
      // Apart from the pull: statistics the portal cannot take now never hold up a report.
      if (!force && (nextStatistics.get(key) ?? 0) > Date.now()) continue;
      // Sent or not, the next look is a minute on: the deadline sweep and the version check need not
      // run on every pull.
      nextStatistics.set(key, Date.now() + STATISTICS_INTERVAL_MS);
      try {
        await sendServiceStatistics(options.db, { serviceId: puller.tenant.serviceId, client: puller.client }, options.clock);
      } catch (error) {
        options.log.warn({ service: key, detail: errorDetail(error) }, 'statistics not sent; will retry');
      }
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass(false).finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  running = pass(false).finally(schedule);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
    },
    /** Tests and the "fetch now" button: one full pass, waiting for any pass under way first. */
    async pullNow() {
      await running.catch(() => {});
      running = pass(true);
      await running;
    },
  };
}

function errorDetail(error: unknown): string {
  return error instanceof ApiError ? `${error.status} ${error.code}` : (error as Error).message.slice(0, 200);
}
