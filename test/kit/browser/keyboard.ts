// The keyboard alone: key presses that must leave a visible focus wherever they land, and Tab until
// a control is reached. Shared by the keyboard runs of the portal and of mottak.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { focusIndicator } from './journey.ts';

/** The focused element as the keyboard tests read it. */
export interface Focused {
  id: string;
  name: string;
  tag: string;
  type: string;
  text: string;
  value: string;
  checked: boolean;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      text: (el?.textContent ?? '').trim(),
      value: el && 'value' in el ? String(el.value) : '',
      checked: Boolean(el?.checked),
    };
  });
}

/**
 * Presses a key and checks that whatever has focus afterwards shows it. Past the last control, Tab
 * leaves the page (the body has focus) before it comes round to the first: allowed where asked.
 */
export async function pressKey(page: Page, key: string, visited: string[] = [], options: { mayLeavePage?: boolean } = {}): Promise<Focused> {
  await page.keyboard.press(key);
  const indicator = await focusIndicator(page);
  visited.push(indicator.element);
  if (options.mayLeavePage && indicator.element === 'body') return focused(page);
  assert.ok(indicator.visible, `after ${key} on ${new URL(page.url()).pathname}, focus on ${indicator.element} is not visible (${indicator.style})`);
  return focused(page);
}

/** Tabs (or shift-tabs) until the focused element matches, failing after `max` stops. */
export async function tabTo(page: Page, what: string, matches: (f: Focused) => boolean, visited: string[] = [], options: { back?: boolean; max?: number; mayLeavePage?: boolean } = {}): Promise<Focused> {
  const start = visited.length;
  const key = options.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.max ?? 60); i++) {
    const f = await pressKey(page, key, visited, { mayLeavePage: options.mayLeavePage });
    if (matches(f)) return f;
  }
  assert.fail(`${what} not reached by ${key} on ${page.url()}; stops: ${visited.slice(start).join(', ')}`);
}
