// The form's way into submitDraft: reads the draft and its key from the reporter's session, hands
// plain values to the application function, and keeps what the browser needs afterwards (the key to
// its receipt copy). A submit after the draft is gone (double click, back button, retry) finds the
// report it became.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedPerson } from '../../domain/report.ts';
import { PORTAL_LANGUAGES } from '../../web/i18n.ts';
import { wantedLanguage } from '../../web/language.ts';
import { AppError } from '../../web/errors.ts';
import { findCurrentCertificate } from '../registry/registry-queries.ts';
import type { ReporterLanguage } from '../db/schema.ts';
import { deleteDraftAttachment } from '../journey/draft-store.ts';
import { forgetDraft, loadJourney, reporterHash, saveJourney } from '../journey/journey-session.ts';
import type { UploadCleaner } from '../uploads/upload-cleaner.ts';
import { systemClock } from '../../clock.ts';
import { createSubmissionStore, type SubmissionStore } from './submission-store.ts';
import { receiptKeyFor, submitDraft, type SubmitPorts, type SubmitResult } from './submit-draft.ts';

/** What the form's handler acts on; a refused attachment is named by its file name only. */
export type SubmitOutcome = Exclude<SubmitResult, { kind: 'submitted' | 'attachmentRefused' }> | { kind: 'submitted'; reference: string } | { kind: 'attachmentRefused'; fileName: string; refusal: Extract<SubmitResult, { kind: 'attachmentRefused' }>['refusal'] };

/** The language the reporter is reading the portal in; Sámi readers fill in the form in bokmål. */
function reporterLanguageOf(request: FastifyRequest): ReporterLanguage {
  const lang = wantedLanguage(request, PORTAL_LANGUAGES);
  return lang === 'nn' || lang === 'en' ? lang : 'nb';
}

function storeOf(app: FastifyInstance): SubmissionStore {
  return createSubmissionStore(app.database.db, app.delivery.outbox);
}

function portsOf(app: FastifyInstance, request: FastifyRequest, cleaner: UploadCleaner): SubmitPorts {
  return {
    // A report is received when it is sent, by the wall clock that certificates are valid by; the
    // portal's injected clock moves deadlines and pages (tests pin it to other days).
    clock: systemClock,
    store: storeOf(app),
    currentCertificate: (serviceId, at) => findCurrentCertificate(app.database.db, serviceId, at),
    signer: app.delivery.signer,
    printCertificatePem: app.delivery.printCertificatePem,
    noticeCertificatePem: app.delivery.noticeCertificatePem,
    renderPdf: (job) => app.pdfRenderer.render(job),
    cleaner,
    log: request.log,
  };
}

function rememberReceipt(request: FastifyRequest, reference: string, key: Buffer): void {
  const receipts = { ...(request.session.get('receipts') ?? {}) };
  receipts[reference] = key.toString('base64url');
  // Keep the cookie small: the newest five receipts are plenty for one browser.
  const recent = Object.entries(receipts).slice(-5);
  request.session.set('receipts', Object.fromEntries(recent));
}

export async function submitFromForm(app: FastifyInstance, request: FastifyRequest, person: AuthenticatedPerson, cleaner: UploadCleaner): Promise<SubmitOutcome> {
  const draftId = request.session.get('draftId') ?? request.session.get('submittedDraftId');
  const draftKey = request.session.get('draftKey');
  const journey = await loadJourney(app, request, { create: false });
  if (!journey) {
    // The draft is gone: either this submit already happened, or it expired.
    const reference = draftId ? await storeOf(app).findSubmitted(draftId) : undefined;
    if (reference) {
      if (draftKey) rememberReceipt(request, reference, receiptKeyFor(Buffer.from(draftKey, 'base64url')));
      forgetDraft(request);
      request.session.set('submittedDraftId', draftId);
      return { kind: 'submitted', reference };
    }
    throw new AppError('DRAFT_EXPIRED');
  }
  const result = await submitDraft(portsOf(app, request, cleaner), {
    draft: { id: journey.stored.id, key: journey.key, draft: journey.stored.draft },
    person,
    reporterHash: reporterHash(app, person.fnr),
    reporterLanguage: reporterLanguageOf(request),
  });
  if (result.kind === 'attachmentRefused') {
    // Taken out of the draft, so the reporter sees the attachments page without it and why.
    await deleteDraftAttachment(app.database.db, journey.stored.id, result.attachment.id);
    journey.stored.draft.attachments = journey.stored.draft.attachments.filter((a) => a.id !== result.attachment.id);
    await saveJourney(app, journey);
    return { kind: 'attachmentRefused', fileName: result.attachment.fileName, refusal: result.refusal };
  }
  if (result.kind !== 'submitted') return result;
  rememberReceipt(request, result.reference, result.receiptKey);
  forgetDraft(request);
  request.session.set('submittedDraftId', journey.stored.id);
  return { kind: 'submitted', reference: result.reference };
}

/** The receipt of the report this browser sent last, for a back button that lands on the summary. */
export async function findLastSubmittedReference(app: FastifyInstance, request: FastifyRequest): Promise<string | undefined> {
  const draftId = request.session.get('submittedDraftId');
  return draftId ? storeOf(app).findSubmitted(draftId) : undefined;
}
