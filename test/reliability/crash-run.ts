// The crash run behind bench/crash.bench.ts and test/reliability/crash.test.ts. Per cycle: many
// reporters walk to the summary page (each with its own browser and address), all press "Send" at
// once, the portal process is killed with SIGKILL at a random moment while the submissions are in
// flight, and started again on the same data. Reporters who got no receipt do what a browser user
// does: send the same form again. The receiving service then pulls everything. At the end every
// receipt is checked against what arrived: each receipted report delivered, and only once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Browser, newMarker, newRunId, summaryCsrf, walkToSummaryWithMarker } from '../kit/loopback-browser.ts';
import { baerumOrgnr, CountingReceiver, tally, type DeliveryTally } from './counting-receiver.ts';
import { portalProcess } from '../kit/server-process.ts';

export interface CrashRunOptions {
  cycles: number;
  reporters: number;
  /** A database of the run's own on PostgreSQL; unset: the portal's PGlite in its data folder. */
  databaseUrl?: string;
  log?: (line: string) => void;
  /** Reporters walking the form at the same time while a cycle is prepared. */
  prepareConcurrency?: number;
}

export interface CrashRunResult extends DeliveryTally {
  /** Reporters who pressed "Send". */
  submissions: number;
  /** Reporters still without a receipt after retrying. */
  withoutReceipt: number;
  /** Per cycle: answers that had arrived when the portal was killed, of `reporters`. */
  answeredAtKill: number[];
  /** Per cycle: requests the kill cut off (no answer). */
  cutOff: number[];
  /** Answers other than a receipt, by status, before and after the restarts. */
  otherAnswers: Record<string, number>;
  /** Per restart: process start to /healthz 200, ms. */
  restartMs: number[];
  retries: number;
}

interface Reporter {
  marker: string;
  browser: Browser;
  csrf: string;
  reference?: string;
}

const RECEIPT = /^\/meld\/kvittering\/(BM-[0-9A-Z]{4}-[0-9A-Z]{4})$/;

async function inBatches<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

export async function runCrashCycles(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => {});
  const run = newRunId();
  const dataDir = mkdtempSync(join(tmpdir(), 'meldeportal-crash-'));
  const portal = await portalProcess({ dataDir, databaseUrl: options.databaseUrl });
  const receiver = new CountingReceiver(dataDir, () => portal.url, baerumOrgnr());
  const receipts = new Map<string, string>();
  const result: CrashRunResult = {
    submissions: 0,
    withoutReceipt: 0,
    answeredAtKill: [],
    cutOff: [],
    otherAnswers: {},
    restartMs: [],
    retries: 0,
    ...tally(receipts, receiver),
  };
  const other = (what: string) => (result.otherAnswers[what] = (result.otherAnswers[what] ?? 0) + 1);
  const send = async (reporter: Reporter): Promise<'receipt' | 'answered' | 'no answer'> => {
    try {
      const response = await reporter.browser.request('POST', '/meld/send', { form: { _csrf: reporter.csrf } });
      const reference = response.status === 303 && response.location ? RECEIPT.exec(new URL(response.location, portal.url).pathname)?.[1] : undefined;
      if (reference) {
        if (reporter.reference && reporter.reference !== reference) other(`a second, different receipt`);
        reporter.reference = reference;
        receipts.set(reporter.marker, reference);
        return 'receipt';
      }
      other(`HTTP ${response.status}`);
      return 'answered';
    } catch {
      return 'no answer';
    }
  };

  try {
    log(`starting the portal (${options.databaseUrl ? 'PostgreSQL' : 'PGlite'}) in ${dataDir}`);
    // The first start makes the dev keys and the database; on a busy machine that takes minutes.
    log(`portal up after ${await portal.start(600_000)} ms`);
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const reporters = await inBatches(
        Array.from({ length: options.reporters }, (_, i) => i),
        options.prepareConcurrency ?? 8,
        async (i): Promise<Reporter> => {
          const marker = newMarker(run, cycle, i);
          const browser = await Browser.open(portal.url);
          const summary = await walkToSummaryWithMarker(browser, marker, i % 5);
          return { marker, browser, csrf: summaryCsrf(summary) };
        },
      );
      result.submissions += reporters.length;
      log(`cycle ${cycle + 1}: ${reporters.length} reporters at the summary page`);

      // Killed when a random share of the answers is in: sometimes before the first, never after the last.
      const killWhenAnswered = Math.floor(Math.random() * Math.floor(options.reporters * 0.9));
      let settled = 0;
      let killing: Promise<void> | undefined;
      const kill = () => (killing ??= portal.kill());
      const fired = Date.now();
      if (killWhenAnswered === 0) setTimeout(kill, Math.random() * 300);
      const outcomes = await Promise.all(
        reporters.map(async (reporter) => {
          const outcome = await send(reporter);
          settled++;
          if (killWhenAnswered > 0 && settled === killWhenAnswered) void kill();
          return outcome;
        }),
      );
      await kill();
      const answered = outcomes.filter((o) => o !== 'no answer').length;
      result.answeredAtKill.push(answered);
      result.cutOff.push(outcomes.filter((o) => o === 'no answer').length);
      const restartMs = await portal.start();
      result.restartMs.push(restartMs);

      // The browser's "send again": the same form, the same cookie, until a receipt (or five tries).
      let waiting = reporters.filter((r) => !r.reference);
      for (let attempt = 0; attempt < 5 && waiting.length; attempt++) {
        if (attempt) await sleep(1000);
        result.retries += waiting.length;
        await Promise.all(waiting.map((r) => send(r)));
        waiting = waiting.filter((r) => !r.reference);
      }
      result.withoutReceipt += waiting.length;
      await Promise.all(reporters.map((r) => r.browser.close()));
      await receiver.pass().catch((error: Error) => log(`receiver pass failed: ${error.message}`));
      log(
        `cycle ${cycle + 1}/${options.cycles}: killed after ${Date.now() - fired} ms with ${answered}/${reporters.length} answered; ` +
          `restart ${restartMs} ms; receipts ${reporters.length - waiting.length}/${reporters.length}; received so far ${receiver.timesReceived.size}`,
      );
    }

    // Reports accepted just before a kill are published by the workers after the restart; the
    // receiver keeps pulling until every receipt has arrived or a minute has passed.
    const end = Date.now() + 60_000;
    for (;;) {
      await receiver.pass().catch((error: Error) => log(`receiver pass failed: ${error.message}`));
      if (tally(receipts, receiver).lost === 0 || Date.now() > end) break;
      await sleep(1000);
    }
    // One more pass a little later: a report offered again after it was answered would show here.
    await sleep(2000);
    await receiver.pass().catch((error: Error) => log(`receiver pass failed: ${error.message}`));
    Object.assign(result, tally(receipts, receiver));
    return result;
  } catch (error) {
    log(`portal output:\n${portal.lines.slice(-20).join('\n')}`);
    throw error;
  } finally {
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
