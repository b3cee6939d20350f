// What every page of the portal must be in the language it is read in (its lang, a title that says the
// page and the error, headings in order, the skip link first, axe and reflow), and filling a step by
// field names, with JavaScript off or with the keyboard alone. Shared by the language journeys and
// the error states every language must handle.
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import type { Language, Translate } from '../../../src/web/i18n.ts';
import { checkA11y } from './browser.ts';
import { navigation, pathOf } from './journey.ts';
import { focused, pressKey, tabTo, type Focused } from './keyboard.ts';

export type Answers = Record<string, string | string[]>;

/** The browser locale whose Accept-Language picks each language on a first visit. */
export const BROWSER_LOCALE: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB', se: 'se-NO' };

// ---- What every page must be ----

export interface PageFacts {
  lang: string;
  title: string;
  h1: string[];
  headingLevels: number[];
  firstFocusable: string;
}

export async function pageFacts(page: Page): Promise<PageFacts> {
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
export async function checkReflow(page: Page, label: string): Promise<void> {
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
export async function checkPage(page: Page, t: Translate, label: string, options: { error?: boolean; lang?: string; audit?: boolean } = {}): Promise<PageFacts> {
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

export async function fillWithoutScript(page: Page, answers: Answers): Promise<void> {
  for await (const control of wantedControls(page, answers)) {
    const field = page.locator(`[id="${control.id}"]`);
    if (control.type === 'checkbox' || control.type === 'radio') await field.check();
    else if (control.tag === 'select') await field.selectOption(String(answers[control.name]));
    else await field.fill(String(answers[control.name]));
  }
}

export const key = (page: Page, name: string) => pressKey(page, name);
/** Tab forward until reached; the walk may pass the end of the page and come round. */
export const tabToward = (page: Page, what: string, matches: (f: Focused) => boolean, max = 200) => tabTo(page, what, matches, [], { max, mayLeavePage: true });

export async function fillWithKeyboard(page: Page, answers: Answers): Promise<void> {
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
export async function pressContinue(page: Page, keyboard: boolean): Promise<Response> {
  // The barn step starts its form with a hidden copy of this button, the default for Enter.
  if (!keyboard) return navigation(page, () => page.locator('main button[name="action"][value="continue"]:not([hidden])').click());
  await tabToward(page, 'the continue button', (f) => f.tag === 'button' && f.name === 'action' && f.value === 'continue');
  return navigation(page, () => page.keyboard.press('Enter'));
}

export async function expectAt(page: Page, response: Response, path: string, status = 200): Promise<void> {
  assert.equal(pathOf(page), path, `expected ${path}, got ${page.url()} (${response.status()})`);
  assert.equal(response.status(), status, `status at ${path}`);
}
