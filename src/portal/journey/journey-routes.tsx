// Routes of the reporter's journey. Every page works without JavaScript: GET renders, POST validates
// and redirects (post-redirect-get); a failed step re-renders with 422 and the input kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { h } from '../../web/jsx.ts';
import { Layout } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { isLanguage, START_LANGUAGES } from '../../web/i18n.ts';
import { chooseLanguage } from '../../web/language.ts';
import { safeReturnTo } from '../../web/return-to.ts';
import { AppError } from '../../web/errors.ts';
import type { FieldIssue, FormInput } from '../../domain/validation/form-input.ts';
import { readText } from '../../domain/validation/form-input.ts';
import { getAuthenticatedPerson } from '../auth/index.ts';
import { findMunicipalityByNumber } from '../registry/find-municipality.ts';
import { findServiceContact } from '../registry/registry-queries.ts';
import { NotOnboarded } from '../start/start-pages.tsx';
import { canVisit, draftHasAnswers, firstIncompleteStep, isStepId, nextStep, requiresLogin, stepPath, type StepId } from './steps.ts';
import { renderJourneyStep, sendHtml } from './journey-view.tsx';
import { ConfirmDiscardPage, DraftDeletedPage, LoginGatePage, RecipientUnavailablePage } from './journey-pages.tsx';
import { handleStep } from './step-handlers.ts';
import { addOrRemoveChild, unsavedAnswers } from './form-values.ts';
import { readUploadForm, UPLOAD_FORM_OPTIONS } from './upload-form.ts';
import { addAttachment } from './add-attachment.ts';
import { deleteDraft, deleteDraftAttachment } from './draft-store.ts';
import { forgetDraft, journeyForStep, loadJourney, saveJourney, type Journey } from './journey-session.ts';
import { receiptPlugin } from '../submission/receipt-routes.tsx';
import { findLastSubmittedReference, submitFromForm } from '../submission/submit-request.ts';
import { createUploadCleaner, refusalParams } from '../uploads/upload-cleaner.ts';

/**
 * Logging out leaves nothing of the person on this browser: an unsent report is deleted, after a
 * question when it holds anything they wrote (auth's beforeLogout).
 */
export async function discardDraftAtLogout(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<'answered' | 'proceed' | 'draft-deleted'> {
  const journey = await loadJourney(app, request, { create: false });
  const hasAnswers = journey ? draftHasAnswers(journey.stored.draft) : false;
  if (journey && hasAnswers && readText((request.body ?? {}) as FormInput, 'bekreft') !== 'ja') {
    const ctx = pageContext(request, reply);
    sendHtml(reply, <ConfirmDiscardPage ctx={ctx} kind="logout" action="/auth/logout" backHref={stepPath(firstIncompleteStep(journey.stored.draft))} />);
    return 'answered';
  }
  if (journey) await deleteDraft(app.database.db, journey.stored.id);
  forgetDraft(request);
  // The keys to the receipt copies go too: the next person at this browser is someone else.
  request.session.set('receipts', undefined);
  request.session.set('submittedDraftId', undefined);
  return hasAnswers ? 'draft-deleted' : 'proceed';
}

export async function journeyPlugin(app: FastifyInstance): Promise<void> {
  await app.register(multipart, UPLOAD_FORM_OPTIONS);
  const uploads = app.config.uploads;
  const cleaner = createUploadCleaner({
    threads: uploads.workers,
    // The file in hand is refused (or, with no thread left, cleaned on the event loop); the operator should know.
    onWorkerError: (error) => app.log.error({ errMessage: error.message.slice(0, 200) }, 'OPERATOR: a PDF cleaning thread ended'),
  });
  app.addHook('onClose', () => cleaner.close());

  const renderStep = (request: FastifyRequest, reply: FastifyReply, journey: Journey, step: StepId, input: FormInput | undefined, issues: FieldIssue[]) => renderJourneyStep(app, { request, reply, journey, step, input, issues });
  const journeyFor = (request: FastifyRequest, reply: FastifyReply, step: StepId) => journeyForStep(app, request, reply, step);

  app.get('/meld', async (request, reply) => {
    const journey = await loadJourney(app, request, { create: true });
    if (!journey) return reply.redirect('/meld/innlogging');
    return reply.redirect(stepPath(firstIncompleteStep(journey.stored.draft)));
  });

  app.get<{ Querystring: { returnTo?: string } }>('/meld/innlogging', async (request, reply) => {
    const candidate = safeReturnTo(request.query.returnTo);
    const returnTo = /^\/meld\/[a-z]+$/.test(candidate) ? candidate : '/meld';
    if (getAuthenticatedPerson(request)) return reply.redirect(returnTo);
    const journey = await loadJourney(app, request, { create: false });
    return sendHtml(reply, <LoginGatePage ctx={pageContext(request, reply)} returnTo={returnTo} draft={journey?.stored.draft} />);
  });

  app.get<{ Querystring: { kommunenummer?: string } }>('/meld/kommune/ikke-tilgjengelig', async (request, reply) => {
    const municipality = findMunicipalityByNumber(String(request.query.kommunenummer ?? ''));
    if (!municipality) return reply.redirect('/meld/kommune');
    const ctx = pageContext(request, reply, { languages: START_LANGUAGES });
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={ctx.t('start.notOnboarded.heading', { municipality: municipality.name })}>
        <NotOnboarded ctx={ctx} municipality={municipality} changeHref="/meld/kommune" />
      </Layout>,
    );
  });

  app.get<{ Params: { step: string } }>('/meld/:step', async (request, reply) => {
    const step = request.params.step;
    if (!isStepId(step)) throw new AppError('NOT_FOUND');
    if (step === 'oppsummering' && !request.session.get('draftId')) {
      // Back button after sending: show the receipt rather than an empty new report.
      const reference = await findLastSubmittedReference(app, request);
      if (reference) return reply.redirect(`/meld/kvittering/${reference}`);
    }
    const journey = await journeyFor(request, reply, step);
    if (!journey) return reply;
    return renderStep(request, reply, journey, step, journey.stored.draft.unsaved?.[step], []);
  });

  const rerenderOnCsrfFailure = async (request: FastifyRequest, reply: FastifyReply) => {
    const step = (request.params as { step?: string }).step ?? 'vedlegg';
    if (!isStepId(step)) return reply.redirect('/meld', 303);
    const journey = await loadJourney(app, request, { create: false });
    if (!journey || (requiresLogin(step) && !journey.person) || !canVisit(step, journey.stored.draft)) return reply.redirect('/meld', 303);
    const input = typeof request.body === 'object' && request.body !== null && step !== 'vedlegg' ? (request.body as FormInput) : undefined;
    return renderStep(request, reply, journey, step, input, [{ field: 'main', code: 'csrf' }]);
  };

  app.post<{ Params: { step: string } }>(
    '/meld/:step',
    { preHandler: app.csrfProtection, config: { onCsrfFailure: rerenderOnCsrfFailure } },
    async (request, reply) => {
      const step = request.params.step;
      if (!isStepId(step) || step === 'oppsummering') throw new AppError('NOT_FOUND');
      const journey = await journeyFor(request, reply, step);
      if (!journey) return reply;
      const input = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as FormInput;
      const language = readText(input, 'sprak');
      if (language) {
        // The language switcher's buttons submit this form: the page comes back in the chosen
        // language with everything typed still in the fields, judged only when "Continue" is pressed.
        if (isLanguage(language) && START_LANGUAGES.includes(language)) chooseLanguage(request, language);
        await keepUnsaved(journey, step, input);
        return renderStep(request, reply, journey, step, input, []);
      }
      const action = readText(input, 'action');
      if (step === 'barn' && (action === 'add' || action.startsWith('remove-'))) {
        const values = addOrRemoveChild(input, action);
        await keepUnsaved(journey, step, values);
        return renderStep(request, reply, journey, step, values, []);
      }
      const outcome = await handleStep(app, step, journey.stored.draft, input, new Date());
      if (outcome.kind === 'invalid' || outcome.kind === 'ask') {
        await keepUnsaved(journey, step, input);
        if (outcome.kind === 'ask') return renderStep(request, reply, journey, step, input, []);
        reply.status(422);
        return renderStep(request, reply, journey, step, input, outcome.issues);
      }
      if (journey.stored.draft.unsaved?.[step]) delete journey.stored.draft.unsaved[step];
      if (outcome.kind === 'redirect') {
        await saveJourney(app, journey);
        return reply.redirect(outcome.location, 303);
      }
      await saveJourney(app, journey);
      return goOnFrom(step, journey, readText(input, 'returnTo') === 'oppsummering', reply);
    },
  );

  /** Keeps what was typed on a step that was not saved, for the reporter's return. */
  async function keepUnsaved(journey: Journey, step: StepId, input: FormInput): Promise<void> {
    journey.stored.draft.unsaved = { ...journey.stored.draft.unsaved, [step]: unsavedAnswers(input) };
    await saveJourney(app, journey);
  }

  /** Where a saved step leads: the next step, the login it needs, or back to the summary. */
  function goOnFrom(step: StepId, journey: Journey, returnToSummary: boolean, reply: FastifyReply) {
    const draft = journey.stored.draft;
    // A change from the summary goes straight back to it, or to whatever the change left unanswered
    // (a new municipality with districts, a consent now needed), not through every step again.
    if (returnToSummary) {
      if (canVisit('oppsummering', draft)) return reply.redirect(stepPath('oppsummering'), 303);
      return reply.redirect(`${stepPath(firstIncompleteStep(draft))}?endre=1`, 303);
    }
    const next = nextStep(step, draft);
    if (requiresLogin(next) && !journey.person) return reply.redirect(`/meld/innlogging?returnTo=${encodeURIComponent(stepPath(next))}`, 303);
    return reply.redirect(stepPath(next), 303);
  }

  // Both of the attachment page's buttons send this form: "Upload", and "Continue", which uploads
  // a file chosen but not yet uploaded before going on, or stops and says why it could not.
  app.post('/meld/vedlegg/last-opp', { preHandler: app.csrfProtection, config: { onCsrfFailure: rerenderOnCsrfFailure } }, async (request, reply) => {
    const journey = await journeyFor(request, reply, 'vedlegg');
    if (!journey) return reply;
    const form = await readUploadForm(request.body);
    const continuing = form.field('action') === 'continue';
    const draft = journey.stored.draft;
    // A browser sends an empty part with no name when the file field was left empty.
    const file = form.file && (form.file.name || form.file.content.length > 0) ? form.file : undefined;
    // "Continue" with no file chosen goes on; "Upload" with none says a file is needed.
    const refusal = file ? await addAttachment(app, journey, file, cleaner) : continuing ? undefined : { code: 'fileRequired', params: {} };
    if (refusal) {
      // The code only: the file's name and content stay out of the log.
      request.log.info({ code: refusal.code }, 'attachment refused');
      reply.status(422);
      return renderStep(request, reply, journey, 'vedlegg', undefined, [{ field: 'file', ...refusal }]);
    }
    if (continuing) await handleStep(app, 'vedlegg', draft, {}, new Date());
    await saveJourney(app, journey);
    if (continuing) return goOnFrom('vedlegg', journey, form.field('returnTo') === 'oppsummering', reply);
    return reply.redirect(stepPath('vedlegg'), 303);
  });

  app.post('/meld/vedlegg/fjern', { preHandler: app.csrfProtection }, async (request, reply) => {
    const journey = await journeyFor(request, reply, 'vedlegg');
    if (!journey) return reply;
    const id = readText((request.body ?? {}) as FormInput, 'id');
    const draft = journey.stored.draft;
    if (draft.attachments.some((a) => a.id === id)) {
      await deleteDraftAttachment(app.database.db, journey.stored.id, id);
      draft.attachments = draft.attachments.filter((a) => a.id !== id);
      await saveJourney(app, journey);
    }
    return reply.redirect(stepPath('vedlegg'), 303);
  });

  app.post('/meld/forleng', { preHandler: app.csrfProtection }, async (request, reply) => {
    // Reading the person refreshes the idle timer; the draft's 24 hours restart on save.
    const journey = await loadJourney(app, request, { create: false });
    if (journey) await saveJourney(app, journey);
    return reply.redirect(journey ? stepPath(firstIncompleteStep(journey.stored.draft)) : '/', 303);
  });

  // "Cancel and delete" asks first; confirmed, it deletes and says so on the next page.
  app.post('/meld/avbryt', { preHandler: app.csrfProtection }, async (request, reply) => {
    const journey = await loadJourney(app, request, { create: false });
    if (journey && readText((request.body ?? {}) as FormInput, 'bekreft') !== 'ja') {
      const ctx = pageContext(request, reply);
      return sendHtml(reply, <ConfirmDiscardPage ctx={ctx} kind="cancel" action="/meld/avbryt" backHref={stepPath(firstIncompleteStep(journey.stored.draft))} />);
    }
    if (journey) await deleteDraft(app.database.db, journey.stored.id);
    forgetDraft(request);
    request.session.set('draftDeleted', true);
    return reply.redirect('/meld/slettet', 303);
  });

  app.get('/meld/slettet', async (request, reply) => {
    if (!request.session.get('draftDeleted')) return reply.redirect('/', 302);
    request.session.set('draftDeleted', undefined);
    return sendHtml(reply, <DraftDeletedPage ctx={pageContext(request, reply)} />);
  });

  app.post('/meld/send', { preHandler: app.csrfProtection }, async (request, reply) => {
    const person = getAuthenticatedPerson(request);
    if (!person) return reply.redirect(`/meld/innlogging?returnTo=${encodeURIComponent('/meld/oppsummering')}`, 303);
    const outcome = await submitFromForm(app, request, person, cleaner);
    if (outcome.kind === 'incomplete') return reply.redirect(stepPath(outcome.step), 303);
    if (outcome.kind === 'attachmentRefused') {
      // The attachments page again, without the file, saying why, as if it had just been uploaded.
      const journey = await journeyFor(request, reply, 'vedlegg');
      if (!journey) return reply;
      reply.status(422);
      return renderStep(request, reply, journey, 'vedlegg', undefined, [{ field: 'file', code: outcome.refusal, params: refusalParams(outcome.fileName) }]);
    }
    if (outcome.kind === 'recipientUnavailable') {
      const ctx = pageContext(request, reply);
      const service = await findServiceContact(app.database.db, outcome.serviceId);
      reply.status(503).header('retry-after', '3600');
      return sendHtml(reply, <RecipientUnavailablePage ctx={ctx} service={service} />);
    }
    return reply.redirect(`/meld/kvittering/${outcome.reference}`, 303);
  });

  await app.register(receiptPlugin);
}
