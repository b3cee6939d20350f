// Mottak's session pages in a real browser, with JavaScript off as a caseworker's locked-down
// machine may have it: a caseworker ends a session left open in another browser, a leader finds a
// caseworker under "Brukere", deactivates them (which ends their session there and then), and the
// deactivated caseworker is told why the login is refused. Axe on every page on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { startTestMottak, type TestMottak } from '../test/kit/mottak.ts';
import { checkA11y, launchBrowser, type Visitor } from '../test/kit/browser/browser.ts';
import { caseworkerVisitor } from '../test/kit/browser/mottak-browser.ts';

const database = testDatabases()[0]!;

describe('caseworker sessions in the browser', () => {
  let portal: TestPortal;
  let mottak: TestMottak;
  let browser: Browser;
  const visitors: Visitor[] = [];

  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(database, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
    mottak = await startTestMottak(database, portal, { MOTTAK_PULL: 'false' });
  });
  after(async () => {
    for (const v of visitors) await v.context.close().catch(() => {});
    await browser?.close();
    await mottak?.close();
    await portal?.close();
  });

  async function visitor(name: string, role: 'saksbehandler' | 'leder'): Promise<Visitor> {
    const v = await caseworkerVisitor(browser, mottak.url, name, role, { javaScriptEnabled: false, auditStandIn: false });
    visitors.push(v);
    return v;
  }

  test('a caseworker ends the session left open in another browser', async () => {
    const here = await visitor('Sigrid Aune', 'saksbehandler');
    const elsewhere = await visitor('Sigrid Aune', 'saksbehandler');
    await here.page.getByRole('link', { name: 'Mine økter' }).click();
    assert.equal(await here.page.getByRole('heading', { level: 1 }).innerText(), 'Mine økter');
    const rows = here.page.getByRole('table', { name: 'Innlogginger som er i bruk' }).locator('tbody tr');
    assert.equal(await rows.count(), 2);
    await checkA11y(here.page, 'Mine økter');
    assert.equal(await here.page.getByRole('button', { name: /^Avslutt Chrome på Linux/ }).count(), 1, 'one button, named by device and time, for the other session');
    await here.page.getByRole('button', { name: /^Avslutt Chrome på Linux/ }).click();
    assert.equal(await here.page.getByRole('status').innerText(), '1 økter ble avsluttet.');
    await checkA11y(here.page, 'Mine økter after ending one');
    // The other browser's session is gone: the inbox sends it to log in again. (The IdP's own
    // single sign-on there still lets the same person straight back in, as the real one would.)
    const response = await elsewhere.page.goto('/innboks');
    const hops: string[] = [];
    for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) hops.push(new URL(r.url()).pathname);
    assert.ok(hops.includes('/innlogging'), `the other browser went through the login: ${hops.join(' ← ')}`);
  });

  test('a leader deactivates a caseworker: their session ends, and their next login says why it is refused', async () => {
    const worker = await visitor('Sigrid Aune', 'saksbehandler');
    const leader = await visitor('Magnus Rørvik', 'leder');
    await leader.page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' }).click();
    await checkA11y(leader.page, 'Brukere');
    await leader.page.getByRole('link', { name: 'Sigrid Aune', exact: true }).click();
    assert.equal(await leader.page.getByRole('heading', { level: 1 }).innerText(), 'Sigrid Aune');
    await checkA11y(leader.page, 'one caseworker');
    await leader.page.getByRole('button', { name: 'Deaktiver brukeren' }).click();
    assert.match(await leader.page.getByRole('status').innerText(), /Sigrid Aune er deaktivert, og alle øktene er avsluttet\./);
    await checkA11y(leader.page, 'one caseworker, deactivated');

    // Her session ended: the inbox sends her to log in, and the IdP's single sign-on brings her
    // straight back, to the page that says the login is refused and why.
    await worker.page.goto('/innboks');
    assert.equal(await worker.page.getByRole('heading', { level: 1 }).innerText(), 'Brukeren din er deaktivert');
    await checkA11y(worker.page, 'login refused: deactivated');

    await leader.page.getByRole('button', { name: 'Aktiver brukeren igjen' }).click();
    assert.match(await leader.page.getByRole('status').innerText(), /Sigrid Aune kan logge inn igjen\./);
  });
});
