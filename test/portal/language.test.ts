// A reporter reads the portal in bokmål, nynorsk or English, and the start pages in Northern Sámi:
// the browser's languages choose on the first visit, the switcher (plain links and buttons, no JS)
// chooses after that, the session remembers, and switching on a form step keeps what was typed.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { acceptedLanguages } from '../../src/web/language.ts';
import { PORTAL_LANGUAGES, START_LANGUAGES, translator, type Language } from '../../src/web/i18n.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { HttpClient, type HttpResponse } from '../kit/http-client.ts';
import { closeVisitorAddresses, errorSummaryText, expectPage, fieldValue, useNewVisitorAddress } from '../kit/portal-visitors.ts';

const htmlLang = (page: HttpResponse) => /<html lang="([a-z]+)"/.exec(page.text)?.[1];
const h1 = (page: HttpResponse) => /<h1[^>]*>([^<]*)<\/h1>/.exec(page.text)?.[1];

describe('Accept-Language', () => {
  test('the most wanted language we write, by quality then order; "no" is bokmål', () => {
    assert.deepEqual(acceptedLanguages('nn-NO,nn;q=0.9,en;q=0.8', START_LANGUAGES), ['nn', 'en']);
    assert.deepEqual(acceptedLanguages('en-US;q=0.5, no', START_LANGUAGES), ['nb', 'en']);
    assert.deepEqual(acceptedLanguages('de-DE, sv;q=0.9, en-GB;q=0.3', START_LANGUAGES), ['en']);
    assert.deepEqual(acceptedLanguages('se-NO, nb;q=0.7', START_LANGUAGES), ['se', 'nb']);
    assert.deepEqual(acceptedLanguages('se-NO, nb;q=0.7', PORTAL_LANGUAGES), ['nb'], 'Sámi is not offered where the page is not written in it');
  });

  test('refused, not guessed: q=0, malformed parts, nothing at all', () => {
    assert.deepEqual(acceptedLanguages('en;q=0, nn;q=abc, ;;;, *', START_LANGUAGES), []);
    assert.deepEqual(acceptedLanguages(undefined, START_LANGUAGES), []);
    assert.deepEqual(acceptedLanguages('x'.repeat(10_000), START_LANGUAGES), []);
  });
});

const database = testDatabases()[0]!;

describe(`the portal in the reporter's language (${database.name})`, () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal(database);
  });
  after(async () => {
    await portal?.close();
    await closeVisitorAddresses();
  });
  beforeEach(async () => {
    await useNewVisitorAddress();
  });

  test('a first visit is answered in the browser’s language, and in bokmål when it asks for none we write', async () => {
    const cases: [string, Language][] = [
      ['nn-NO,nn;q=0.9,en;q=0.5', 'nn'],
      ['en-GB,en;q=0.9', 'en'],
      ['se,nb;q=0.5', 'se'],
      ['de-DE', 'nb'],
    ];
    for (const [header, lang] of cases) {
      const client = new HttpClient(portal.url);
      const page = await client.request('GET', '/', { headers: { 'accept-language': header } });
      assert.equal(page.status, 200);
      assert.equal(htmlLang(page), lang, header);
      assert.equal(h1(page), translator(lang)('start.title'), header);
    }
  });

  test('the switcher is links that choose, come back to the same page with its query, and are remembered over the browser’s wish', async () => {
    const client = new HttpClient(portal.url);
    const english = { headers: { 'accept-language': 'en' } };
    let page = await client.request('GET', '/kontakt?kommune=B%C3%A6rum', english);
    assert.equal(htmlLang(page), 'en');
    const nynorskLink = /<a class="ds-link" href="([^"]+)" hreflang="nn">Nynorsk<\/a>/.exec(page.text)?.[1];
    assert.ok(nynorskLink, 'a link to nynorsk, named in nynorsk');
    const chosen = await client.get(nynorskLink.replaceAll('&amp;', '&'));
    assert.equal(chosen.status, 303);
    assert.equal(chosen.location, '/kontakt?kommune=B%C3%A6rum');
    page = await client.request('GET', chosen.location, english);
    assert.equal(htmlLang(page), 'nn', 'the chosen language wins over Accept-Language');
    assert.match(page.text, /<li lang="nn" aria-current="true" class="mp-language__current">Nynorsk<\/li>/);
    // Every language is named in itself and marked with its own lang.
    for (const lang of START_LANGUAGES) assert.match(page.text, new RegExp(`<li lang="${lang}"[^>]*>(?:<a[^>]*hreflang="${lang}">)?${translator(lang)('common.language.endonym')}`));
    page = await client.getFollow('/meld/hvem');
    assert.equal(htmlLang(page), 'nn', 'remembered on the next page');
    assert.equal(h1(page), translator('nn')('journey.hvem.title'));
  });

  test('the way back goes only to a page of this site; an unknown language changes nothing', async () => {
    const client = new HttpClient(portal.url);
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/auth/login']) {
      const answer = await client.get(`/sprak/en?tilbake=${encodeURIComponent(target)}`);
      assert.equal(answer.status, 303);
      assert.equal(answer.location, '/', target);
    }
    const unknown = await client.get('/sprak/xx?tilbake=/kontakt');
    assert.equal(unknown.location, '/kontakt');
    assert.equal(htmlLang(await client.get('/kontakt')), 'en', 'still the language chosen before');
  });

  test('Sámi: the start and contact pages are in Sámi; a form page says, in Sámi, that it is shown in bokmål', async () => {
    const client = new HttpClient(portal.url);
    await client.get('/sprak/se?tilbake=/');
    const start = await client.get('/');
    assert.equal(htmlLang(start), 'se');
    assert.equal(h1(start), translator('se')('start.title'));
    assert.equal(htmlLang(await client.get('/kontakt')), 'se');
    const form = await client.getFollow('/meld/hvem');
    assert.equal(htmlLang(form), 'nb');
    assert.equal(h1(form), translator('nb')('journey.hvem.title'));
    const notice = /<div class="ds-alert" data-color="info" lang="se"><p class="ds-paragraph">([^<]*)<\/p>/.exec(form.text)?.[1];
    assert.equal(notice, translator('se')('common.language.notTranslated'));
    const notFound = await client.get('/finnes-ikke');
    assert.equal(notFound.status, 404);
    assert.equal(htmlLang(notFound), 'se', 'error pages are in Sámi too');
  });

  test('Sámi for a logged-in person: the start page, contact page, a 404 and the favicon answer, with the texts not written in Sámi in bokmål and marked so', async () => {
    const client = new HttpClient(portal.url);
    await client.login('/', 0);
    await client.get('/sprak/se?tilbake=/');
    for (const [path, status] of [['/', 200], ['/kontakt', 200], ['/finnes-ikke', 404]] as const) {
      const page = await client.get(path);
      assert.equal(page.status, status, `${path} answers ${page.status}: ${page.text.slice(0, 200)}`);
      assert.equal(htmlLang(page), 'se', path);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path);
      // "Mine meldinger" is not written in Sámi: shown in bokmål, and marked as bokmål for screen readers.
      assert.match(page.text, new RegExp(`<a[^>]* lang="nb"[^>]*>${translator('nb')('myReports.nav')}</a>`), path);
      // The way to another language is on every page, the error page included.
      assert.match(page.text, /href="\/sprak\/nb\?tilbake=/, path);
    }
    const favicon = await client.get('/favicon.ico');
    assert.ok(favicon.status === 200 || favicon.status === 404, `favicon: ${favicon.status}`);
  });

  test('the login at ID-porten is asked to continue in the chosen language (ui_locales)', async () => {
    const client = new HttpClient(portal.url);
    for (const lang of ['nn', 'se'] as const) {
      await client.get(`/sprak/${lang}?tilbake=/`);
      const login = await client.get('/auth/login?returnTo=/meld/kommune');
      assert.equal(login.status, 302);
      assert.equal(new URL(login.location!).searchParams.get('ui_locales'), lang);
    }
  });

  test('on a form step the language buttons submit the form: the step comes back in the new language with what was typed, judged and taken as the answer only on "Continue"', async () => {
    const client = new HttpClient(portal.url);
    let page = await client.getFollow('/meld/hvem');
    page = await client.submit(page, '/meld/hvem', { reporterType: 'private' });
    expectPage(page, '/meld/kommune');
    assert.match(page.text, /<form method="post" action="\/meld\/kommune" id="step-form"/);
    // The buttons come after the step's own submit button, so Enter in a field still means "Continue".
    const formEnd = page.text.indexOf('</form>', page.text.indexOf('id="step-form"'));
    const continueAt = page.text.indexOf('name="action" value="continue"');
    const firstLanguageButton = page.text.indexOf('form="step-form" name="sprak"');
    assert.ok(continueAt > 0 && continueAt < formEnd && firstLanguageButton > formEnd, 'the continue button is the form’s default button');

    const switched = await client.submit(page, '/meld/kommune', { kommune: 'Bæ', sprak: 'en' });
    assert.equal(switched.status, 200);
    assert.equal(htmlLang(switched), 'en');
    assert.equal(h1(switched), translator('en')('journey.kommune.title'));
    assert.equal(fieldValue(switched.text, 'kommune'), 'Bæ', 'what was typed is still in the field');
    assert.equal(errorSummaryText(switched.text), '', 'a half-typed answer is not judged when switching language');
    // Coming back, what was typed is still there (nothing typed is lost), but it is not an answer:
    // it was neither judged nor taken as the municipality, so the report cannot go on past this step.
    const back = await client.get('/meld/kommune');
    assert.equal(fieldValue(back.text, 'kommune'), 'Bæ', 'kept for the reporter');
    assert.equal(errorSummaryText(back.text), '', 'and still not judged');
    await client.login('/', 0);
    const ahead = await client.get('/meld/barn');
    assert.equal(ahead.status, 302);
    assert.equal(ahead.location, '/meld/kommune', 'not taken as the answer: the steps after it are not open yet');

    // The page opened before the login carries the old session's form token, which the login
    // replaced: the form is shown again with what was typed, to be sent once more.
    const stale = await client.submit(switched, '/meld/kommune', { kommune: 'Bæ' });
    assert.equal(stale.status, 403);
    assert.equal(fieldValue(stale.text, 'kommune'), 'Bæ', 'what was typed comes back');
    const continued = await client.submit(stale, '/meld/kommune', { kommune: 'Bæ' });
    assert.equal(continued.status, 422, 'Continue judges it, in English');
    assert.equal(htmlLang(continued), 'en');
    assert.match(continued.text, new RegExp(`<title>${translator('en')('common.errorTitlePrefix')} `));
  });
});
