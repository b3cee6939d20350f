// Walks the reporter's journey over HTTP with the answers a real reporter would give.
import assert from 'node:assert/strict';
import type { HttpClient, HttpResponse } from './http-client.ts';

export const CANARY = 'KANARIFUGL-7Q2Z';

export function childAnswers(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    childCount: '1',
    'child-0-name': 'Ola Åsheim',
    'child-0-identification': 'estimatedAge',
    'child-0-estimatedAge': '8',
    'child-0-addressLine1': 'Storgata 1',
    'child-0-postcode': '1337',
    'child-0-city': '',
    'child-0-informed': 'no',
    'child-0-notInformedReason': 'Han er for liten.',
    ...overrides,
  };
}

export function concernAnswers(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    categories: ['2.1.02', '2.4.05'],
    urgency: 'normal',
    whatHappened: `Jeg hører roping og gråt fra leiligheten nesten hver kveld. ${CANARY}`,
    history: 'Siden i sommer.',
    otherViews: '',
    interpreterNeed: 'no',
    interpreterLanguage: '',
    otherAgencies: '',
    ...overrides,
  };
}

function expectPath(response: HttpResponse, path: string): void {
  assert.equal(new URL(response.url).pathname, path, `expected ${path}, got ${response.url} (${response.status})`);
  assert.equal(response.status, 200, `status at ${response.url}`);
}

type PrivateWalk = { personIndex?: number; municipality?: string; whatHappened?: string };

/** A private person in Bærum reports about one child, up to the summary page. */
export async function walkPrivateJourneyToSummary(client: HttpClient, options: PrivateWalk = {}): Promise<HttpResponse> {
  const page = await client.submit(await walkPrivateJourneyToAttachments(client, options), '/meld/vedlegg', { action: 'continue' });
  expectPath(page, '/meld/oppsummering');
  return page;
}

/** The same walk, up to the attachments page. */
export async function walkPrivateJourneyToAttachments(client: HttpClient, options: PrivateWalk = {}): Promise<HttpResponse> {
  let page = await client.getFollow('/meld/hvem');
  expectPath(page, '/meld/hvem');
  page = await client.submit(page, '/meld/hvem', { reporterType: 'private' });
  expectPath(page, '/meld/kommune');
  page = await client.submit(page, '/meld/kommune', { kommune: options.municipality ?? '1337' });
  expectPath(page, '/meld/innlogging');
  page = await client.login('/meld/barn', options.personIndex ?? 0);
  expectPath(page, '/meld/barn');
  page = await client.submit(page, '/meld/barn', { ...childAnswers(), action: 'continue' });
  expectPath(page, '/meld/foresatte');
  page = await client.submit(page, '/meld/foresatte', { 'guardian-0-name': 'Per Åsheim', 'guardian-0-phone': '91234567', 'guardian-0-informed': 'yes' });
  expectPath(page, '/meld/bekymring');
  page = await client.submit(page, '/meld/bekymring', concernAnswers(options.whatHappened ? { whatHappened: options.whatHappened } : {}));
  expectPath(page, '/meld/melder');
  page = await client.submit(page, '/meld/melder', { phone: '98765432', relationToChild: 'Nabo', keepIdentityFromFamily: 'true', 'reporter-addressLine1': '', 'reporter-postcode': '', 'reporter-city': '' });
  expectPath(page, '/meld/vedlegg');
  return page;
}
