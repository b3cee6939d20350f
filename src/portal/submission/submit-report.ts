// Submit: validate the whole report, map it to Fiks v2 and check it against KS's schema, render the
// PDF, encrypt everything to the receiving service's current certificate, and store only the
// ciphertext with routing metadata — in one transaction that also deletes the draft. A second submit
// of the same draft (double click, back button, retry) finds the first report instead.
import { countReportSent } from '../statistics/count-reports.ts';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedPerson } from '../../domain/report.ts';
import { mapReportToFiks } from '../../domain/fiks/map-to-fiks.ts';
import { validateFiksDocument } from '../../domain/fiks/validate-fiks.ts';
import { encryptEnvelopedData } from '../../crypto/index.ts';
import { DEFAULT_LANGUAGE, PORTAL_LANGUAGES, type Language } from '../../web/i18n.ts';
import { wantedLanguage } from '../../web/language.ts';
import { AppError } from '../../web/errors.ts';
import { findCurrentCertificate } from '../registry/registry-queries.ts';
import type { ReporterLanguage } from '../db/schema.ts';
import { deleteDraftAttachment, loadDraftAttachment } from '../journey/draft-store.ts';
import { deriveKey, seal } from '../../crypto/sealing.ts';
import { forgetDraft, loadJourney, reporterHash, saveJourney } from '../journey/journey-session.ts';
import type { CleanRefusal, UploadCleaner } from '../uploads/upload-cleaner.ts';
import { loadAttachments } from './load-attachments.ts';
import type { StepId } from '../journey/steps.ts';
import { completeReport } from './complete-report.ts';
import { buildPackage } from './build-package.ts';
import { createReference } from './reference.ts';
import { encryptNoticeContact } from './notice-contact.ts';
import { recordAccepted } from '../delivery/delivery-store.ts';
import { QUEUES } from '../delivery/outbox.ts';

export const RECEIPT_TTL_MS = 24 * 60 * 60 * 1000;

export type SubmitOutcome =
  | { kind: 'submitted'; reference: string }
  | { kind: 'incomplete'; step: StepId }
  /** The service has no certificate valid now: nothing can be encrypted to it, so the draft waits. */
  | { kind: 'recipientUnavailable'; serviceId: string }
  /** A file from before uploads were cleaned could not be cleaned; it is removed from the draft. */
  | { kind: 'attachmentRefused'; fileName: string; refusal: CleanRefusal };

/**
 * The service's copy (in the package and on paper) is Norwegian: in nynorsk when the reporter wrote
 * in nynorsk, both written standards being official; otherwise bokmål. The reporter's own copy is in
 * the language they reported in.
 */
export function serviceCopyLanguage(reporterLanguage: Language): Language {
  return reporterLanguage === 'nn' ? 'nn' : DEFAULT_LANGUAGE;
}

/** The language the reporter is reading the portal in; Sámi readers fill in the form in bokmål. */
function reporterLanguageOf(request: FastifyRequest): ReporterLanguage {
  const lang = wantedLanguage(request, PORTAL_LANGUAGES);
  return lang === 'nn' || lang === 'en' ? lang : 'nb';
}

function submissionKey(draftId: string): string {
  return createHash('sha256').update(`submission:${draftId}`).digest('base64url');
}

/** Same draft key → same receipt key, so whichever of two racing submits the browser shows can open the PDF. */
function receiptKeyFor(draftKey: Buffer): Buffer {
  return deriveKey(draftKey, 'receipt-pdf');
}

function rememberReceipt(request: FastifyRequest, reference: string, key: Buffer): void {
  const receipts = { ...(request.session.get('receipts') ?? {}) };
  receipts[reference] = key.toString('base64url');
  // Keep the cookie small: the newest five receipts are plenty for one browser.
  const recent = Object.entries(receipts).slice(-5);
  request.session.set('receipts', Object.fromEntries(recent));
}

async function findSubmitted(app: FastifyInstance, draftId: string): Promise<string | undefined> {
  const row = await app.database.db.selectFrom('reports').select('reference').where('submission_key', '=', submissionKey(draftId)).executeTakeFirst();
  return row?.reference;
}

export async function submitReport(app: FastifyInstance, request: FastifyRequest, person: AuthenticatedPerson, cleaner: UploadCleaner): Promise<SubmitOutcome> {
  const db = app.database.db;
  const draftId = request.session.get('draftId') ?? request.session.get('submittedDraftId');
  const draftKey = request.session.get('draftKey');
  const journey = await loadJourney(app, request, { create: false });
  if (!journey) {
    // The draft is gone: either this submit already happened, or it expired.
    const reference = draftId ? await findSubmitted(app, draftId) : undefined;
    if (reference) {
      if (draftKey) rememberReceipt(request, reference, receiptKeyFor(Buffer.from(draftKey, 'base64url')));
      forgetDraft(request);
      request.session.set('submittedDraftId', draftId);
      return { kind: 'submitted', reference };
    }
    throw new AppError('DRAFT_EXPIRED');
  }
  const now = new Date();
  const completion = completeReport(journey.stored.draft, person, now);
  if (completion.kind === 'incomplete') return completion;

  const certificate = await findCurrentCertificate(db, completion.report.recipient.serviceId, now);
  if (!certificate) {
    // The draft stays (24 h) and the reporter is asked to try again or call; the operator must
    // register a valid certificate (npm run operator -- certificates).
    request.log.error({ serviceId: completion.report.recipient.serviceId, code: 'NO_VALID_CERTIFICATE' }, 'OPERATOR: no valid certificate for receiving service; report kept as draft');
    return { kind: 'recipientUnavailable', serviceId: completion.report.recipient.serviceId };
  }
  const loaded = await loadAttachments(completion.report.attachments, (id) => loadDraftAttachment(db, journey.stored.id, id, journey.key), cleaner);
  if (loaded.kind === 'missing') throw new AppError('DRAFT_EXPIRED');
  if (loaded.kind === 'refused') {
    await deleteDraftAttachment(db, journey.stored.id, loaded.attachment.id);
    journey.stored.draft.attachments = journey.stored.draft.attachments.filter((a) => a.id !== loaded.attachment.id);
    await saveJourney(app, journey);
    request.log.info({ code: loaded.refusal }, 'attachment refused at submit');
    return { kind: 'attachmentRefused', fileName: loaded.attachment.fileName, refusal: loaded.refusal };
  }
  const report = { ...completion.report, attachments: loaded.attachments };
  const attachments = loaded.files;
  const fiks = mapReportToFiks(report);
  const validation = validateFiksDocument(fiks.messageType, fiks.document);
  if (!validation.valid) {
    // Paths only: the errors name schema locations, and we log no values.
    request.log.error({ schemaErrors: validation.errors.length }, 'Fiks document failed schema validation');
    throw new AppError('INTERNAL');
  }

  const reference = createReference();
  const reporterLanguage = reporterLanguageOf(request);
  const serviceLanguage = serviceCopyLanguage(reporterLanguage);
  const pdf = await app.pdfRenderer.render({ report, reference, language: serviceLanguage });
  const receiptPdf = reporterLanguage === serviceLanguage ? pdf : await app.pdfRenderer.render({ report, reference, language: reporterLanguage });
  const pkg = await buildPackage({ report, reference, fiks, pdf, attachments, signer: app.delivery.signer });
  const ciphertext = Buffer.from(await encryptEnvelopedData(pkg, certificate.certificatePem, { at: now }));
  // The print copy is made now, while the plaintext exists: the fallback days later cannot.
  const printPackage = Buffer.from(await encryptEnvelopedData(pdf, app.delivery.printCertificatePem, { at: now }));
  // Likewise the address for feedback notices, weeks or months later.
  const noticeContact = await encryptNoticeContact(report, app.delivery.noticeCertificatePem, now);
  const receiptKey = receiptKeyFor(journey.key);

  const stored = await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('drafts').select('id').where('id', '=', journey.stored.id).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
    const reportId = randomUUID();
    await trx
      .insertInto('reports')
      .values({
        id: reportId,
        reference,
        submission_key: submissionKey(journey.stored.id),
        service_id: report.recipient.serviceId,
        certificate_id: certificate.id,
        kommunenummer: report.recipient.kommunenummer,
        bydelsnummer: report.recipient.bydelsnummer,
        reporter_type: report.reporterType,
        reporter_hash: reporterHash(app, person.fnr),
        message_type: fiks.messageType,
        received_at: now,
        package: ciphertext,
        package_size: ciphertext.length,
        print_package: printPackage,
        notice_contact: noticeContact?.ciphertext ?? null,
        notice_channel: noticeContact?.channel ?? null,
        reporter_language: reporterLanguage,
      })
      .execute();
    // The report, its first status, its count and the job that delivers it commit together or not at all.
    await recordAccepted(trx, reportId, now);
    await countReportSent(trx, { receivedAt: now, kommunenummer: report.recipient.kommunenummer, bydelsnummer: report.recipient.bydelsnummer, reporterType: report.reporterType });
    await app.delivery.outbox.enqueue(trx, QUEUES.publish, { reportId });
    await trx
      .insertInto('report_receipts')
      .values({ report_id: reportId, ciphertext: seal(receiptKey, receiptPdf, reportId), expires_at: new Date(now.getTime() + RECEIPT_TTL_MS) })
      .execute();
    await trx.deleteFrom('drafts').where('id', '=', journey.stored.id).execute();
    return reference;
  });
  const finalReference = stored ?? (await findSubmitted(app, journey.stored.id));
  if (!finalReference) throw new AppError('DRAFT_EXPIRED');
  rememberReceipt(request, finalReference, receiptKey);
  forgetDraft(request);
  request.session.set('submittedDraftId', journey.stored.id);
  request.log.info({ messageType: fiks.messageType, kommunenummer: report.recipient.kommunenummer, size: ciphertext.length }, 'report accepted');
  return { kind: 'submitted', reference: finalReference };
}

/** The receipt of the report this browser sent last, for a back button that lands on the summary. */
export async function findLastSubmittedReference(app: FastifyInstance, request: FastifyRequest): Promise<string | undefined> {
  const draftId = request.session.get('submittedDraftId');
  return draftId ? findSubmitted(app, draftId) : undefined;
}
