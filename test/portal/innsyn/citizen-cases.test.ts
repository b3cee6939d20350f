// "Min barnevernssak" for the Nordmann family (decision 024): the service indexes the case for the
// mother, the father and both children, and the decision for the mother and Sara (16) only. Logged
// in through the ID-porten stand-in, the mother sees the case and the decision with its appeal
// countdown; the father sees the case but not the decision; Sara sees her own view; Emil (13) is
// told from what age he can; another person sees nothing, and every case address not theirs is 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { CASE_TITLE, DECISION, EMIL, FATHER, MOTHER, SARA, STRANGER, indexNordmannFamily } from '../../kit/innsyn-family.ts';
import { HttpClient, mainText } from '../../kit/http-client.ts';
import { toNorwegianLocalDate } from '../../../src/domain/rules/norwegian-time.ts';

describe('Min barnevernssak: each person in the family sees what was shared with them', () => {
  const [database] = testDatabases();
  let portal: TestPortal;
  let caseId: string;

  before(async () => {
    portal = await startTestPortal(database!);
    ({ caseId } = await indexNordmannFamily(portal));
  });
  after(async () => {
    await portal?.close();
  });

  async function visit(who: { index: number }) {
    const client = new HttpClient(portal.url);
    const list = await client.login('/min-sak', who.index);
    return { client, list };
  }

  test('the mother sees the case, where it stands, and the decision with the days left to appeal', async () => {
    const { client, list } = await visit(MOTHER);
    assert.equal(list.status, 200);
    assert.match(list.url, /\/min-sak$/);
    assert.ok(mainText(list.text).includes(CASE_TITLE));
    const page = await client.get(`/min-sak/${caseId}`);
    assert.equal(page.status, 200);
    const text = mainText(page.text);
    assert.ok(text.includes('Sofie Saksbehandler') && text.includes('mor'), text);
    assert.match(text, /Vedtak, \d+\. \w+ \d{4} \(nå\)/, 'the current milestone is named as such');
    assert.ok(text.includes(DECISION));
    // Counted in Norway's calendar days (a change to summer time on the way can make it 15 or 17).
    const now = portal.app.delivery.clock.now();
    const days = Math.round((Date.parse(toNorwegianLocalDate(new Date(now.getTime() + 16 * 86_400_000))) - Date.parse(toNorwegianLocalDate(now))) / 86_400_000);
    assert.ok(text.includes(`${days} dager igjen til klagefristen`), text);
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  test('the father sees the case but not the decision', async () => {
    const { client } = await visit(FATHER);
    const text = mainText((await client.get(`/min-sak/${caseId}`)).text);
    assert.ok(text.includes(CASE_TITLE) && text.includes('far'));
    assert.ok(!text.includes(DECISION), 'the decision was not shared with the father');
    assert.ok(text.includes('Tjenesten har ikke delt noen dokumenter med deg ennå.'));
  });

  test('Sara (16) sees her own view; Emil (13) is told from what age he can, and sees no case', async () => {
    const sara = await visit(SARA);
    const saraCase = mainText((await sara.client.get(`/min-sak/${caseId}`)).text);
    assert.ok(saraCase.includes(DECISION) && saraCase.includes('barnet saken gjelder'));
    const emil = await visit(EMIL);
    const emilList = mainText(emil.list.text);
    assert.ok(emilList.includes('Du kan se din egen sak her fra du er 15 år'), emilList);
    assert.ok(!emilList.includes(CASE_TITLE));
    assert.ok(!emilList.includes('Ingen barneverntjeneste har delt'), 'not told that nothing is shared, which is not true');
    assert.equal((await emil.client.get(`/min-sak/${caseId}`)).status, 404);
  });

  test('another person sees no case, and 404 for the case’s address and for any other', async () => {
    const { client, list } = await visit(STRANGER);
    assert.ok(mainText(list.text).includes('Ingen barneverntjeneste har delt en sak med deg her.'));
    assert.equal((await client.get(`/min-sak/${caseId}`)).status, 404);
    assert.equal((await client.get(`/min-sak/${randomUUID()}`)).status, 404);
    assert.equal((await client.get('/min-sak/../../etc')).status, 404);
  });

  test('without a login, the front page shows the way in, and the pages send to ID-porten and come back', async () => {
    const anonymous = new HttpClient(portal.url);
    const front = await anonymous.get('/');
    assert.ok(front.text.includes('href="/min-sak"'), 'the front page links to one’s own case');
    assert.ok(mainText(front.text).includes('fra du er 15 år'), 'and says from what age a child sees theirs');
    const answer = await anonymous.get(`/min-sak/${caseId}`);
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.get('location'), `/auth/login?returnTo=${encodeURIComponent(`/min-sak/${caseId}`)}`);
  });
});
