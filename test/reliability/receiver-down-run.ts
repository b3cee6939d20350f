// The receiving system is silent for three simulated days, across a Friday and the long weekend
// before Monday 17 May 2027 (Constitution Day and Whit Monday). Reports are sent over HTTP at set
// moments of a controllable clock, the real delivery workers publish and print them, and the clock
// is walked forward in 30-minute sweeps. Each report's deadline is checked against the one worked
// out by hand from the rule in docs/decisions/007-working-days.md, not against the code's own
// function; then the receiver comes back and pulls the rest. Every report must end delivered
// exactly once: by print if its deadline passed while the receiver was silent, otherwise digitally.
import { readdirSync } from 'node:fs';
import { ManualClock } from '../../src/clock.ts';
import { sweepDeliveries } from '../../src/portal/delivery/delivery-jobs.ts';
import type { TestDatabase } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { waitFor } from '../kit/wait.ts';
import { Browser, newMarker, newRunId, summaryCsrf, walkToSummaryWithMarker } from '../kit/loopback-browser.ts';
import { baerumOrgnr, CountingReceiver } from './counting-receiver.ts';

/** An Oslo wall-clock time in May 2027 (summer time, UTC+2) as an instant. */
const oslo = (local: string) => new Date(`${local}:00+02:00`);

export interface SilentReport {
  label: string;
  sentAt: Date;
  /** Worked out by hand from decision 007; see each line. */
  expectedDeadline: Date;
}

export const SILENCE_START = oslo('2027-05-12T08:00');
export const SILENCE_END = oslo('2027-05-15T08:00');

export const SILENT_REPORTS: SilentReport[] = [
  // Wednesday to Friday: two working days, no day off between.
  { label: 'Wednesday 09:00', sentAt: oslo('2027-05-12T09:00'), expectedDeadline: oslo('2027-05-14T09:00') },
  { label: 'Wednesday 15:30', sentAt: oslo('2027-05-12T15:30'), expectedDeadline: oslo('2027-05-14T15:30') },
  // Thursday: 14 h of Thursday and all of Friday, then Saturday, Sunday and Monday 17 May (a holiday)
  // are skipped; the remaining 10 h run out on Tuesday.
  { label: 'Thursday 10:00 (before a weekend and a public holiday)', sentAt: oslo('2027-05-13T10:00'), expectedDeadline: oslo('2027-05-18T10:00') },
  // Friday: 13 h of Friday, all of Tuesday, 11 h of Wednesday.
  { label: 'Friday 11:00', sentAt: oslo('2027-05-14T11:00'), expectedDeadline: oslo('2027-05-19T11:00') },
  { label: 'Friday 23:30', sentAt: oslo('2027-05-14T23:30'), expectedDeadline: oslo('2027-05-19T23:30') },
  // Saturday is a day off: counted from the next working day's midnight, Tuesday (Monday is 17 May).
  { label: 'Saturday 07:00', sentAt: oslo('2027-05-15T07:00'), expectedDeadline: oslo('2027-05-20T00:00') },
];

const SWEEP_STEP_MS = 30 * 60 * 1000;

export interface ReportOutcome {
  label: string;
  reference: string;
  expectedDeadline: Date;
  deadline: Date | null;
  /** When the deadline event was recorded, if the report went to print. */
  printedAt: Date | null;
  printDeliveries: number;
  timesReceived: number;
  status: string;
}

export interface ReceiverDownResult {
  reports: ReportOutcome[];
  /** Deadline passed during the silence. */
  due: number;
  /** Of those, printed at the first sweep at or after the deadline. */
  printedOnTime: number;
  /** Printed before the hand-computed deadline. */
  printedEarly: number;
  /** Stored deadline differs from the hand-computed one. */
  wrongDeadline: number;
  /** Deadline passed but not printed. */
  notPrinted: number;
  /** Delivered digitally after the receiver came back. */
  deliveredLater: number;
  lost: number;
  duplicated: number;
  /** Files in the print outbox per printed reference beyond the package and its address sheet. */
  extraPrintFiles: number;
}

export async function runReceiverDown(database: TestDatabase, log: (line: string) => void = () => {}): Promise<ReceiverDownResult> {
  const clock = new ManualClock(new Date(SILENCE_START.getTime() - 60 * 60 * 1000));
  // Real workers on the controllable clock: publishing and printing as in production.
  const portal: TestPortal = await startTestPortal(database, {}, { clock });
  const db = portal.database.db;
  const run = newRunId();
  const deps = () => ({ db, outbox: portal.app.delivery.outbox, clock, printAdapter: portal.app.delivery.printAdapter, retentionDays: 7, log: portal.app.log });
  const statusOf = (reference: string) => db.selectFrom('reports').select(['id', 'status', 'fagsystem_deadline_at', 'delivery_channel']).where('reference', '=', reference).executeTakeFirstOrThrow();
  try {
    const sent: { report: SilentReport; reference: string }[] = [];
    const pending = [...SILENT_REPORTS].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    // Walk the clock from the start of the silence to its end, sending each report at its moment.
    for (let now = SILENCE_START.getTime(); now <= SILENCE_END.getTime(); now += SWEEP_STEP_MS) {
      while (pending.length && pending[0]!.sentAt.getTime() <= now) {
        const report = pending.shift()!;
        clock.set(report.sentAt);
        const browser = await Browser.open(portal.url);
        try {
          const summary = await walkToSummaryWithMarker(browser, newMarker(run, 0, sent.length), sent.length % 5);
          const response = await browser.request('POST', '/meld/send', { form: { _csrf: summaryCsrf(summary) } });
          const reference = /\/meld\/kvittering\/(BM-[0-9A-Z-]+)$/.exec(response.location ?? '')?.[1];
          if (response.status !== 303 || !reference) throw new Error(`sending "${report.label}" answered ${response.status}`);
          // Published by a worker while the clock still shows the moment of sending.
          await waitFor(`${reference} to be offered`, async () => ((await statusOf(reference)).status === 'AKSEPTERT' ? undefined : true), 30_000);
          sent.push({ report, reference });
          log(`sent ${report.label}: ${reference}`);
        } finally {
          await browser.close();
        }
      }
      clock.set(new Date(now));
      await sweepDeliveries(deps());
    }
    // Reports sent to print at a sweep are handed to the provider by the print worker.
    const printing = async () => {
      for (const { reference } of sent) if ((await statusOf(reference)).status === 'SENDT_PRINT') return undefined;
      return true;
    };
    await waitFor('print jobs to finish', printing, 60_000);

    clock.set(new Date(SILENCE_END.getTime() + 60_000));
    const receiver = new CountingReceiver(portal.dataDir, () => portal.url, baerumOrgnr());
    await receiver.pass();
    // Then the clock runs on past every deadline, with the receiver answering: nothing more may move.
    const last = Math.max(...SILENT_REPORTS.map((r) => r.expectedDeadline.getTime())) + 24 * 60 * 60 * 1000;
    for (let now = SILENCE_END.getTime(); now <= last; now += 4 * SWEEP_STEP_MS) {
      clock.set(new Date(now));
      await sweepDeliveries(deps());
    }
    await waitFor('print jobs to finish', printing, 60_000);
    await receiver.pass();

    const printFiles = readdirSync(portal.app.config.print.outboxDir);
    const reports: ReportOutcome[] = [];
    for (const { report, reference } of sent) {
      const row = await statusOf(reference);
      const events = await db.selectFrom('report_status_events').select(['cause', 'at']).where('report_id', '=', row.id).orderBy('id').execute();
      reports.push({
        label: report.label,
        reference,
        expectedDeadline: report.expectedDeadline,
        deadline: row.fagsystem_deadline_at,
        printedAt: events.find((e) => e.cause === 'frist-utlopt')?.at ?? null,
        printDeliveries: events.filter((e) => e.cause === 'print-levert').length,
        timesReceived: receiver.timesReceived.get(reference) ?? 0,
        status: row.status,
      });
      const files = printFiles.filter((f) => f.startsWith(reference));
      if (files.length > 2) log(`${reference}: ${files.join(', ')}`);
    }
    const dueReports = reports.filter((r) => r.expectedDeadline.getTime() <= SILENCE_END.getTime());
    return {
      reports,
      due: dueReports.length,
      printedOnTime: dueReports.filter((r) => r.printedAt && r.printedAt.getTime() >= r.expectedDeadline.getTime() && r.printedAt.getTime() < r.expectedDeadline.getTime() + SWEEP_STEP_MS && r.printDeliveries === 1).length,
      printedEarly: reports.filter((r) => r.printedAt && r.printedAt.getTime() < r.expectedDeadline.getTime()).length,
      wrongDeadline: reports.filter((r) => r.deadline?.getTime() !== r.expectedDeadline.getTime()).length,
      notPrinted: dueReports.filter((r) => r.printDeliveries === 0).length,
      deliveredLater: reports.filter((r) => r.timesReceived > 0).length,
      lost: reports.filter((r) => r.printDeliveries + r.timesReceived === 0 || r.status !== 'LEVERT').length,
      duplicated: reports.reduce((sum, r) => sum + Math.max(0, r.printDeliveries + r.timesReceived - 1), 0),
      extraPrintFiles: reports.reduce((sum, r) => sum + Math.max(0, printFiles.filter((f) => f.startsWith(r.reference)).length - (r.printDeliveries ? 2 : 0)), 0),
    };
  } finally {
    await portal.close();
  }
}
