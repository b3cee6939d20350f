// Mine meldinger in a real browser, with JavaScript on and off: the login on the way in, the empty
// page, then the person's reports in each kind of state (waiting, delivered by post after the
// deadline, not delivered at all) — reached from the header link, and axe clean every time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TransitionCause } from '../src/domain/delivery/status.ts';
import { transitionReport } from '../src/portal/delivery/delivery-store.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { HttpClient } from '../test/kit/http-client.ts';
import { CANARY as HTTP_CANARY, walkPrivateJourneyToSummary } from '../test/kit/journey.ts';
import { checkA11y, launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { expectPage, loginAtIdporten, navigation } from '../test/kit/browser/journey.ts';

const BAERUM = 'Barneverntjenesten i Bærum';

describe('a reporter looks up the reports they have sent', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    // Without workers the reports stay where the test puts them.
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!, { DELIVERY_WORKERS: 'false' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  /** The same person sends a report from another device (over HTTP); returns its id and reference. */
  async function sendReport(personIndex: number): Promise<{ id: string; reference: string }> {
    const client = new HttpClient(portal.url);
    const summary = await walkPrivateJourneyToSummary(client, { personIndex });
    const receipt = await client.submit(summary, '/meld/send', {});
    assert.equal(receipt.status, 200);
    const reference = /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(receipt.text)![0];
    const { id } = await portal.database.db.selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    return { id, reference };
  }

  async function move(id: string, causes: TransitionCause[]): Promise<void> {
    for (const cause of causes) assert.equal((await transitionReport(portal.database.db, id, cause, { at: new Date() }))?.changed, true, cause);
  }

  function report(page: Page, reference: string) {
    return page.getByRole('region', { name: `Melding ${reference}`, exact: true });
  }

  for (const javaScriptEnabled of [true, false]) {
    const [reporter, personIndex] = javaScriptEnabled ? ['Ola Nordmann', 0] : ['Kari Nordmann', 1];
    test(`Mine meldinger with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled });
      try {
        // Not logged in: straight to ID-porten, and back to the page after login.
        await page.goto('/mine-meldinger');
        assert.match(new URL(page.url()).pathname, /^\/dev\/idporten\//, 'the login goes through the ID-porten stand-in');
        await loginAtIdporten(page, reporter, '/mine-meldinger');
        await checkA11y(page, 'Mine meldinger, empty');
        assert.equal(await page.title(), 'Mine meldinger – Meld bekymring for et barn');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Mine meldinger');
        assert.ok(await page.getByText('Du har ikke sendt noen meldinger herfra.').isVisible());
        assert.ok(await page.getByRole('link', { name: 'Send en ny melding' }).isVisible());

        const waiting = await sendReport(personIndex);
        await move(waiting.id, ['publisert']);
        const posted = await sendReport(personIndex);
        await move(posted.id, ['publisert', 'frist-utlopt', 'print-levert']);
        const failed = await sendReport(personIndex);
        await move(failed.id, ['publisert', 'feilet', 'print-sendt', 'print-feilet']);

        // From any page, the header leads to the list.
        await page.goto('/');
        const response = await navigation(page, () => page.getByRole('banner').getByRole('link', { name: 'Mine meldinger' }).click());
        await expectPage(page, response, '/mine-meldinger');
        await checkA11y(page, 'Mine meldinger with three reports');

        const regions = await page.getByRole('region', { name: /^Melding BM-/ }).allInnerTexts();
        assert.equal(regions.length, 3);
        assert.match(regions[0]!, new RegExp(failed.reference), 'newest first');
        assert.match(regions[2]!, new RegExp(waiting.reference));

        const first = report(page, waiting.reference);
        assert.ok(await first.getByText(new RegExp(`^Sendt til ${BAERUM} \\d{1,2}\\. \\p{L}+ kl\\. \\d{2}:\\d{2} – venter på bekreftelse$`, 'u')).isVisible());

        const second = report(page, posted.reference);
        assert.ok(await second.getByText(new RegExp(`^Sendt i posten til ${BAERUM} \\d{1,2}\\. \\p{L}+ kl\\. \\d{2}:\\d{2}$`, 'u')).isVisible());
        assert.ok(await second.getByText('Barneverntjenestens system bekreftet ikke mottak innen to virkedager, så vi sendte meldingen i posten.').isVisible());
        const history = second.getByRole('list', { name: 'Historikk' });
        assert.equal(await history.getByRole('listitem').count(), 4);
        assert.match(await history.getByRole('listitem').nth(2).innerText(), /Ikke bekreftet innen to virkedager – sendes i posten/);

        const third = report(page, failed.reference);
        assert.ok(await third.getByRole('heading', { name: 'Meldingen kom ikke fram' }).isVisible());
        assert.equal(await third.getByRole('link', { name: '67 50 68 00' }).getAttribute('href'), 'tel:67506800');
        assert.ok(await third.getByText('Haster det? Er noen i fare nå, ring politiet på 112.').isVisible());
        assert.equal(await third.getByRole('link', { name: '67 50 47 70' }).getAttribute('href'), 'tel:67504770', 'the service’s own barnevernvakt');
        assert.equal(await third.getByText('116 111', { exact: false }).count(), 0, 'not Alarmtelefonen in its place');

        // The portal holds no readable report, and the page shows none.
        const text = await page.getByRole('main').innerText();
        for (const content of [HTTP_CANARY, 'Ola Åsheim', 'Per Åsheim', 'Storgata']) assert.equal(text.includes(content), false, `no "${content}" on the page`);
        assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
      } finally {
        await context.close();
      }
    });
  }
});
