// What the journey's routes show: which page draws each step, its title, the field errors worded
// for the question they belong to, and how a page is sent (never cached: it holds what was typed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, renderDocument } from '../../web/jsx.ts';
import type { FieldError } from '../../web/layout.tsx';
import type { PageContext } from '../web/portal-layout.tsx';
import type { FieldIssue, FormInput } from '../../domain/validation/form-input.ts';
import { readText } from '../../domain/validation/form-input.ts';
import type { StepId } from './steps.ts';
import type { Journey } from './journey-session.ts';
import type { StepView } from './step-pages/step-fields.tsx';
import { HvemPage, MeldepliktPage } from './step-pages/reporter-type-steps.tsx';
import { BydelPage, KommunePage } from './step-pages/recipient-steps.tsx';
import { BarnPage } from './step-pages/child-step.tsx';
import { ForesattePage } from './step-pages/guardians-step.tsx';
import { BekymringPage } from './step-pages/concern-step.tsx';
import { MelderPage } from './step-pages/reporter-step.tsx';
import { VedleggPage } from './step-pages/attachments-step.tsx';
import { OppsummeringPage } from './step-pages/summary-step.tsx';
import { draftToValues } from './form-values.ts';
import { StepLayout, STEP_FORM_ID } from './step-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { findRecipientDistrict, findServiceContact, listDistricts } from '../registry/registry-queries.ts';

export const FORM_PAGES: Partial<Record<StepId, (view: StepView) => ReturnType<typeof HvemPage>>> = {
  hvem: HvemPage,
  meldeplikt: MeldepliktPage,
  kommune: KommunePage,
  bydel: BydelPage,
  barn: BarnPage,
  foresatte: ForesattePage,
  bekymring: BekymringPage,
  melder: MelderPage,
};

export function stepTitle(ctx: PageContext, step: StepId, journey: Journey, values: FormInput): string {
  if (step === 'barn') {
    // The form being shown (after "add a child") may hold more children than the saved draft.
    const shown = Math.max(Number(readText(values, 'childCount')) || 0, journey.stored.draft.children.length);
    return shown > 1 ? ctx.t('journey.barn.titleMany') : ctx.t('journey.barn.title');
  }
  return ctx.t(`journey.${step}.title`);
}

/** The question each free-text field asks, so "too long" can say which text. */
const FIELD_QUESTIONS: Record<string, string> = {
  'child-name': 'journey.barn.name',
  'child-addressLine1': 'journey.barn.addressLine1',
  'child-city': 'journey.barn.city',
  'child-notInformedReason': 'journey.barn.notInformedReason',
  'guardian-name': 'journey.foresatte.name',
  'guardian-notInformedReason': 'journey.foresatte.notInformedReason',
  whatHappened: 'journey.bekymring.whatHappened',
  history: 'journey.bekymring.history',
  otherViews: 'journey.bekymring.otherViews',
  interpreterLanguage: 'journey.bekymring.interpreterLanguage',
  otherAgencies: 'journey.bekymring.otherAgencies',
  'reporter-addressLine1': 'journey.melder.addressLine1',
  'reporter-city': 'journey.melder.city',
  relationToChild: 'journey.melder.relationToChild',
  role: 'journey.melder.role',
  employerName: 'journey.melder.employerName',
  'employer-addressLine1': 'journey.melder.addressLine1',
  'employer-city': 'journey.melder.city',
  howRecorded: 'journey.melder.howRecorded',
};

/**
 * Each message says which question it is about, and on the cards of several children or guardians
 * whose card: "Barn 2: Svar ja eller nei på om barnet vet at du melder."
 */
export function toFieldErrors(ctx: PageContext, issues: FieldIssue[]): FieldError[] {
  const { t } = ctx;
  return issues.map((i) => {
    const card = /^(child|guardian)-(\d+)-(.+)$/.exec(i.field);
    const questionKey = FIELD_QUESTIONS[card ? `${card[1]}-${card[3]}` : i.field];
    const code = questionKey && (i.code === 'tooLong' || i.code === 'singleLine') ? `${i.code}Question` : i.code;
    let message = t(`journey.errors.${code}`, { ...i.params, ...(questionKey ? { question: t(questionKey) } : {}) });
    if (card) message = t(`journey.errors.${card[1]}Prefix`, { number: Number(card[2]) + 1, message });
    return { field: i.field, message };
  });
}

export function sendHtml(reply: FastifyReply, page: ReturnType<typeof HvemPage>) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** A step's page: its form with the values (typed or saved) and the errors, in the step's frame. */
export async function renderJourneyStep(
  app: FastifyInstance,
  page: { request: FastifyRequest; reply: FastifyReply; journey: Journey; step: StepId; input: FormInput | undefined; issues: FieldIssue[] },
) {
  const { request, reply, journey, step, input, issues } = page;
  const uploads = app.config.uploads;
  const ctx = pageContext(request, reply, FORM_PAGES[step] ? { languageForm: STEP_FORM_ID } : {});
  const draft = journey.stored.draft;
  const errors = toFieldErrors(ctx, issues);
  const returnToSummary = readText(request.query as FormInput, 'endre') === '1' || readText(input ?? {}, 'returnTo') === 'oppsummering';
  if (step === 'vedlegg') return sendHtml(reply, <VedleggPage ctx={ctx} draft={draft} errors={errors} returnToSummary={returnToSummary} limits={uploads} />);
  if (step === 'oppsummering') return sendHtml(reply, <OppsummeringPage ctx={ctx} draft={draft} errors={errors} personName={journey.person?.name ?? ''} />);
  const Page = FORM_PAGES[step]!;
  const view: StepView = { ctx, draft, values: input ?? draftToValues(step, draft), errors };
  if (step === 'bydel' && draft.municipality) {
    view.districts = await listDistricts(app.database.db, draft.municipality.kommunenummer);
    view.defaultServiceName = (await findRecipientDistrict(app.database.db, draft.municipality.kommunenummer, null))?.service.name ?? '';
  }
  if (step === 'bekymring' && draft.recipient) view.service = await findServiceContact(app.database.db, draft.recipient.serviceId);
  return sendHtml(
    reply,
    <StepLayout ctx={ctx} step={step} draft={draft} title={stepTitle(ctx, step, journey, view.values as FormInput)} errors={errors} returnToSummary={returnToSummary}>
      <Page {...view} />
    </StepLayout>,
  );
}
