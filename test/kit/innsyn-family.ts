// The Nordmann family of the ID-porten stand-in as a child welfare service indexes them for citizen
// services (decision 024): the case for the mother, the father and both children, and a decision
// for the mother and Sara (16) only. Tests of the citizens' pages start from here.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import type { TestPortal } from './portal.ts';
import { deliveryClientFor } from './portal-visitors.ts';

const person = (name: string) => {
  const found = DEV_TEST_PERSONS.findIndex((p) => p.name === name);
  assert.ok(found >= 0, name);
  return { index: found, fnr: DEV_TEST_PERSONS[found]!.pid };
};
export const FATHER = person('Ola Nordmann');
export const MOTHER = person('Kari Nordmann');
export const SARA = person('Sara Nordmann');
export const EMIL = person('Emil Nordmann');
export const STRANGER = person('Aisha Rahman');
export const CASE_TITLE = 'Barnevernssak for Sara og Emil Nordmann';
export const DECISION = 'Vedtak om hjelpetiltak i hjemmet';

/** Indexes the family's case through the index API, as the service's case system would. */
export async function indexNordmannFamily(portal: TestPortal): Promise<{ caseId: string; decisionId: string }> {
  const caseId = randomUUID();
  const decisionId = randomUUID();
  const orgnr = readdirSync(join(portal.dataDir, 'receivers')).sort()[0]!;
  const token = await deliveryClientFor(portal, orgnr, 'meldeportal:innsyn').accessToken();
  const now = portal.app.delivery.clock.now();
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const mappe = (p: { fnr: string }, rolle: string) => ({
    meldingId: caseId,
    type: 'barnevern.mappe.v1',
    personidentifikator: p.fnr,
    data: {
      tittel: CASE_TITLE,
      organisasjonsnummer: orgnr,
      minPart: { rolle, fodselsnummer: p.fnr, fornavn: 'X', etternavn: 'Nordmann' },
      saksansvarlig: 'Sofie Saksbehandler',
      saksdato: inDays(-40),
      milepeler: [
        { navn: 'Melding mottatt', startdato: inDays(-40) },
        { navn: 'Undersøkelse', startdato: inDays(-30) },
        { navn: 'Vedtak', startdato: inDays(-5) },
      ],
      navaerendeMilepel: { navn: 'Vedtak', startdato: inDays(-5) },
    },
  });
  const decision = (p: { fnr: string }) => ({
    meldingId: decisionId,
    type: 'barnevern.journalpost.v1',
    personidentifikator: p.fnr,
    data: { tittel: DECISION, forelderMeldingId: caseId, dokumenttype: 'VEDTAK', journaldato: inDays(-5), klagefrist: inDays(16) },
  });
  const response = await fetch(`${portal.url}/api/v1/innsyn/indeks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ elementer: [mappe(MOTHER, 'MOR'), mappe(FATHER, 'FAR'), mappe(SARA, 'HOVEDPERSON'), mappe(EMIL, 'HOVEDPERSON'), decision(MOTHER), decision(SARA)] }),
  });
  assert.equal(response.status, 200, await response.text());
  return { caseId, decisionId };
}
