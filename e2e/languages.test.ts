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
import { testDatabases } from '../test/helpers/databases.ts';
import { startTestPortal, type TestPortal } from '../test/helpers/portal.ts';
import { childAnswers, concernAnswers } from '../test/helpers/journey.ts';
import { teacherAnswers, twoGuardiansAnswers } from '../test/portal/portal-test-utils.ts';
import { checkA11y, launchBrowser, newVisitor } from './helpers/browser.ts';
import { navigation, pathOf } from './helpers/journey.ts';
import { focused, pressKey, tabTo, type Focused } from './helpers/keyboard.ts';
import { STEP_IDS, stepPath } from '../src/portal/journey/steps.ts';

type Answers = Record<string, string | string[]>;

const BROWSER_LOCALE: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB', se: 'se-NO' };

// ---- What every page must be ----

interface PageFacts {
  lang: string;
  title: string;
  h1: string[];
  headingLevels: number[];
  firstFocusable: string;
}

async function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter((h) => !(h as HTMLElement).closest('[hidden]'));
    const focusable = document.querySelector('a[href], button, input, select, textarea');
    return {
      lang: document.documentElement.lang,
      title: document.title,
      h1: Array.from(document.querySelectorAll('h1')).map((h) => (h.textContent ?? '').trim()),
      headingLevels: headings.map((h) => Number(h.tagName[1])),
      firstFocusable: focusable ? `${focusable.tagName.toLowerCase()} ${focusable.getAttribute('href') ?? ''}` : '',
    };
  });
}

/** No sideways scrolling at 320 and 640 CSS px: the full-page screenshot is as wide as the viewport. */
async function checkReflow(page: Page, label: string): Promise<void> {
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  try {
    for (const width of [320, 640]) {
      await page.setViewportSize({ width, height: 700 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${label}: ${overflow} px of horizontal scrolling at ${width} px`);
      const png = await page.screenshot({ fullPage: true });
      assert.equal(png.readUInt32BE(16), width, `${label}: the screenshot at ${width} px is ${png.readUInt32BE(16)} px wide`);
    }
  } finally {
    await page.setViewportSize(original);
  }
}

/** Everything a page must be, in the language under test; `error` for a refused step. */
async function checkPage(page: Page, t: Translate, label: string, options: { error?: boolean; lang?: string; audit?: boolean } = {}): Promise<PageFacts> {
  const facts = await pageFacts(page);
  assert.equal(facts.lang, options.lang ?? t.lang, `${label}: <html lang>`);
  assert.equal(facts.h1.length, 1, `${label}: one h1, not ${facts.h1.length}`);
  const suffix = t('common.titleSuffix');
  const expectedTitle = `${options.error ? `${t('common.errorTitlePrefix')} ` : ''}${facts.h1[0] === suffix ? suffix : `${facts.h1[0]} – ${suffix}`}`;
  // The receipt's h1 sits in a success box; its title is the same words.
  assert.equal(facts.title, expectedTitle, `${label}: the title says the page${options.error ? ' and the error' : ''}`);
  assert.equal(facts.headingLevels[0], 1, `${label}: the first heading is the h1 (${facts.headingLevels.join(',')})`);
  facts.headingLevels.forEach((level, i) => {
    if (i > 0) assert.ok(level <= facts.headingLevels[i - 1]! + 1, `${label}: heading levels jump from h${facts.headingLevels[i - 1]} to h${level}`);
  });
  assert.equal(facts.firstFocusable, 'a #main', `${label}: the skip link comes first`);
  // axe and reflow once per page and language: the same HTML walked another way is not audited again.
  if (options.audit !== false) {
    await checkA11y(page, `${label} (${t.lang})`);
    await checkReflow(page, `${label} (${t.lang})`);
  }
  return facts;
}

// ---- Filling a step: with JavaScript off (Playwright's own input) or with the keyboard alone ----

interface Control {
  id: string;
  name: string;
  type: string;
  value: string;
  tag: string;
}

async function controlsOf(page: Page): Promise<Control[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('#step-form input, #step-form select, #step-form textarea'))
      .filter((el) => (el as HTMLInputElement).type !== 'hidden' && !(el as HTMLElement).closest('[hidden]'))
      .map((el) => ({ id: el.id, name: el.getAttribute('name') ?? '', type: (el as HTMLInputElement).type, value: (el as HTMLInputElement).value, tag: el.tagName.toLowerCase() })),
  );
}

function wants(answers: Answers, control: Control): boolean {
  const answer = answers[control.name];
  if (answer === undefined) return false;
  if (control.type === 'checkbox') return (Array.isArray(answer) ? answer : [answer]).includes(control.value);
  if (control.type === 'radio') return answer === control.value;
  return answer !== '';
}

/**
 * The wanted controls one at a time, in the order the page shows them; the page is read again after
 * each, because an answer can reveal the next question.
 */
async function* wantedControls(page: Page, answers: Answers): AsyncGenerator<Control> {
  const done = new Set<string>();
  for (;;) {
    const control = (await controlsOf(page)).find((c) => wants(answers, c) && !done.has(c.id) && !(c.type === 'radio' && done.has(`radio:${c.name}`)));
    if (!control) return;
    done.add(control.id);
    if (control.type === 'radio') done.add(`radio:${control.name}`);
    yield control;
  }
}

async function fillWithoutScript(page: Page, answers: Answers): Promise<void> {
  for await (const control of wantedControls(page, answers)) {
    const field = page.locator(`[id="${control.id}"]`);
    if (control.type === 'checkbox' || control.type === 'radio') await field.check();
    else if (control.tag === 'select') await field.selectOption(String(answers[control.name]));
    else await field.fill(String(answers[control.name]));
  }
}

const key = (page: Page, name: string) => pressKey(page, name);
/** Tab forward until reached; the walk may pass the end of the page and come round. */
const tabToward = (page: Page, what: string, matches: (f: Focused) => boolean, max = 200) => tabTo(page, what, matches, [], { max, mayLeavePage: true });

async function fillWithKeyboard(page: Page, answers: Answers): Promise<void> {
  for await (const control of wantedControls(page, answers)) {
    if (control.type === 'radio') {
      // Tab enters the group on its first option; the arrows move and choose.
      let f = await tabToward(page, `the group ${control.name}`, (x) => x.name === control.name);
      if (f.value === control.value) f = await key(page, 'Space');
      for (let i = 0; i < 10 && !(f.value === control.value && f.checked); i++) f = await key(page, 'ArrowDown');
      assert.ok(f.value === control.value && f.checked, `${control.name}=${control.value} chosen with the arrows`);
    } else if (control.type === 'checkbox') {
      await tabToward(page, `the box ${control.id}`, (x) => x.id === control.id);
      const f = await key(page, 'Space');
      assert.ok(f.checked, `${control.id} ticked with Space`);
    } else {
      await tabToward(page, `the field ${control.id}`, (x) => x.id === control.id);
      await page.keyboard.type(String(answers[control.name]));
    }
  }
}

/** Presses the step form's own button: by mouse-free click with JS off, by Tab and Enter with the keyboard. */
async function pressContinue(page: Page, keyboard: boolean): Promise<Response> {
  // The barn step starts its form with a hidden copy of this button, the default for Enter.
  if (!keyboard) return navigation(page, () => page.locator('main button[name="action"][value="continue"]:not([hidden])').click());
  await tabToward(page, 'the continue button', (f) => f.tag === 'button' && f.name === 'action' && f.value === 'continue');
  return navigation(page, () => page.keyboard.press('Enter'));
}

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

async function expectAt(page: Page, response: Response, path: string, status = 200): Promise<void> {
  assert.equal(pathOf(page), path, `expected ${path}, got ${page.url()} (${response.status()})`);
  assert.equal(response.status(), status, `status at ${path}`);
}

/** The steps from the municipality to the summary; each refused empty first where it must be. */
async function walkSteps(page: Page, t: Translate, steps: Step[], keyboard: boolean, audit: boolean): Promise<void> {
  for (const [i, step] of steps.entries()) {
    assert.equal(pathOf(page), step.path);
    await checkPage(page, t, step.path, { audit });
    if (step.refusedEmpty) {
      const refused = await pressContinue(page, keyboard);
      await expectAt(page, refused, step.path, 422);
      assert.ok(await page.locator('#error-summary').isVisible(), `${step.path}: an error summary`);
      if (keyboard) {
        assert.equal((await focused(page)).id, 'error-summary', `${step.path}: focus moves to the error summary`);
      }
      await checkPage(page, t, `${step.path} sent empty`, { error: true, audit });
    }
    if (keyboard) await fillWithKeyboard(page, step.answers);
    else await fillWithoutScript(page, step.answers);
    const next = steps[i + 1]?.path ?? '/meld/oppsummering';
    const response = await pressContinue(page, keyboard);
    await expectAt(page, response, next);
  }
}

async function sendFromSummary(page: Page, t: Translate, keyboard: boolean, audit: boolean): Promise<void> {
  await checkPage(page, t, 'the summary', { audit });
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
  const facts = await checkPage(page, t, 'the receipt', { audit });
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
  /** axe and reflow on every page (once per page and language is enough). */
  audit: boolean;
  personIndex: number;
}

/** From the first step to the receipt; every step that must refuse empty is sent empty first. */
async function walkJourney(page: Page, t: Translate, walk: Walk): Promise<void> {
  const { keyboard, audit } = walk;
  const refuseEmpty = async (path: string) => {
    await checkPage(page, t, path, { audit });
    const refused = await pressContinue(page, keyboard);
    await expectAt(page, refused, path, 422);
    if (keyboard) assert.equal((await focused(page)).id, 'error-summary', `${path}: focus moves to the error summary`);
    await checkPage(page, t, `${path} sent empty`, { error: true, audit });
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
  await expectAt(page, response, '/meld/innlogging');
  await checkPage(page, t, 'the login gate', { audit });
  if (keyboard) {
    await tabToward(page, 'the login link', (x) => x.tag === 'a' && x.text === t('journey.login.button'));
    await navigation(page, () => page.keyboard.press('Enter'));
  } else {
    await navigation(page, () => page.locator('main a[href^="/auth/login"]').click());
  }
  await logIn(page, walk.personIndex, keyboard, '/meld/kommune');
  await walkSteps(page, t, walk.journey === 'private' ? PRIVATE_STEPS : PROFESSIONAL_STEPS, keyboard, audit);
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

    test(`${lang}: a neighbour reports with JavaScript off, in the browser's language (every page audited)`, async () => {
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

    test(`${lang}: a teacher reports with the keyboard alone, choosing the language with the switcher (every page audited)`, async () => {
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
