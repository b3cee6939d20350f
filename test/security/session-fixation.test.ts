// Session fixation (issue 18 §4): someone plants a cookie of theirs in the victim's browser (a shared
// or borrowed computer) and keeps a copy. The victim answers the duty-to-report questions, logs in
// and writes her report. The copy must then show nothing of it and delete nothing, and the form
// token the planter knows must not work in the victim's logged-in session.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient, csrfToken } from '../kit/http-client.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { send } from './route-matrix.ts';


for (const database of testDatabases()) {
  describe(`a cookie planted before login is worth nothing after it (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' });
    });
    after(async () => portal?.close());

    test('the planter sees none of the victim’s answers, cannot delete her report, and his form token does not work in her session', async () => {
      await useNewVisitorAddress();
      const planter = new HttpClient(portal.url);
      const planted = await planter.getFollow('/meld/hvem');
      const planterToken = csrfToken(planted.text);
      const victim = planter.copy();

      // The victim: a teacher, the duty-to-report question, the municipality, then ID-porten.
      let page = await victim.getFollow('/meld/hvem');
      page = await victim.submit(page, '/meld/hvem', { reporterType: 'professional' });
      page = await victim.submit(page, '/meld/meldeplikt', { grounds: ['seriousNeglect'] });
      page = await victim.submit(page, '/meld/kommune', { kommune: '1337' });
      page = await victim.login('/meld/barn', 2);
      assert.equal(new URL(page.url).pathname, '/meld/barn');
      const draftsBefore = await portal.database.db.selectFrom('drafts').select('id').execute();

      // The planter's copy: the answers are behind the victim's login.
      const duty = await planter.get('/meld/meldeplikt');
      assert.equal(duty.status, 302);
      assert.match(duty.location ?? '', /^\/meld\/innlogging/);
      const start = await planter.get('/');
      assert.doesNotMatch(start.text, /Barneverntjenesten i Bærum/, 'not even where it goes');
      const cancel = await planter.request('POST', '/meld/avbryt', { form: { _csrf: planterToken, bekreft: 'ja' } });
      assert.ok(cancel.status < 500);
      assert.equal((await portal.database.db.selectFrom('drafts').select('id').execute()).length, draftsBefore.length, 'nothing deleted');
      assert.equal((await victim.get('/meld/barn')).status, 200, 'the victim goes on');

      // A forged cross-site form with the victim's cookie and the token the planter knows: refused.
      const forged = await send(portal.url, 'POST', '/meld/avbryt', {
        cookie: victim.cookieHeader(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: planterToken, bekreft: 'ja' }).toString(),
      });
      assert.equal(forged.status, 403);
      assert.equal((await victim.get('/meld/barn')).status, 200, 'still there');
    });
  });
}
