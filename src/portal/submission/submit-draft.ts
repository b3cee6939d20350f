// The way of a report, from a finished draft to the outbox, as one application function that knows
// nothing of HTTP: validate the whole report (5.1), map it to Fiks v2 and check it against KS's
// schema (5.2), render the PDFs (5.3), build and sign the package (5.4), encrypt it to the receiving
// service's current certificate, and the print copy and the feedback address to their providers
// (5.5), and store only ciphertext, the first status, the count and the delivery job in one
// transaction that also deletes the draft (5.6): the stops of ARCHITECTURE.md's path of a report. The form's handler translates a
// request into it (submit-request.ts); other senders can call it with the same values.
import type { AttachmentMeta, AuthenticatedPerson, ReportDraft } from '../../domain/report.ts';
import { mapReportToFiks } from '../../domain/fiks/map-to-fiks.ts';
import { validateFiksDocument } from '../../domain/fiks/validate-fiks.ts';
import { encryptEnvelopedData } from '../../crypto/index.ts';
import { deriveKey } from '../../crypto/sealing.ts';
import { AppError } from '../../web/errors.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../web/i18n.ts';
import type { Clock } from '../../clock.ts';
import type { ReporterLanguage } from '../db/schema.ts';
import type { StepId } from '../journey/steps.ts';
import type { CleanRefusal, UploadCleaner } from '../uploads/upload-cleaner.ts';
import type { PdfJob } from './pdf-renderer.ts';
import type { AcceptedReport, SubmissionStore } from './submission-store.ts';
import type { Signer } from '../delivery/delivery-services.ts';
import { loadAttachments } from './load-attachments.ts';
import { completeReport } from './complete-report.ts';
import { buildPackage } from './build-package.ts';
import { createReference } from './reference.ts';
import { encryptNoticeContact } from './notice-contact.ts';

/** What submitting needs from the world: the store, the key registry and keys, the PDF renderer, time. */
export interface SubmitPorts {
  clock: Clock;
  store: SubmissionStore;
  /** The key registry: the receiving service's certificate valid at a time, if it has one. */
  currentCertificate(serviceId: string, at: Date): Promise<{ id: string; certificatePem: string } | undefined>;
  signer: Signer;
  printCertificatePem: string;
  noticeCertificatePem: string;
  renderPdf(job: PdfJob): Promise<Uint8Array>;
  cleaner: UploadCleaner;
  /** Codes and counts only: never a value from the report. */
  log: { info(fields: object, message: string): void; error(fields: object, message: string): void };
}

export interface SubmitInput {
  draft: { id: string; key: Buffer; draft: ReportDraft };
  person: AuthenticatedPerson;
  /** The keyed hash that stands for the reporter in the portal's database (never the fnr). */
  reporterHash: string;
  /** The language the reporter used: their receipt is in it, the service's copy in bokmål or nynorsk. */
  reporterLanguage: ReporterLanguage;
}

export type SubmitResult =
  /** `receiptKey` opens the reporter's receipt copy; the same draft always gives the same key. */
  | { kind: 'submitted'; reference: string; receiptKey: Buffer }
  | { kind: 'incomplete'; step: StepId }
  /** The service has no certificate valid now: nothing can be encrypted to it, so the draft waits. */
  | { kind: 'recipientUnavailable'; serviceId: string }
  /** A file from before uploads were cleaned could not be cleaned; the caller removes it from the draft. */
  | { kind: 'attachmentRefused'; attachment: AttachmentMeta; refusal: CleanRefusal };

/**
 * The service's copy (in the package and on paper) is Norwegian: in nynorsk when the reporter wrote
 * in nynorsk, both written standards being official; otherwise bokmål.
 */
export function serviceCopyLanguage(reporterLanguage: Language): Language {
  return reporterLanguage === 'nn' ? 'nn' : DEFAULT_LANGUAGE;
}

/** Same draft key → same receipt key, so whichever of two racing submits the browser shows can open the PDF. */
export function receiptKeyFor(draftKey: Buffer): Buffer {
  return deriveKey(draftKey, 'receipt-pdf');
}

export async function submitDraft(ports: SubmitPorts, input: SubmitInput): Promise<SubmitResult> {
  const now = ports.clock.now();
  const { draft } = input;
  // 5.1 The whole report, as the steps validated it one by one.
  const completion = completeReport(draft.draft, input.person, now);
  if (completion.kind === 'incomplete') return completion;
  const serviceId = completion.report.recipient.serviceId;
  const certificate = await ports.currentCertificate(serviceId, now);
  if (!certificate) {
    // The draft stays (24 h) and the reporter is asked to try again or call; the operator must
    // register a valid certificate (npm run operator -- certificates).
    ports.log.error({ serviceId, code: 'NO_VALID_CERTIFICATE' }, 'OPERATOR: no valid certificate for receiving service; report kept as draft');
    return { kind: 'recipientUnavailable', serviceId };
  }
  const loaded = await loadAttachments(completion.report.attachments, (id) => ports.store.loadAttachment(draft.id, id, draft.key), ports.cleaner);
  if (loaded.kind === 'missing') throw new AppError('DRAFT_EXPIRED');
  if (loaded.kind === 'refused') {
    ports.log.info({ code: loaded.refusal }, 'attachment refused at submit');
    return { kind: 'attachmentRefused', attachment: loaded.attachment, refusal: loaded.refusal };
  }
  const report = { ...completion.report, attachments: loaded.attachments };

  // 5.2 Fiks v2, checked against KS's schema: a receiving system must be able to read what we send.
  const fiks = mapReportToFiks(report);
  const validation = validateFiksDocument(fiks.messageType, fiks.document);
  if (!validation.valid) {
    // Paths only: the errors name schema locations, and we log no values.
    ports.log.error({ schemaErrors: validation.errors.length }, 'Fiks document failed schema validation');
    throw new AppError('INTERNAL');
  }

  // 5.3 The PDFs: the service's copy, and the reporter's in their own language.
  const reference = createReference();
  const serviceLanguage = serviceCopyLanguage(input.reporterLanguage);
  const pdf = await ports.renderPdf({ report, reference, language: serviceLanguage });
  const receiptPdf = input.reporterLanguage === serviceLanguage ? pdf : await ports.renderPdf({ report, reference, language: input.reporterLanguage });

  // 5.4 The signed package.
  const pkg = await buildPackage({ report, reference, fiks, pdf, attachments: loaded.files, signer: ports.signer });

  // 5.5 Encrypted: the package to the service; the print copy and the address for feedback notices
  // to their providers now, while the plaintext exists (the fallback days later cannot).
  const ciphertext = Buffer.from(await encryptEnvelopedData(pkg, certificate.certificatePem, { at: now }));
  const printPackage = Buffer.from(await encryptEnvelopedData(pdf, ports.printCertificatePem, { at: now }));
  const noticeContact = await encryptNoticeContact(report, ports.noticeCertificatePem, now);
  const receiptKey = receiptKeyFor(draft.key);

  // 5.6 Stored and queued in one transaction, the draft deleted in it; a racing submit of the same
  // draft finds the first one's reference instead.
  const accepted: AcceptedReport = {
    draftId: draft.id,
    reference,
    receivedAt: now,
    report,
    messageType: fiks.messageType,
    certificateId: certificate.id,
    reporterHash: input.reporterHash,
    reporterLanguage: input.reporterLanguage,
    package: ciphertext,
    printPackage,
    noticeContact,
    receipt: { key: receiptKey, pdf: receiptPdf },
  };
  const stored = (await ports.store.accept(accepted)) ?? (await ports.store.findSubmitted(draft.id));
  if (!stored) throw new AppError('DRAFT_EXPIRED');
  ports.log.info({ messageType: fiks.messageType, kommunenummer: report.recipient.kommunenummer, size: ciphertext.length }, 'report accepted');
  return { kind: 'submitted', reference: stored, receiptKey };
}
