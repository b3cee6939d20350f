// Where an accepted report goes in the portal's database: only ciphertext and routing metadata, its
// first status, its count in the statistics, the job that delivers it and the reporter's sealed
// receipt copy, all in one transaction that also deletes the draft. A second submit of the same draft
// (double click, back button, retry) finds the first report instead.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Report } from '../../domain/report.ts';
import type { FiksMessage } from '../../domain/fiks/fiks-document.ts';
import { seal } from '../../crypto/sealing.ts';
import type { DB, ReporterLanguage } from '../db/schema.ts';
import { loadDraftAttachment } from '../journey/draft-store.ts';
import { recordAccepted } from '../delivery/delivery-store.ts';
import { QUEUES, type Outbox } from '../delivery/outbox.ts';
import { countReportSent } from '../statistics/count-reports.ts';
import type { EncryptedNoticeContact } from './notice-contact.ts';

/** How long the reporter's copy of the receipt PDF is kept, sealed under a key only their browser holds. */
export const RECEIPT_TTL_MS = 24 * 60 * 60 * 1000;

export interface AcceptedReport {
  draftId: string;
  reference: string;
  receivedAt: Date;
  /** Read for routing metadata only; none of its content is stored in plaintext. */
  report: Report;
  messageType: FiksMessage['messageType'];
  certificateId: string;
  reporterHash: string;
  reporterLanguage: ReporterLanguage;
  package: Buffer;
  printPackage: Buffer;
  noticeContact: EncryptedNoticeContact | undefined;
  receipt: { key: Buffer; pdf: Uint8Array };
}

export interface SubmissionStore {
  loadAttachment(draftId: string, attachmentId: string, draftKey: Buffer): Promise<Buffer | undefined>;
  /** The reference, or undefined when the draft was already gone (another submit of it won). */
  accept(accepted: AcceptedReport): Promise<string | undefined>;
  /** The reference of the report a draft became, if it became one. */
  findSubmitted(draftId: string): Promise<string | undefined>;
}

function submissionKey(draftId: string): string {
  return createHash('sha256').update(`submission:${draftId}`).digest('base64url');
}

export function createSubmissionStore(db: Kysely<DB>, outbox: Pick<Outbox, 'enqueue'>): SubmissionStore {
  return {
    loadAttachment: (draftId, attachmentId, draftKey) => loadDraftAttachment(db, draftId, attachmentId, draftKey),

    async findSubmitted(draftId) {
      const row = await db.selectFrom('reports').select('reference').where('submission_key', '=', submissionKey(draftId)).executeTakeFirst();
      return row?.reference;
    },

    async accept(accepted) {
      const { report, receivedAt: now } = accepted;
      return db.transaction().execute(async (trx) => {
        const locked = await trx.selectFrom('drafts').select('id').where('id', '=', accepted.draftId).forUpdate().executeTakeFirst();
        if (!locked) return undefined;
        const reportId = randomUUID();
        await trx
          .insertInto('reports')
          .values({
            id: reportId,
            reference: accepted.reference,
            submission_key: submissionKey(accepted.draftId),
            service_id: report.recipient.serviceId,
            certificate_id: accepted.certificateId,
            kommunenummer: report.recipient.kommunenummer,
            bydelsnummer: report.recipient.bydelsnummer,
            reporter_type: report.reporterType,
            reporter_hash: accepted.reporterHash,
            message_type: accepted.messageType,
            received_at: now,
            package: accepted.package,
            package_size: accepted.package.length,
            print_package: accepted.printPackage,
            notice_contact: accepted.noticeContact?.ciphertext ?? null,
            notice_channel: accepted.noticeContact?.channel ?? null,
            reporter_language: accepted.reporterLanguage,
          })
          .execute();
        // The report, its first status, its count and the job that delivers it commit together or not at all.
        await recordAccepted(trx, reportId, now);
        await countReportSent(trx, { receivedAt: now, kommunenummer: report.recipient.kommunenummer, bydelsnummer: report.recipient.bydelsnummer, reporterType: report.reporterType });
        await outbox.enqueue(trx, QUEUES.publish, { reportId });
        await trx
          .insertInto('report_receipts')
          .values({ report_id: reportId, ciphertext: seal(accepted.receipt.key, accepted.receipt.pdf, reportId), expires_at: new Date(now.getTime() + RECEIPT_TTL_MS) })
          .execute();
        await trx.deleteFrom('drafts').where('id', '=', accepted.draftId).execute();
        return accepted.reference;
      });
    },
  };
}
