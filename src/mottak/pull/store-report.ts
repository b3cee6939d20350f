// Turns an opened package into mottak's rows: the report with what the inbox sorts and searches on,
// its files, the receipt feedback that falls due, and an audit entry, all in one transaction.
import type { Kysely } from 'kysely';

import type { MottakDB } from '../db/schema.ts';
import { feedbackDeadline, reviewDeadline } from '../../domain/mottak/deadlines.ts';
import { PACKAGE_FILE_NAMES, MELDEPORTAL_REPORT_FORMAT } from '../../package/package-files.ts';
import { FIKS_MESSAGE_TYPES } from '../../domain/fiks/message-types.ts';
import type { Report } from '../../domain/report.ts';
import type { OpenedPackage } from '../receiver/receive-message.ts';
import type { PendingMessage } from '../receiver/delivery-client.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { countCase } from '../statistics/count-cases.ts';
import { receivedMeasures } from '../../domain/statistics/mottak-measures.ts';

/** What mottak keeps of a message's listing: the pull API's entry without its size and deadline. */
export type ListedMessage = Pick<PendingMessage, 'id' | 'referanse' | 'meldingstype' | 'kommunenummer' | 'bydelsnummer' | 'sendtTidspunkt'>;

const CONTENT_TYPES: Record<string, string> = { pdf: 'application/pdf', json: 'application/json', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

function contentTypeOf(name: string): string {
  return CONTENT_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Our structured report when the package carries one (ours do; another Fiks sender's may not). */
function structuredReport(opened: OpenedPackage): Report | undefined {
  const file = opened.files.get(PACKAGE_FILE_NAMES.report);
  if (!file) return undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(file)) as { format?: unknown; report?: Report };
    return parsed.format === MELDEPORTAL_REPORT_FORMAT && parsed.report ? parsed.report : undefined;
  } catch {
    return undefined;
  }
}

interface Summary {
  reporterType: 'private' | 'professional';
  urgent: boolean;
  categories: string[];
  childNames: string[];
  childFnrs: string[];
  bydelsnavn: string;
}

function summarize(message: ListedMessage, opened: OpenedPackage, report: Report | undefined): Summary {
  const doc = opened.document as { bydelsnavn?: string; privatBarn?: { personnavn?: string }[]; offentligBarn?: { personnavn?: string; fnr?: string }[] };
  if (report) {
    return {
      reporterType: report.reporterType,
      urgent: report.concern.urgency === 'urgent',
      categories: report.concern.categories,
      childNames: report.children.map((c) => c.name),
      childFnrs: report.children.map((c) => c.fnr).filter((f) => /^\d{11}$/.test(f)),
      bydelsnavn: report.recipient.bydelsnavn,
    };
  }
  const children = doc.offentligBarn ?? doc.privatBarn ?? [];
  return {
    reporterType: message.meldingstype === FIKS_MESSAGE_TYPES.offentligV2 ? 'professional' : 'private',
    urgent: false,
    categories: [],
    childNames: children.map((c) => c.personnavn ?? ''),
    childFnrs: (doc.offentligBarn ?? []).map((c) => c.fnr ?? '').filter((f) => /^\d{11}$/.test(f)),
    bydelsnavn: doc.bydelsnavn ?? '',
  };
}

/**
 * Stores one verified report. The review deadline runs from when the portal made the report
 * available to the service (sendtTidspunkt), not from when mottak happened to fetch it: a service
 * whose system was down has still received it (docs/decisions/010-mottak.md). Returns false when
 * the report was stored before (a pull repeated after a lost answer).
 */
export async function storeReport(db: Kysely<MottakDB>, input: { serviceId: string; message: ListedMessage; opened: OpenedPackage; now: Date }): Promise<boolean> {
  const { message, opened, serviceId, now } = input;
  const report = structuredReport(opened);
  const summary = summarize(message, opened, report);
  const sentAt = new Date(message.sendtTidspunkt);
  const availableAt = Number.isNaN(sentAt.getTime()) ? now : sentAt;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reports')
      .values({
        id: message.id,
        service_id: serviceId,
        reference: message.referanse,
        message_type: message.meldingstype,
        reporter_type: summary.reporterType,
        kommunenummer: message.kommunenummer,
        bydelsnummer: message.bydelsnummer,
        bydelsnavn: summary.bydelsnavn,
        sent_at: availableAt,
        received_at: now,
        review_deadline: reviewDeadline(availableAt),
        urgent: summary.urgent,
        categories: summary.categories,
        child_names: summary.childNames.join(' | ').toLowerCase(),
        child_fnrs: summary.childFnrs,
        fiks_document: JSON.stringify(opened.document),
        report: report ? JSON.stringify(report) : null,
        signed_at: opened.signingTime ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    for (const [name, content] of opened.files) {
      await trx.insertInto('report_files').values({ report_id: message.id, service_id: serviceId, name, content_type: contentTypeOf(name), content: Buffer.from(content) }).execute();
    }
    await trx.insertInto('report_feedback').values({ report_id: message.id, service_id: serviceId, type: 'mottatt', due_date: feedbackDeadline(availableAt) }).execute();
    await countCase(trx, { serviceId, sentAt: availableAt, measures: receivedMeasures(summary) });
    await appendAudit(trx, { serviceId, actorId: null, actorName: 'system', action: 'report.received', reportId: message.id, detail: { reference: message.referanse }, at: now });
    return true;
  });
}

/** Keeps a package that could not be trusted, for inspection, with the reason it was refused. */
export async function storeRefusedPackage(db: Kysely<MottakDB>, input: { serviceId: string; message: ListedMessage; ciphertext: Uint8Array; reason: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('refused_packages')
      .values({ id: input.message.id, service_id: input.serviceId, reference: input.message.referanse, reason: input.reason, ciphertext: Buffer.from(input.ciphertext), received_at: input.now })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      await appendAudit(trx, { serviceId: input.serviceId, actorId: null, actorName: 'system', action: 'package.refused', reportId: null, detail: { reference: input.message.referanse, reason: input.reason }, at: input.now });
    }
  });
}

