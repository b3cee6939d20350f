// The pages every public website owes its readers (issue 17): help, who runs the service, privacy,
// cookies and accessibility. Each is there in every language a reader may come with, every page's
// footer leads to them, and what they say about this installation and about storage is what the
// configuration and the code do: the named operator, the cookie the portal really sets, the days
// things are kept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { translator, type Language } from '../../src/web/i18n.ts';
import { INFO_PAGES } from '../../src/portal/info/info-routes.tsx';
import { SESSION_COOKIE, AUTH_IDLE_TIMEOUT_MS } from '../../src/portal/auth/session.ts';
import { DRAFT_TTL_MS } from '../../src/portal/journey/draft-store.ts';
import { RECEIPT_TTL_MS } from '../../src/portal/submission/submission-store.ts';
import { NOTICE_CONTACT_RETENTION_DAYS } from '../../src/portal/delivery/delivery-jobs.ts';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';

const OPERATOR = { OPERATOR_NAME: 'Barne-, ungdoms- og familiedirektoratet', OPERATOR_EMAIL: 'meldeportal@bufdir.example', ACCESSIBILITY_STATEMENT_URL: 'https://uustatus.no/nb/erklaringer/publisert/meldeportal-test' };
const HOUR_MS = 60 * 60 * 1000;

const h1Of = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
const langOf = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const cookieNames = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().map((c) => c.slice(0, c.indexOf('=')));

describe(`the footer's pages (${testDatabases()[0]!.name})`, () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startTestPortal(testDatabases()[0]!, { ...OPERATOR, PACKAGE_RETENTION_DAYS: '10' });
  });
  after(async () => {
    await portal?.close();
  });

  const get = (url: string, lang: Language) => portal.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });

  for (const lang of ['nb', 'nn', 'en'] as const) {
    test(`${lang}: each page answers in the reader's language, with its heading as h1 and in the title`, async () => {
      const t = translator(lang);
      for (const page of INFO_PAGES) {
        const response = await get(page.path, lang);
        assert.equal(response.statusCode, 200, page.path);
        assert.equal(langOf(response.body), lang, `${page.path}: <html lang>`);
        assert.equal(h1Of(response.body), t(page.title), `${page.path}: h1`);
        assert.equal(titleOf(response.body), `${t(page.title)} – ${t('common.titleSuffix')}`, `${page.path}: title`);
      }
    });
  }

  test('se: a Sámi reader gets each page in bokmål, marked as bokmål, and is told so in Sámi', async () => {
    const nb = translator('nb');
    for (const page of INFO_PAGES) {
      const response = await get(page.path, 'se');
      assert.equal(response.statusCode, 200, page.path);
      assert.equal(langOf(response.body), 'nb', `${page.path}: the page is in bokmål`);
      assert.equal(h1Of(response.body), nb(page.title));
      assert.ok(response.body.includes(translator('se')('common.language.notTranslated')), `${page.path}: the notice in Sámi`);
    }
  });

  test('every page’s footer links to the five pages, in the page’s language; on a Sámi page their bokmål names say so', async () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const t = translator(lang);
      for (const path of ['/', '/kontakt', '/statistikk', '/meld/hvem', ...INFO_PAGES.map((p) => p.path)]) {
        const footer = (await get(path, lang)).body.split('<footer')[1] ?? '';
        for (const page of INFO_PAGES) assert.ok(footer.includes(`<a class="ds-link" href="${page.path}">${t(page.nav)}</a>`), `${lang} ${path}: the footer links to ${page.path}`);
        assert.ok(footer.includes('href="/statistikk"'), `${lang} ${path}: and to the statistics`);
      }
    }
    const sami = (await get('/', 'se')).body;
    assert.equal(langOf(sami), 'se');
    for (const page of INFO_PAGES) assert.ok(sami.includes(`<a class="ds-link" href="${page.path}" lang="nb">${translator('nb')(page.nav)}</a>`), `se: ${page.path} marked as bokmål`);
  });

  test('the operator is named, with an address to write to, on the pages that need one; the official statement is linked', async () => {
    for (const path of ['/om-tjenesten', '/personvern', '/tilgjengelighet', '/hjelp']) {
      const html = (await get(path, 'nb')).body;
      assert.ok(html.includes(`<a class="ds-link" href="mailto:${OPERATOR.OPERATOR_EMAIL}">${OPERATOR.OPERATOR_EMAIL}</a>`), `${path}: the address`);
      assert.ok(html.includes(translator('nb')('info.operator.notByEmail')), `${path}: and that a concern is not sent by email`);
      assert.ok(!html.includes(translator('nb')('info.operator.noAddress')), `${path}: not the test installation's words`);
    }
    assert.ok((await get('/personvern', 'nb')).body.includes(translator('nb')('info.privacy.controller.named', { operator: OPERATOR.OPERATOR_NAME })));
    assert.ok((await get('/om-tjenesten', 'en')).body.includes(translator('en')('info.operator.named', { operator: OPERATOR.OPERATOR_NAME })));
    assert.ok((await get('/tilgjengelighet', 'nb')).body.includes(`href="${OPERATOR.ACCESSIBILITY_STATEMENT_URL}"`));
  });

  test('the cookies page names the one cookie the portal sets, on a first visit, a language choice and a form step alike', async () => {
    const seen = new Set<string>();
    for (const url of ['/', '/sprak/nn?tilbake=/', '/meld/hvem', '/hjelp', '/kontakt?kommune=1337']) {
      for (const name of cookieNames((await portal.app.inject({ method: 'GET', url })).headers['set-cookie'])) seen.add(name);
    }
    assert.deepEqual([...seen], [SESSION_COOKIE]);
    const first = [(await portal.app.inject({ method: 'GET', url: '/' })).headers['set-cookie'] ?? []].flat()[0]!;
    assert.match(first, /Max-Age=86400/, 'it lasts the 24 hours the page says');
    assert.match(first, /HttpOnly/, 'and no script can read it, as the page says');
    assert.ok((await get('/informasjonskapsler', 'nb')).body.includes(`<code>${SESSION_COOKIE}</code>`));
  });

  test('the storage times the privacy statement and the help page give are the code’s and the configuration’s', async () => {
    // Change one of these and the pages' texts (locales/*/info.json) must change with it.
    assert.equal(DRAFT_TTL_MS, 24 * HOUR_MS, 'unsent answers: 24 hours');
    assert.equal(RECEIPT_TTL_MS, 24 * HOUR_MS, 'the PDF copy: 24 hours');
    assert.equal(NOTICE_CONTACT_RETENTION_DAYS, 365, 'the contact for notices: a year at most');
    assert.equal(AUTH_IDLE_TIMEOUT_MS, 30 * 60 * 1000, 'logged out after 30 minutes');
    const privacy = (await get('/personvern', 'nb')).body;
    assert.ok(privacy.includes(translator('nb')('info.privacy.retention.package', { days: 10 })), 'the ciphertext: PACKAGE_RETENTION_DAYS, as configured');
  });
});
