// Both journeys in bokmål, nynorsk and English, in Debian's Chromium, each with JavaScript off and with
// the keyboard alone (no mouse events). Every step is first sent empty (where empty is wrong) and then
// answered; on every page and error state: the page's language, a title that says the step and the
// error, headings in order, the skip link first; and once per page and language, axe with the WCAG 2.2
// A/AA tags and no horizontal scrolling at 320 px (400 % zoom of a 1280 px screen) or 640 px (200 %),
// proven by a full-page screenshot exactly as wide as the viewport. The start pages in
// Northern Sámi too. Nothing here finds things by their Norwegian text: fields by name, texts from
// the locale files of the language under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { translator, type Language, type Translate } from '../src/web/i18n.ts';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { childAnswers, concernAnswers } from '../test/kit/journey.ts';
import { teacherAnswers, twoGuardiansAnswers } from '../test/kit/portal-visitors.ts';
import { launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { navigation, pathOf } from '../test/kit/browser/journey.ts';
import { focused } from '../test/kit/browser/keyboard.ts';
import { BROWSER_LOCALE, checkPage, expectAt, fillWithKeyboard, fillWithoutScript, key, pageFacts, pressContinue, tabToward, type Answers } from '../test/kit/browser/page-checks.ts';
import { STEP_IDS, stepPath } from '../src/portal/journey/steps.ts';

// ---- The journeys ----

interface Step {
  path: string;
  answers: Answers;
  /** Sent empty first: refused with an error summary. */
  refusedEmpty: boolean;
}

const PRIVATE_STEPS: Step[] = [
  { path: '/meld/kommune', answers: { kommune: '1337' }, refusedEmpty: true },
  { path: '/meld/barn', answers: childAnswers(), refusedEmpty: true },
  { path: '/meld/foresatte', answers: { 'guardian-0-name': 'Per Åsheim', 'guardian-0-phone': '91234567', 'guardian-0-informed': 'yes' }, refusedEmpty: false },
  { path: '/meld/bekymring', answers: concernAnswers(), refusedEmpty: true },
  { path: '/meld/melder', answers: { phone: '98765432', relationToChild: 'Nabo' }, refusedEmpty: true },
  { path: '/meld/vedlegg', answers: {}, refusedEmpty: false },
];

const childWithBirthDate = (): Answers =>
  childAnswers({ 'child-0-name': 'Sara Hansen', 'child-0-identification': 'birthDate', 'child-0-birthDate': `14.03.${new Date().getUTCFullYear() - 9}`, 'child-0-estimatedAge': '', 'child-0-informed': 'yes', 'child-0-notInformedReason': '' });

const PROFESSIONAL_STEPS: Step[] = [
  { path: '/meld/kommune', answers: { kommune: 'Oslo' }, refusedEmpty: true },
  { path: '/meld/bydel', answers: { bydel: '05' }, refusedEmpty: true },
  { path: '/meld/barn', answers: childWithBirthDate(), refusedEmpty: true },
  { path: '/meld/foresatte', answers: twoGuardiansAnswers(), refusedEmpty: false },
  { path: '/meld/bekymring', answers: concernAnswers({ urgency: 'urgent', otherAgencies: 'Helsesykepleier på skolen.' }), refusedEmpty: true },
  { path: '/meld/melder', answers: teacherAnswers(), refusedEmpty: true },
  { path: '/meld/vedlegg', answers: {}, refusedEmpty: false },
];

/** Whether a page (or its error state) is audited here: axe and reflow. */
type AuditChoice = (label: string) => boolean;

/** The pages whose content depends on who reports: audited in both journeys. */
const JOURNEY_SPECIFIC = ['/meld/melder', 'the summary', 'the receipt'];
/** The pages app.js changes (the live character count, the file chooser): audited with and without it. */
const SCRIPTED = ['/meld/bekymring', '/meld/vedlegg'];

/**
 * axe and reflow once per page and language: the audited professional walk (keyboard, JavaScript on)
 * audits only what the audited private walk (JavaScript off) has not: the duty helper, the district,
 * the pages that depend on who reports and the pages the script changes. Keyed by what the page is,
 * not by the way it was reached.
 */
function auditOncePerLanguage(lang: Language, journey: Walk['journey'], scripted: boolean): AuditChoice {
  return (label) => {
    const by = (pages: string[], variant: string) => (pages.some((p) => label.startsWith(p)) ? `${variant} ` : '');
    const key = `${lang} ${by(JOURNEY_SPECIFIC, journey)}${by(SCRIPTED, scripted ? 'script' : 'no-script')}${label}`;
    if (auditedPages.has(key)) return false;
    auditedPages.add(key);
    return true;
  };
}
const auditedPages = new Set<string>();
const NO_AUDIT: AuditChoice = () => false;

/** The steps from the municipality to the summary; each refused empty first where it must be. */
async function walkSteps(page: Page, t: Translate, steps: Step[], keyboard: boolean, audit: AuditChoice, after = '/meld/oppsummering'): Promise<void> {
  for (const [i, step] of steps.entries()) {
    assert.equal(pathOf(page), step.path);
    await checkPage(page, t, step.path, { audit: audit(step.path) });
    if (step.refusedEmpty) {
      const refused = await pressContinue(page, keyboard);
      await expectAt(page, refused, step.path, 422);
      assert.ok(await page.locator('#error-summary').isVisible(), `${step.path}: an error summary`);
      if (keyboard) {
        assert.equal((await focused(page)).id, 'error-summary', `${step.path}: focus moves to the error summary`);
      }
      await checkPage(page, t, `${step.path} sent empty`, { error: true, audit: audit(`${step.path} sent empty`) });
    }
    if (keyboard) await fillWithKeyboard(page, step.answers);
    else await fillWithoutScript(page, step.answers);
    const next = steps[i + 1]?.path ?? after;
    const response = await pressContinue(page, keyboard);
    await expectAt(page, response, next);
  }
}

async function sendFromSummary(page: Page, t: Translate, keyboard: boolean, audit: AuditChoice): Promise<void> {
  await checkPage(page, t, 'the summary', { audit: audit('the summary') });
  const send = page.locator('form[action="/meld/send"] button[type="submit"]');
  let response: Response;
  if (keyboard) {
    const label = (await send.innerText()).trim();
    await tabToward(page, 'the send button', (f) => f.tag === 'button' && f.text === label, 200);
    response = await navigation(page, () => page.keyboard.press('Enter'));
  } else {
    response = await navigation(page, () => send.click());
  }
  assert.match(pathOf(page), /^\/meld\/kvittering\/BM-/);
  assert.equal(response.status(), 200);
  const facts = await checkPage(page, t, 'the receipt', { audit: audit('the receipt') });
  assert.equal(facts.h1[0], t('journey.kvittering.title'));
}

/** The ID-porten stand-in (bokmål: it is not ours), by the chosen means. */
async function logIn(page: Page, personIndex: number, keyboard: boolean, landOn: string): Promise<void> {
  assert.match(pathOf(page), /^\/dev\/idporten\//);
  let response: Response;
  if (keyboard) {
    await tabToward(page, 'the first test person', (f) => f.id === 'person-0');
    for (let i = 0; i < personIndex; i++) await key(page, 'ArrowDown');
    assert.equal((await focused(page)).id, `person-${personIndex}`);
    await tabToward(page, 'the login button', (f) => f.tag === 'button' && f.type === 'submit');
    response = await navigation(page, () => page.keyboard.press('Enter'));
  } else {
    await page.locator(`#person-${personIndex}`).check();
    response = await navigation(page, () => page.locator('form button[type="submit"]').first().click());
  }
  await expectAt(page, response, landOn);
}

interface Walk {
  journey: 'private' | 'professional';
  keyboard: boolean;
  /** axe and reflow on the pages this language has not had audited yet. */
  audit: boolean;
  personIndex: number;
}

/** From the first step to the receipt; every step that must refuse empty is sent empty first. */
async function walkJourney(page: Page, t: Translate, walk: Walk): Promise<void> {
  const { keyboard } = walk;
  // The keyboard walks run with JavaScript on, the others with it off.
  const audit = walk.audit ? auditOncePerLanguage(t.lang, walk.journey, keyboard) : NO_AUDIT;
  const refuseEmpty = async (path: string) => {
    await checkPage(page, t, path, { audit: audit(path) });
    const refused = await pressContinue(page, keyboard);
    await expectAt(page, refused, path, 422);
    if (keyboard) assert.equal((await focused(page)).id, 'error-summary', `${path}: focus moves to the error summary`);
    await checkPage(page, t, `${path} sent empty`, { error: true, audit: audit(`${path} sent empty`) });
  };
  const answer = (answers: Answers) => (keyboard ? fillWithKeyboard(page, answers) : fillWithoutScript(page, answers));

  assert.equal(pathOf(page), '/meld/hvem');
  await refuseEmpty('/meld/hvem');
  await answer({ reporterType: walk.journey });
  let response = await pressContinue(page, keyboard);
  if (walk.journey === 'professional') {
    await expectAt(page, response, '/meld/meldeplikt');
    await refuseEmpty('/meld/meldeplikt');
    await answer({ grounds: ['seriousNeglect'] });
    response = await pressContinue(page, keyboard);
  }
  await expectAt(page, response, '/meld/kommune');
  // Where the child lives comes before the login; the steps with personal data after it.
  const steps = walk.journey === 'private' ? PRIVATE_STEPS : PROFESSIONAL_STEPS;
  const firstAfterLogin = steps.findIndex((s) => s.path === '/meld/barn');
  await walkSteps(page, t, steps.slice(0, firstAfterLogin), keyboard, audit, '/meld/innlogging');
  await checkPage(page, t, 'the login gate', { audit: audit('the login gate') });
  if (keyboard) {
    await tabToward(page, 'the login link', (x) => x.tag === 'a' && x.text === t('journey.login.button'));
    await navigation(page, () => page.keyboard.press('Enter'));
  } else {
    await navigation(page, () => page.locator('main a[href^="/auth/login"]').click());
  }
  await logIn(page, walk.personIndex, keyboard, '/meld/barn');
  await walkSteps(page, t, steps.slice(firstAfterLogin), keyboard, audit);
  await sendFromSummary(page, t, keyboard, audit);
}

const LANGUAGES: Language[] = ['nb', 'nn', 'en'];

describe('both journeys in every language, accessible, without JavaScript and by keyboard alone', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  for (const [index, lang] of LANGUAGES.entries()) {
    const t = translator(lang);

    test(`${lang}: a neighbour reports with JavaScript off, in the browser's language (every page audited once per language)`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE[lang] });
      try {
        const response = (await page.goto('/'))!;
        assert.equal(response.status(), 200);
        assert.equal((await checkPage(page, t, 'the start page')).h1[0], t('start.title'));
        await expectAt(page, await navigation(page, () => page.locator('main a[href="/meld/hvem"]').click()), '/meld/hvem');
        await walkJourney(page, t, { journey: 'private', keyboard: false, audit: true, personIndex: index });
        // The pages outside the form, in the same language: the reporter's own list, the contact
        // search with each of its answers, a missing page, a login that cannot be completed.
        const others: [string, number, string, boolean][] = [
          ['/mine-meldinger', 200, 'my reports', false],
          ['/kontakt', 200, 'the contact search', false],
          ['/kontakt?kommune=1337', 200, 'a service’s contact details', false],
          ['/kontakt?kommune=L%C3%B8renskog', 200, 'a municipality not connected', false],
          ['/kontakt?kommune=Atlantis', 422, 'an unknown municipality', true],
          ['/finnes-ikke', 404, 'a missing page', false],
          ['/auth/callback?code=stolen&state=guessed', 400, 'a login that cannot be completed', false],
        ];
        for (const [path, status, label, error] of others) {
          const answer = await page.goto(path);
          assert.equal(answer!.status(), status, `${label}: status`);
          await checkPage(page, t, label, { error });
        }
        // The browser reports the refused login's 400 as a failed load; that one is expected.
        assert.deepEqual(problems.filter((p) => !p.includes('/auth/callback?code=stolen')), []);
      } finally {
        await context.close();
      }
    });

    test(`${lang}: a teacher reports with the keyboard alone, choosing the language with the switcher (every page audited once per language)`, async () => {
      const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, locale: 'de-DE' });
      try {
        await page.goto('/');
        // The header's link goes down to the switcher; Enter on a language chooses it.
        const first = await key(page, 'Tab');
        assert.equal(first.text, translator('nb')('common.skipLink'), 'the skip link is the first stop');
        await tabToward(page, 'the language link', (x) => x.tag === 'a' && x.text.startsWith(translator('nb')('common.language.heading')));
        await page.keyboard.press('Enter');
        assert.equal((await focused(page)).id, 'sprakvalg', 'focus moves to the switcher');
        if (lang !== 'nb') {
          await tabToward(page, `the ${lang} link`, (x) => x.tag === 'a' && x.text === t('common.language.endonym'));
          await expectAt(page, await navigation(page, () => page.keyboard.press('Enter')), '/');
        }
        assert.equal((await pageFacts(page)).lang, lang);
        await tabToward(page, 'the start link', (x) => x.tag === 'a' && x.text === t('start.start'));
        await expectAt(page, await navigation(page, () => page.keyboard.press('Enter')), '/meld/hvem');
        await walkJourney(page, t, { journey: 'professional', keyboard: true, audit: true, personIndex: index + 1 });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    // The same pages walked the other way round: operable, in the language, with the right titles.
    for (const walk of [
      { journey: 'private', keyboard: true, audit: false, personIndex: index + 2, how: 'with the keyboard alone' },
      { journey: 'professional', keyboard: false, audit: false, personIndex: index, how: 'with JavaScript off' },
    ] as const) {
      test(`${lang}: the ${walk.journey} journey ${walk.how}`, async () => {
        const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, locale: BROWSER_LOCALE[lang], javaScriptEnabled: walk.keyboard });
        try {
          await page.goto('/meld/hvem');
          await walkJourney(page, t, walk);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('se: the start and contact pages in Northern Sámi, accessible and reflowing; a form page says so in Sámi', async () => {
    const t = translator('se');
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url, javaScriptEnabled: false, locale: BROWSER_LOCALE.se });
    try {
      await page.goto('/');
      assert.equal((await checkPage(page, t, 'the start page')).h1[0], t('start.title'));
      await page.goto('/kontakt?kommune=Kautokeino');
      await checkPage(page, t, 'the contact page');
      const notFound = await page.goto('/finnes-ikke');
      assert.equal(notFound!.status(), 404);
      await checkPage(page, t, 'a missing page');
      await page.goto('/meld/hvem');
      await checkPage(page, translator('nb'), 'a form page', { lang: 'nb' });
      assert.equal(await page.locator('main [lang="se"]').first().innerText(), t('common.language.notTranslated'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('every step of the journey is walked here', () => {
    // A step added to the journey must be added to the walks above, or this fails.
    const walked = new Set(['/meld/hvem', '/meld/meldeplikt', ...PRIVATE_STEPS.map((s) => s.path), ...PROFESSIONAL_STEPS.map((s) => s.path), '/meld/oppsummering']);
    assert.deepEqual(STEP_IDS.map(stepPath).filter((p) => !walked.has(p)), []);
  });
});
