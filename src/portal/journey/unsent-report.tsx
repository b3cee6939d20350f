// "You have a report you have not sent": on the front page and Mine meldinger, when this browser
// holds a draft with anything written in it. The draft lives only here (its key is in this
// browser's session cookie), which the text says, so no one looks for it on another device.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../web/portal-layout.tsx';
import { loadJourney } from './journey-session.ts';
import { draftHasAnswers } from './steps.ts';

export interface Unsent {
  /** Left out where the viewer may not be the person who wrote the report. */
  service?: string;
}

/**
 * This browser's report begun and not sent, if it holds anything written. A report whose owner's
 * login has ended is offered without naming where it goes: whoever sits at the browser now may be
 * someone else (the draft itself opens again only for the same person, after a new login).
 */
export async function findUnsentReport(app: FastifyInstance, request: FastifyRequest): Promise<Unsent | undefined> {
  const journey = await loadJourney(app, request, { create: false, peekLocked: true });
  if (!journey || !draftHasAnswers(journey.stored.draft)) return undefined;
  const ownedByAnother = journey.stored.ownerHash != null && !journey.person;
  return { service: ownedByAnother ? undefined : journey.stored.draft.recipient?.serviceName };
}

export function UnsentReport(props: { ctx: PageContext; unsent: Unsent }): SafeHtml {
  const { t } = props.ctx;
  const municipality = props.unsent.service;
  return (
    <section class="ds-alert mp-unsent" data-color="info" aria-labelledby="unsent-heading">
      <h2 class="ds-heading" data-size="xs" id="unsent-heading">
        {t('journey.unsent.heading')}
      </h2>
      <p class="ds-paragraph">{municipality ? t('journey.unsent.bodyTo', { service: municipality }) : t('journey.unsent.body')}</p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href="/meld">
          {t('journey.unsent.continue')}
        </a>
      </p>
    </section>
  );
}
