// Binds a draft to the browser (its key lives only in the encrypted session cookie) and to the
// logged-in person (by an HMAC of the fnr), so a shared computer never shows one person's answers
// to another.
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedPerson } from '../../domain/report.ts';
import { getAuthenticatedPerson } from '../auth/index.ts';
import { deriveKey } from '../../crypto/sealing.ts';
import { AppError } from '../../web/errors.ts';
import { createDraft, createDraftKey, loadDraft, saveDraft, type StoredDraft } from './draft-store.ts';
import { canVisit, firstIncompleteStep, requiresLogin, stepPath, type StepId } from './steps.ts';

declare module '@fastify/secure-session' {
  interface SessionData {
    draftId: string;
    draftKey: string;
    /** Keys of the reporter's own receipt PDFs, by reference; only this browser can open them. */
    receipts: Record<string, string>;
    /** The draft most recently submitted from this browser, so a retry or back button finds its receipt. */
    submittedDraftId: string;
    /** Set by "Cancel and delete" until the next page has said the report is deleted. */
    draftDeleted: boolean;
  }
}

export interface Journey {
  stored: StoredDraft;
  key: Buffer;
  person: AuthenticatedPerson | null;
}

export function reporterHash(app: FastifyInstance, fnr: string): string {
  return createHmac('sha256', deriveKey(app.config.sessionSecret, 'reporter-hash')).update(fnr).digest('base64url');
}

/**
 * The draft this browser holds, for the person logged in now. A draft that belongs to someone
 * (bound at their login) opens only in that person's live session: a copy of the cookie after
 * logout, or the browser after the login timed out, gets undefined (and no new draft) until the
 * owner logs in again; the draft itself stays saved. Only `peekLocked` callers see such a draft,
 * to say that one exists without showing it.
 */
export async function loadJourney(app: FastifyInstance, request: FastifyRequest, options: { create: boolean; peekLocked?: boolean }): Promise<Journey | undefined> {
  const person = getAuthenticatedPerson(request);
  const db = app.database.db;
  const draftId = request.session.get('draftId');
  const draftKey = request.session.get('draftKey');
  let stored: StoredDraft | undefined;
  let key: Buffer | undefined;
  if (draftId && draftKey) {
    key = Buffer.from(draftKey, 'base64url');
    stored = await loadDraft(db, draftId, key);
    if (stored && stored.ownerHash !== null && !person) return options.peekLocked ? { stored, key, person: null } : undefined;
    if (stored && person) {
      const owner = reporterHash(app, person.fnr);
      if (stored.ownerHash === null) {
        stored.ownerHash = owner;
        await saveDraft(db, stored, key);
      } else if (stored.ownerHash !== owner) {
        stored = undefined;
      }
    }
  }
  if (!stored) {
    if (!options.create) return undefined;
    if (draftId && draftKey) {
      // This browser had a draft that is gone (expired, or it belongs to the person who logged in
      // before): say so once rather than silently showing an empty first step, then start afresh.
      forgetDraft(request);
      throw new AppError('DRAFT_EXPIRED');
    }
    key = createDraftKey();
    stored = await createDraft(db, key);
    if (person) {
      stored.ownerHash = reporterHash(app, person.fnr);
      await saveDraft(db, stored, key);
    }
    request.session.set('draftId', stored.id);
    request.session.set('draftKey', key.toString('base64url'));
  }
  return { stored, key: key!, person };
}

export async function saveJourney(app: FastifyInstance, journey: Journey): Promise<void> {
  await saveDraft(app.database.db, journey.stored, journey.key);
}

export function forgetDraft(request: FastifyRequest): void {
  request.session.set('draftId', undefined);
  request.session.set('draftKey', undefined);
}

/** Loads the journey for a step, or answers with the redirect that puts the reporter on track. */
export async function journeyForStep(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, step: StepId): Promise<Journey | undefined> {
  const journey = await loadJourney(app, request, { create: true });
  if (!journey || (requiresLogin(step) && !journey.person)) {
    // No journey with create means the draft here is someone's whose login has ended: log in again.
    reply.redirect(`/meld/innlogging?returnTo=${encodeURIComponent(stepPath(step))}`, request.method === 'GET' ? 302 : 303);
    return undefined;
  }
  if (!canVisit(step, journey.stored.draft)) {
    reply.redirect(stepPath(firstIncompleteStep(journey.stored.draft)), request.method === 'GET' ? 302 : 303);
    return undefined;
  }
  return journey;
}
