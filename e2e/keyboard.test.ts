// The private journey with the keyboard alone — Tab, Shift+Tab, arrows, Space, Enter and typing; no
// clicks — from the front page through the login to the child step. Every tab stop on the way must
// show where focus is, and the skip link must be the first stop on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { testDatabases } from '../test/kit/databases.ts';
import { startTestPortal, type TestPortal } from '../test/kit/portal.ts';
import { launchBrowser, newVisitor } from '../test/kit/browser/browser.ts';
import { expectPage, navigation } from '../test/kit/browser/journey.ts';
import { focused, pressKey, tabTo, type Focused } from '../test/kit/browser/keyboard.ts';

/** Presses a key and checks that whatever gets focus shows it. */
const press = (page: Page, key: string, visited: string[]) => pressKey(page, key, visited);

const byId = (id: string) => (f: Focused) => f.id === id;
const byText = (tag: string, text: string) => (f: Focused) => f.tag === tag && f.text === text;

/** Pressing Tab first on a fresh page lands on the skip link. */
async function expectSkipLinkFirst(page: Page, visited: string[]): Promise<void> {
  const first = await press(page, 'Tab', visited);
  assert.deepEqual([first.tag, first.text], ['a', 'Hopp til hovedinnholdet'], `the first tab stop on ${new URL(page.url()).pathname} is the skip link`);
}

describe('a reporter who uses only the keyboard', () => {
  let portal: TestPortal;
  let browser: Browser;
  before(async () => {
    [portal, browser] = await Promise.all([startTestPortal(testDatabases()[0]!), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await portal?.close();
  });

  test('goes from the front page through the login to the child step with Tab, arrows, Space and Enter, always seeing focus', async () => {
    const { context, page, problems } = await newVisitor(browser, { baseURL: portal.url });
    const visited: string[] = [];
    try {
      await page.goto('/');

      // The skip link comes first, shows focus, and takes the reporter past the header.
      await expectSkipLinkFirst(page, visited);
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'main', 'the skip link moves focus to the main content');
      const firstInMain = await press(page, 'Tab', visited);
      assert.deepEqual([firstInMain.tag, firstInMain.text], ['a', 'Start meldingen'], 'the next stop is the first link in the main content');
      let response = await navigation(page, () => page.keyboard.press('Enter'));
      await expectPage(page, response, '/meld/hvem');

      // Who are you: Tab into the radio group, Space to choose, Tab to the button, Enter.
      await expectSkipLinkFirst(page, visited);
      let f = await tabTo(page, 'the first reporter type', byId('reporterType'), visited);
      assert.equal(f.checked, false);
      f = await press(page, 'Space', visited);
      assert.deepEqual([f.id, f.checked, f.value], ['reporterType', true, 'private'], 'Space chooses "Privatperson"');
      f = await press(page, 'Tab', visited);
      assert.deepEqual([f.tag, f.text], ['button', 'Fortsett'], 'Tab leaves the radio group for the button');
      response = await navigation(page, () => page.keyboard.press('Enter'));
      await expectPage(page, response, '/meld/kommune');

      // Where the child lives: type and press Enter in the field.
      await expectSkipLinkFirst(page, visited);
      await tabTo(page, 'the municipality field', byId('kommune'), visited);
      await page.keyboard.type('1337');
      response = await navigation(page, () => page.keyboard.press('Enter'));
      await expectPage(page, response, '/meld/innlogging');

      await expectSkipLinkFirst(page, visited);
      await tabTo(page, 'the login link', byText('a', 'Logg inn med ID-porten'), visited);
      response = await navigation(page, () => page.keyboard.press('Enter'));
      assert.match(new URL(page.url()).pathname, /^\/dev\/idporten\//);

      // The ID-porten stand-in: arrow keys move between test persons.
      f = await tabTo(page, 'the first test person', byId('person-0'), visited);
      f = await press(page, 'ArrowDown', visited);
      assert.deepEqual([f.id, f.checked], ['person-1', true], 'ArrowDown chooses the next person');
      await tabTo(page, 'the login button', byText('button', 'Logg inn'), visited);
      response = await navigation(page, () => page.keyboard.press('Enter'));
      await expectPage(page, response, '/meld/barn');
      assert.ok(await page.getByText('Logget inn som Kari Nordmann').isVisible());

      // The child: fields, radio groups with arrows, Shift+Tab back, and Enter to go on.
      await expectSkipLinkFirst(page, visited);
      await tabTo(page, "the child's name", byId('child-0-name'), visited);
      await page.keyboard.type('Ola Åsheim');
      f = await press(page, 'Tab', visited);
      assert.equal(f.id, 'child-0-identification', 'Tab enters the age question');
      await press(page, 'ArrowDown', visited);
      f = await press(page, 'ArrowDown', visited);
      assert.deepEqual([f.id, f.checked, f.value], ['child-0-identification-2', true, 'estimatedAge']);
      await tabTo(page, 'the age field', byId('child-0-estimatedAge'), visited);
      await page.keyboard.type('8');
      await tabTo(page, 'the postcode', byId('child-0-postcode'), visited);
      await page.keyboard.type('1337');
      f = await tabTo(page, '"does the child know"', byId('child-0-informed'), visited);
      f = await press(page, 'ArrowDown', visited);
      assert.deepEqual([f.id, f.checked, f.value], ['child-0-informed-1', true, 'no'], 'ArrowDown chooses "Nei"');
      f = await press(page, 'Tab', visited);
      assert.equal(f.id, 'child-0-notInformedReason');
      await page.keyboard.type('Han er for liten.');
      f = await press(page, 'Shift+Tab', visited);
      assert.deepEqual([f.id, f.checked], ['child-0-informed-1', true], 'Shift+Tab goes back to the chosen answer');
      f = await tabTo(page, 'the age field again', byId('child-0-estimatedAge'), visited, { back: true });
      assert.equal(f.value, '8', 'what was typed is there');

      // Enter in a text field means "Fortsett", not "Legg til et barn til".
      response = await navigation(page, () => page.keyboard.press('Enter'));
      await expectPage(page, response, '/meld/foresatte');
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Foreldre eller andre foresatte');
      await expectSkipLinkFirst(page, visited);
      assert.ok(visited.length > 40, `a real walk: ${visited.length} focus stops checked`);
      assert.deepEqual(problems, [], 'no script errors or CSP violations in the browser');
    } finally {
      await context.close();
    }
  });
});
