// Mine meldinger over HTTP: the login gate, a person's own reports with their status in plain
// words and Norwegian time as delivery moves on, the post fallback note, the warning when nothing
// reached the service, the service's feedback as standard texts, and that nobody sees another
// person's reports or any report content.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock.ts';
import type { TransitionCause } from '../../../src/domain/delivery/status.ts';
import { transitionReport } from '../../../src/portal/delivery/delivery-store.ts';
import { registerFeedback } from '../../../src/portal/delivery/register-feedback.ts';
import type { FeedbackType } from '../../../src/domain/delivery/feedback.ts';
import { testDatabases } from '../../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../../kit/portal.ts';
import { decodeEntities, HttpClient, mainText, type HttpResponse } from '../../kit/http-client.ts';
import { CANARY, walkPrivateJourneyToSummary } from '../../kit/journey.ts';
import { closeVisitorAddresses, referenceIn, useNewVisitorAddress, walkProfessionalJourneyToSummary } from '../../kit/portal-visitors.ts';

const BAERUM = 'Barneverntjenesten i Bærum';
// What the walk in test/kit/journey.ts typed: none of it may appear on the page.
const REPORT_CONTENT = [CANARY, 'Ola Åsheim', 'Per Åsheim', 'Storgata', '98765432', '91234567', 'Nabo', 'roping', 'Han er for liten', 'Siden i sommer'];


/** The feedback lists, one array of "time: words" per report that has feedback, in page order. */
function feedbackLists(html: string): string[][] {
  return [...html.matchAll(/<ol class="ds-list mp-feedback"[^>]*>([\s\S]*?)<\/ol>/g)].map((m) =>
    [...m[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => decodeEntities(li[1]!.replace(/<[^>]+>/g, '')).trim()),
  );
}

/** The heading levels inside one report's card, in order. */
function cardHeadingLevels(html: string, reference: string): number[] {
  const card = new RegExp(`<section class="mp-card" aria-labelledby="${reference.toLowerCase()}-heading">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return [...card.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}

/** The history lists, one array of "time: words" per report, in page order. */
function histories(html: string): string[][] {
  return [...html.matchAll(/<ol class="ds-list"[^>]*>([\s\S]*?)<\/ol>/g)].map((m) =>
    [...m[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => decodeEntities(li[1]!.replace(/<[^>]+>/g, '')).trim()),
  );
}

for (const database of testDatabases()) {
  describe(`Mine meldinger (${database.name})`, () => {
    let portal: TestPortal;
    // "Now" for the page, so which dates name their year does not depend on when the test runs.
    const clock = new ManualClock(new Date('2025-11-26T09:00:00Z'));

    before(async () => {
      await useNewVisitorAddress();
      // Without workers a report stays AKSEPTERT until the test moves it.
      portal = await startTestPortal(database, { DELIVERY_WORKERS: 'false' }, { clock });
    });
    after(async () => {
      await portal?.close();
      await closeVisitorAddresses();
    });

    const db = () => portal.database.db;

    /** A person sends a report; its received time is pinned so the page's times are known. */
    async function sendReport(personIndex: number, receivedAt: string): Promise<{ client: HttpClient; id: string; reference: string }> {
      const client = new HttpClient(portal.url);
      const summary = await walkPrivateJourneyToSummary(client, { personIndex });
      const receipt = await client.submit(summary, '/meld/send', {});
      assert.equal(receipt.status, 200);
      const reference = referenceIn(receipt.text);
      const { id } = await db().selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      const at = new Date(receivedAt);
      await db().updateTable('reports').set({ received_at: at, status_changed_at: at }).where('id', '=', id).execute();
      await db().updateTable('report_status_events').set({ at }).where('report_id', '=', id).where('cause', '=', 'innsendt').execute();
      return { client, id, reference };
    }

    async function move(id: string, cause: TransitionCause, at: string): Promise<void> {
      const result = await transitionReport(db(), id, cause, { at: new Date(at) });
      assert.equal(result?.changed, true, `${cause} moves the report`);
    }

    async function myReports(client: HttpClient): Promise<HttpResponse & { main: string }> {
      const page = await client.get('/mine-meldinger');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const main = mainText(page.text);
      for (const content of REPORT_CONTENT) assert.equal(main.includes(content) || page.text.includes(content), false, `the page shows none of the report's content ("${content}")`);
      return { ...page, main };
    }

    test('without a login it sends the person to ID-porten and back to Mine meldinger', async () => {
      const client = new HttpClient(portal.url);
      const gate = await client.get('/mine-meldinger');
      assert.equal(gate.status, 302);
      assert.equal(gate.location, `/auth/login?returnTo=${encodeURIComponent('/mine-meldinger')}`);
      const page = await client.login('/mine-meldinger', 3);
      assert.equal(new URL(page.url).pathname, '/mine-meldinger');
      assert.equal(page.status, 200);
      assert.match(page.text, /<title>Mine meldinger – Meld bekymring for et barn<\/title>/);
      assert.match(page.text, /<h1 class="ds-heading" data-size="lg">Mine meldinger<\/h1>/);
      assert.match(mainText(page.text), /Du har ikke sendt noen meldinger herfra\. Send en ny melding/);
      assert.match(page.text, /<a class="ds-link" href="\/meld\/hvem">Send en ny melding<\/a>/);
    });

    test('a sent report shows its reference, service, time and status as delivery moves on, and none of its content', async () => {
      const { client, id, reference } = await sendReport(0, '2025-11-23T11:01:00Z');
      let page = await myReports(client);
      assert.match(page.text, /<header[^>]*>(?:(?!<\/header>)[\s\S])*<a [^>]*href="\/mine-meldinger">Mine meldinger<\/a>/, 'the header links to Mine meldinger');
      assert.ok(page.main.includes(`Melding ${reference}`), 'the reference heads the report');
      assert.ok(page.main.includes(`Sendt til ${BAERUM}`));
      assert.ok(page.main.includes('Sendt 23. november kl. 12:01'));
      assert.ok(page.main.includes('Status Mottatt av portalen 23. november kl. 12:01'), page.main);
      assert.deepEqual(histories(page.text), [['23. november kl. 12:01: Mottatt av portalen']]);

      await move(id, 'publisert', '2025-11-23T11:02:00Z');
      page = await myReports(client);
      assert.ok(page.main.includes(`Status Sendt til ${BAERUM} 23. november kl. 12:02 – venter på bekreftelse`), page.main);

      await move(id, 'mottatt', '2025-11-24T07:30:00Z');
      page = await myReports(client);
      assert.ok(page.main.includes(`Status Levert til ${BAERUM} 24. november kl. 08:30`), page.main);
      assert.deepEqual(histories(page.text), [['23. november kl. 12:01: Mottatt av portalen', `23. november kl. 12:02: Sendt til ${BAERUM}`, `24. november kl. 08:30: Levert til ${BAERUM}`]]);
      assert.doesNotMatch(page.main, /i posten/, 'no post fallback was used');
    });

    test('after the deadline the report goes by post, and the page says why; the list is the person\'s, not the browser\'s', async () => {
      const first = (await db().selectFrom('reports').select('reference').where('received_at', '=', new Date('2025-11-23T11:01:00Z')).executeTakeFirstOrThrow()).reference;
      // Same person, another browser, an older report (by received time) than the first test's.
      const { client, id, reference } = await sendReport(0, '2025-11-21T09:00:00Z');
      await move(id, 'publisert', '2025-11-21T09:00:05Z');
      await move(id, 'frist-utlopt', '2025-11-25T09:00:05Z');
      let page = await myReports(client);
      assert.ok(page.main.indexOf(first) < page.main.indexOf(reference), 'newest first');
      assert.ok(page.main.includes(`Status Sendes i posten til ${BAERUM} – vi startet utsendingen 25. november kl. 10:00`), page.main);
      assert.ok(page.main.includes('Barneverntjenestens system bekreftet ikke mottak innen to virkedager, så vi sendte meldingen i posten.'));

      await move(id, 'print-levert', '2025-11-25T09:10:00Z');
      page = await myReports(client);
      assert.ok(page.main.includes(`Status Sendt i posten til ${BAERUM} 25. november kl. 10:10`), page.main);
      assert.ok(page.main.includes('Barneverntjenestens system bekreftet ikke mottak innen to virkedager, så vi sendte meldingen i posten.'));
      assert.deepEqual(histories(page.text)[1], [
        '21. november kl. 10:00: Mottatt av portalen',
        `21. november kl. 10:00: Sendt til ${BAERUM}`,
        `25. november kl. 10:00: Ikke bekreftet innen to virkedager – sendes i posten til ${BAERUM}`,
        `25. november kl. 10:10: Sendt i posten til ${BAERUM}`,
      ]);
    });

    test('a refused report that could not be posted either tells the person to call the service', async () => {
      const { client, id, reference } = await sendReport(2, '2024-12-02T12:00:00Z');
      await move(id, 'publisert', '2024-12-02T12:00:01Z');
      await move(id, 'feilet', '2024-12-02T12:05:00Z');
      let page = await myReports(client);
      assert.ok(page.main.includes('Status Barneverntjenestens system kunne ikke ta imot meldingen 2. desember 2024 kl. 13:05 – vi sender den i posten'), page.main);

      await move(id, 'print-sendt', '2024-12-02T12:05:01Z');
      page = await myReports(client);
      assert.ok(page.main.includes('Barneverntjenestens system kunne ikke ta imot meldingen, så vi sendte den i posten.'));

      await move(id, 'print-feilet', '2024-12-02T12:30:00Z');
      page = await myReports(client);
      assert.ok(page.main.includes(`Status Kunne ikke leveres til ${BAERUM} 2. desember 2024 kl. 13:30 – ring barneverntjenesten`), page.main);
      assert.match(page.text, /<div class="ds-alert" data-color="danger">/);
      assert.ok(page.main.includes('Meldingen kom ikke fram'));
      assert.ok(page.main.includes(`Ring ${BAERUM} på dagtid og fortell om bekymringen din: 67 50 68 00`), page.main);
      assert.match(page.text, /<a href="tel:67506800">67 50 68 00<\/a>/);
      // When it is urgent: the service's own barnevernvakt, never Alarmtelefonen in its place.
      assert.ok(page.main.includes('Haster det? Er noen i fare nå, ring politiet på 112. Barnevernvakten: 67 50 47 70 (Hele døgnet)'), page.main);
      assert.match(page.text, /<a href="tel:67504770">67 50 47 70<\/a>/);
      assert.doesNotMatch(page.main, /116 ?111/);
      assert.doesNotMatch(page.main, /så vi sendte/, 'no "we posted it" when posting failed');
      // This person sees this report only, none of the first person's.
      assert.equal([...page.text.matchAll(/BM-[0-9A-Z]{4}-[0-9A-Z]{4}/g)].every((m) => m[0] === reference), true);
    });

    test('another person sees none of these reports', async () => {
      const references = (await db().selectFrom('reports').select('reference').execute()).map((r) => r.reference);
      assert.equal(references.length, 3);
      const stranger = new HttpClient(portal.url);
      await stranger.login('/', 4);
      const page = await myReports(stranger);
      assert.ok(page.main.includes('Du har ikke sendt noen meldinger herfra.'));
      for (const reference of references) assert.equal(page.text.includes(reference), false, `${reference} is not shown`);
      assert.equal(page.text.includes(BAERUM), false);
    });

    /** The service registers feedback at a pinned time, as the delivery API would. */
    async function giveFeedback(id: string, type: FeedbackType, at: string): Promise<void> {
      const { service_id } = await db().selectFrom('reports').select('service_id').where('id', '=', id).executeTakeFirstOrThrow();
      const result = await registerFeedback(db(), portal.app.delivery.outbox, { reportId: id, serviceId: service_id, type, at: new Date(at) });
      assert.equal(result.kind, 'registered', type);
    }

    test('a teacher reads the service\'s feedback as plain words with Norwegian times, newest first; nobody else sees it', async () => {
      const client = new HttpClient(portal.url);
      const summary = await walkProfessionalJourneyToSummary(client, { grounds: ['mistreatedAtHome'], kommune: '1337', personIndex: 1 });
      const reference = referenceIn((await client.submit(summary, '/meld/send', {})).text);
      const { id } = await db().selectFrom('reports').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      await move(id, 'publisert', '2025-11-20T10:00:00Z');
      await move(id, 'mottatt', '2025-11-20T10:05:00Z');
      let page = await myReports(client);
      assert.doesNotMatch(page.main, /Tilbakemelding fra barneverntjenesten/, 'no feedback section before there is feedback');

      await giveFeedback(id, 'mottatt', '2025-11-21T08:00:00Z');
      page = await myReports(client);
      assert.ok(page.main.includes('Tilbakemelding fra barneverntjenesten'), page.main);
      assert.deepEqual(feedbackLists(page.text), [[`21. november kl. 09:00: ${BAERUM} har bekreftet at de har mottatt meldingen din.`]]);
      assert.doesNotMatch(page.main, /står øverst/, 'one feedback needs no word on order');
      assert.doesNotMatch(page.main, /Som privatperson/, 'a professional may be told more');

      await giveFeedback(id, 'undersokelse-apnet', '2025-11-24T13:15:00Z');
      await giveFeedback(id, 'undersokelse-tiltak', '2025-11-25T23:30:00Z');
      page = await myReports(client);
      assert.deepEqual(feedbackLists(page.text), [
        [
          `26. november kl. 00:30: ${BAERUM} har avsluttet undersøkelsen og følger opp saken videre med tiltak.`,
          `24. november kl. 14:15: ${BAERUM} har startet en undersøkelse etter meldingen din.`,
          `21. november kl. 09:00: ${BAERUM} har bekreftet at de har mottatt meldingen din.`,
        ],
      ]);
      assert.ok(page.main.includes('Den nyeste tilbakemeldingen står øverst.'), 'the order is said in words');
      assert.match(page.text, new RegExp(`<h3 class="ds-heading" data-size="2xs" id="${reference.toLowerCase()}-feedback">Tilbakemelding fra barneverntjenesten</h3>`));
      assert.match(page.text, new RegExp(`<ol class="ds-list mp-feedback" aria-labelledby="${reference.toLowerCase()}-feedback">`));
      assert.match(page.text, /<time datetime="2025-11-25T23:30:00.000Z">26. november kl. 00:30<\/time>/);
      assert.deepEqual(cardHeadingLevels(page.text, reference), [2, 3, 3], 'the feedback heading sits under the report, beside the history');
      assert.ok(page.main.indexOf('Tilbakemelding fra barneverntjenesten') < page.main.indexOf('Historikk'), 'feedback before the delivery history');

      // Person 0 has reports of their own; none shows this feedback.
      const other = new HttpClient(portal.url);
      await other.login('/', 0);
      const theirs = await myReports(other);
      assert.doesNotMatch(theirs.main, /Tilbakemelding fra barneverntjenesten|undersøkelse/);
      assert.equal(theirs.text.includes(reference), false);
    });

    test('a report begun and not sent is offered on the start page and Mine meldinger, saying where it goes and that only this browser can open it; not named once the login has ended', async () => {
      const client = new HttpClient(portal.url);
      const unsentBox = (page: HttpResponse) => mainText(`<main>${/<section class="ds-alert mp-unsent"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? ''}</main>`);
      assert.equal(unsentBox(await client.get('/')), '', 'nothing begun, nothing offered');
      let page = await client.getFollow('/meld/hvem');
      page = await client.submit(page, '/meld/hvem', { reporterType: 'private' });
      await client.submit(page, '/meld/kommune', { kommune: 'Bærum' });

      const start = await client.get('/');
      assert.equal(start.headers.get('cache-control'), 'no-store');
      assert.equal(
        unsentBox(start),
        `Du har en melding som ikke er sendt Meldingen skal til ${BAERUM}. Svarene dine er lagret kryptert i 24 timer etter siste endring, og bare denne nettleseren kan åpne dem. Fortsett meldingen`,
      );
      assert.match(start.text, /<a class="ds-button" data-variant="primary" href="\/meld">Fortsett meldingen<\/a>/);
      assert.equal((await client.get('/meld')).location, '/meld/barn', 'it goes on where it was left');

      await client.login('/', 2);
      assert.match(unsentBox((await myReports(client)) as HttpResponse), new RegExp(`Meldingen skal til ${BAERUM}\\.`));
      // The login ends after 30 minutes idle: whoever sits at the browser then is told a report
      // waits, not where it goes; it opens again only for the same person after a new login.
      const loggedInAt = clock.now();
      clock.set(new Date(loggedInAt.getTime() + 31 * 60_000));
      try {
        const later = unsentBox(await client.get('/'));
        assert.match(later, /^Du har en melding som ikke er sendt Svarene dine er lagret kryptert/);
        assert.equal(later.includes(BAERUM), false);
      } finally {
        clock.set(loggedInAt);
      }
    });

    test('a private reporter is told of receipt, and why nothing more will come', async () => {
      const { client, id } = await sendReport(3, '2025-11-18T12:00:00Z');
      await move(id, 'publisert', '2025-11-18T12:00:05Z');
      await move(id, 'mottatt', '2025-11-18T12:30:00Z');
      await giveFeedback(id, 'mottatt', '2025-11-19T09:45:00Z');
      const page = await myReports(client);
      assert.deepEqual(feedbackLists(page.text), [[`19. november kl. 10:45: ${BAERUM} har bekreftet at de har mottatt meldingen din.`]]);
      assert.ok(page.main.includes('Barneverntjenesten har taushetsplikt. Som privatperson får du derfor bare vite at meldingen er mottatt, ikke hva som skjer videre.'), page.main);
    });
  });
}
