// What a reporter does in the browser, step by step, found the way a person finds things: by the
// label they read, the role of the control and its name. Shared by the journey, error and keyboard tests.
import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';
import { checkA11y } from './browser.ts';

export const CANARY = 'E2E-KANARI-5Y3W';

/** Runs something that navigates the page (a click, a key press) and returns the final response. */
export async function navigation(page: Page, trigger: () => Promise<unknown>): Promise<Response> {
  const main = page.mainFrame();
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === main && (r.status() < 300 || r.status() >= 400));
  const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === main });
  await trigger();
  const [final] = await Promise.all([response, committed]);
  await page.waitForLoadState('load');
  return final;
}

/**
 * After "Logg ut" at the IdP, the stand-in (like ID-porten) shows a page that logs the services out
 * in hidden frames (front-channel logout), with a link back to the service. Checks that page and
 * follows the link; any other page is returned as it is.
 */
export async function throughFrontchannelLogout(page: Page, response: Response): Promise<Response> {
  if (!/^\/dev\/[\w-]+\/session\/end\/confirm$/.test(pathOf(page))) return response;
  await checkA11y(page, 'the IdP’s page that logs the services out');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Du er logget ut');
  return navigation(page, () => page.getByRole('link', { name: 'Gå tilbake til tjenesten' }).click());
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Asserts where the reporter is and what the server answered, with the error summary in the message. */
export async function expectPage(page: Page, response: Response, path: string, status = 200): Promise<void> {
  const summary = (await page.locator('#error-summary').count()) ? await page.locator('#error-summary').innerText() : '';
  assert.equal(pathOf(page), path, `expected ${path}, got ${page.url()} (${response.status()}) ${summary}`);
  assert.equal(response.status(), status, `status at ${page.url()}: ${summary}`);
}

/** Goes on from a step with its main button and checks the page it lands on. */
export async function continueTo(page: Page, path: string, button = 'Fortsett'): Promise<void> {
  const response = await navigation(page, () => page.getByRole('button', { name: button, exact: true }).click());
  await expectPage(page, response, path);
}

/** Opens a page by address, asserts the status, and runs axe on it. */
export async function visit(page: Page, path: string, status = 200): Promise<Response> {
  const response = await page.goto(path);
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), status, `status of ${path}`);
  await checkA11y(page, path);
  return response;
}

/** The radio or checkbox with this label inside the fieldset with this legend. */
export function option(scope: Page | Locator, legend: string, label: string): Locator {
  return scope.getByRole('group', { name: legend, exact: true }).getByLabel(label, { exact: true });
}

/** The ID-porten stand-in: pick a test person and log in. */
export async function loginAtIdporten(page: Page, personName: string, landOn: string): Promise<void> {
  assert.match(await page.title(), /ID-porten \(test\)/);
  await checkA11y(page, 'the ID-porten stand-in');
  await page.getByLabel(personName, { exact: true }).check();
  const response = await navigation(page, () => page.getByRole('button', { name: 'Logg inn', exact: true }).click());
  await expectPage(page, response, landOn);
  assert.equal(await page.getByText(`Logget inn som ${personName}`).count(), 1, 'the header names the logged-in person');
}

export interface ChildInput {
  name: string;
  identification: 'fnr' | 'birthDate' | 'estimatedAge';
  value: string;
  street: string;
  postcode: string;
  city?: string;
  informed: 'Ja' | 'Nei';
  notInformedReason?: string;
}

const IDENTIFICATION = {
  fnr: ['Jeg vet fødselsnummeret', 'Fødselsnummer (11 siffer)'],
  birthDate: ['Jeg vet fødselsdatoen', 'Fødselsdato'],
  estimatedAge: ['Jeg vet omtrent hvor gammelt barnet er', 'Omtrentlig alder i år'],
} as const;

/** Fills one child's card ("Barn 1", "Barn 2", …). */
export async function fillChild(page: Page, number: number, child: ChildInput): Promise<void> {
  const card = page.getByRole('region', { name: `Barn ${number}`, exact: true });
  await card.getByLabel('Barnets navn').fill(child.name);
  const [choice, field] = IDENTIFICATION[child.identification];
  await option(card, 'Hva vet du om barnets alder?', choice).check();
  await card.getByLabel(field, { exact: true }).fill(child.value);
  await card.getByLabel('Gateadresse').fill(child.street);
  await card.getByLabel('Postnummer').fill(child.postcode);
  if (child.city !== undefined) await card.getByLabel('Poststed').fill(child.city);
  await option(card, 'Vet barnet at du melder?', child.informed).check();
  if (child.notInformedReason !== undefined) await card.getByLabel('Hvorfor vet ikke barnet om meldingen?').fill(child.notInformedReason);
}

export interface GuardianInput {
  name: string;
  phone?: string;
  informed: 'Ja' | 'Nei';
  notInformedReason?: string;
}

export async function fillGuardian(page: Page, number: number, guardian: GuardianInput): Promise<void> {
  const card = page.getByRole('region', { name: `Foresatt ${number}`, exact: true });
  await card.getByLabel('Navn', { exact: true }).fill(guardian.name);
  if (guardian.phone !== undefined) await card.getByLabel('Telefonnummer (valgfritt)').fill(guardian.phone);
  await option(card, 'Vet denne personen at du melder?', guardian.informed).check();
  if (guardian.notInformedReason !== undefined) await card.getByLabel('Hvorfor vet ikke denne personen om meldingen?').fill(guardian.notInformedReason);
}

export interface ConcernInput {
  categories: string[];
  urgent: boolean;
  whatHappened: string;
  history?: string;
  interpreter: 'Ja' | 'Nei' | 'Vet ikke';
  otherAgencies?: string;
}

export async function fillConcern(page: Page, concern: ConcernInput): Promise<void> {
  for (const category of concern.categories) await page.getByLabel(category, { exact: true }).check();
  await option(page, 'Haster det?', concern.urgent ? 'Ja, barnet trenger hjelp nå eller i løpet av få dager' : 'Nei, det haster ikke').check();
  await page.getByLabel('Hva har skjedd, og hva har du sett eller hørt?').fill(concern.whatHappened);
  if (concern.history !== undefined) await page.getByLabel('Hvor lenge har du vært bekymret? (valgfritt)').fill(concern.history);
  await option(page, 'Trenger barnet eller familien tolk?', concern.interpreter).check();
  if (concern.otherAgencies !== undefined) await page.getByLabel('Har barnet eller familien kontakt med andre hjelpere? (valgfritt)').fill(concern.otherAgencies);
}

export interface TeacherInput {
  role: string;
  employer: string;
  orgnr: string;
  street: string;
  postcode: string;
  workPhone: string;
  email: string;
}

export const TEACHER: TeacherInput = {
  role: 'Kontaktlærer',
  employer: 'Frogner skole',
  orgnr: '974760673',
  street: 'Frognerveien 40',
  postcode: '0266',
  workPhone: '22 00 00 00',
  email: 'kontaktlaerer@osloskolen.no',
};

export async function fillTeacher(page: Page, teacher: TeacherInput): Promise<void> {
  await page.getByLabel('Stillingen din').fill(teacher.role);
  await page.getByLabel('Arbeidsgiver', { exact: true }).fill(teacher.employer);
  await page.getByLabel('Organisasjonsnummer (valgfritt)').fill(teacher.orgnr);
  const address = page.getByRole('group', { name: 'Arbeidsstedets adresse (valgfritt)' });
  await address.getByLabel('Gateadresse').fill(teacher.street);
  await address.getByLabel('Postnummer').fill(teacher.postcode);
  await page.getByLabel('Telefonnummer på jobb').fill(teacher.workPhone);
  await page.getByLabel('E-post på jobb').fill(teacher.email);
}

/** dd.mm.yyyy for a day `daysFromToday` away, in Norwegian time. */
export function norwegianDate(daysFromToday: number): string {
  const day = new Date(Date.now() + daysFromToday * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Oslo' }).format(day);
}

/**
 * A failed step: the server answered 422, the title starts with "Feil:", the error summary is shown
 * with a link per problem, every link points at a field that exists (and is marked invalid), the
 * messages are the ones given, and axe is clean on the error state. Returns the linked field ids.
 */
export async function expectErrorSummary(
  page: Page,
  response: Response,
  label: string,
  expected: Record<string, string | RegExp>,
): Promise<string[]> {
  assert.equal(response.status(), 422, `${label}: a failed step answers 422`);
  assert.match(await page.title(), /^Feil: /, `${label}: the title starts with "Feil:"`);
  const summary = page.locator('#error-summary');
  assert.ok(await summary.isVisible(), `${label}: the error summary is shown`);
  assert.equal(await summary.getByRole('heading', { name: 'Du må rette dette før du kan gå videre:' }).count(), 1);
  const links = await summary.getByRole('link').all();
  const found: Record<string, string> = {};
  for (const link of links) {
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, /^#./, `${label}: summary links are in-page links`);
    const id = decodeURIComponent(href.slice(1));
    const target = page.locator(`[id="${id}"]`);
    assert.equal(await target.count(), 1, `${label}: the summary link ${href} has exactly one target`);
    const tag = await target.evaluate((el) => el.tagName.toLowerCase());
    assert.ok(['input', 'textarea', 'select'].includes(tag), `${label}: ${href} points at a form field, not a ${tag}`);
    assert.equal(await target.getAttribute('aria-invalid'), 'true', `${label}: #${id} is marked invalid`);
    found[id] = (await link.innerText()).trim();
  }
  assert.deepEqual(Object.keys(found).sort(), Object.keys(expected).sort(), `${label}: the fields in the error summary`);
  // Problems are listed in the order the fields come in the page, so the list reads like the form.
  const pageOrder = await page.evaluate((ids) => {
    const fields = Array.from(document.querySelectorAll('main [id]'), (el) => el.id);
    return [...ids].sort((a, b) => fields.indexOf(a) - fields.indexOf(b));
  }, Object.keys(found));
  assert.deepEqual(Object.keys(found), pageOrder, `${label}: the error summary follows the order of the fields`);
  for (const [id, message] of Object.entries(expected)) {
    if (typeof message === 'string') assert.equal(found[id], message, `${label}: message for #${id}`);
    else assert.match(found[id]!, message, `${label}: message for #${id}`);
  }
  await checkA11y(page, `${label} (error state)`);
  return Object.keys(found);
}

/** The id of the focused element (or the tag name when it has none). */
export async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? el.id || el.tagName.toLowerCase() : '';
  });
}

/**
 * Whether the focused element shows a focus indicator: an outline or box-shadow on itself, or —
 * for Designsystemet radios and checkboxes, which draw the ring around the whole option — on its
 * `.ds-field` wrapper, or for a file input on its label.
 */
export async function focusIndicator(page: Page): Promise<{ element: string; visible: boolean; style: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { element: 'body', visible: false, style: '' };
    const candidates: Element[] = [el];
    if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
      const field = el.closest('.ds-field');
      if (field) candidates.push(field);
    }
    // A file input hidden behind its label (the attachment step's button in the page's language)
    // shows its focus on that label, the button a person sees.
    if (el instanceof HTMLInputElement && el.type === 'file') candidates.push(...Array.from(el.labels ?? []));
    const styles = candidates.map((c) => {
      const s = getComputedStyle(c);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
      return { outline, shadow, text: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}` };
    });
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.textContent?.trim() ? ` "${el.textContent.trim().slice(0, 40)}"` : ''}`;
    return { element: name, visible: styles.some((s) => s.outline || s.shadow), style: styles.map((s) => s.text).join(' | ') };
  });
}

/** Fills the private journey for a child in Bærum up to the summary, logging in on the way if needed. */
export async function fillPrivateReportInBrowser(page: Page, reporter: string, whatHappened: string, loggedIn: boolean): Promise<void> {
  await fillPrivateReportUpTo(page, reporter, '/meld/oppsummering', { whatHappened, loggedIn });
}

/** The same journey, stopping on the step at `stopAt` (one of the steps' paths). */
export async function fillPrivateReportUpTo(
  page: Page,
  reporter: string,
  stopAt: string,
  options: { whatHappened?: string; loggedIn?: boolean } = {},
): Promise<void> {
  await visit(page, '/meld/hvem');
  await option(page, 'Hvem er du?', 'Privatperson').check();
  await continueTo(page, '/meld/kommune');
  if (stopAt === '/meld/kommune') return;
  await page.getByLabel('Kommune eller postnummer der barnet bor').fill('1337');
  if (options.loggedIn) {
    await continueTo(page, '/meld/barn');
  } else {
    await continueTo(page, '/meld/innlogging');
    await navigation(page, () => page.getByRole('link', { name: 'Logg inn med ID-porten' }).click());
    await loginAtIdporten(page, reporter, '/meld/barn');
  }
  const steps: [string, () => Promise<void>][] = [
    ['/meld/barn', () => fillChild(page, 1, { name: 'Ola Åsheim', identification: 'estimatedAge', value: '8', street: 'Storgata 1', postcode: '1337', informed: 'Ja' })],
    ['/meld/foresatte', () => fillGuardian(page, 1, { name: 'Per Åsheim', phone: '912 34 567', informed: 'Ja' })],
    [
      '/meld/bekymring',
      () => fillConcern(page, { categories: ['Barnet får ikke nok mat, klær, søvn, stell eller tilsyn'], urgent: false, whatHappened: options.whatHappened ?? 'Jeg hører roping og gråt.', history: 'Siden i sommer.', interpreter: 'Nei' }),
    ],
    [
      '/meld/melder',
      async () => {
        await page.getByLabel('Telefonnummeret ditt').fill('98765432');
        await page.getByLabel('Hvordan kjenner du barnet?').fill('Nabo');
      },
    ],
    ['/meld/vedlegg', async () => {}],
  ];
  for (const [index, [path, fill]] of steps.entries()) {
    if (path === stopAt) return;
    await fill();
    await continueTo(page, steps[index + 1]?.[0] ?? '/meld/oppsummering');
  }
}

/** As fillPrivateReportInBrowser, then sends; returns the reference on the receipt. */
export async function sendInBrowser(page: Page, reporter: string, whatHappened: string, loggedIn: boolean): Promise<string> {
  await fillPrivateReportInBrowser(page, reporter, whatHappened, loggedIn);
  await navigation(page, () => page.getByRole('button', { name: 'Send meldingen' }).click());
  assert.match(new URL(page.url()).pathname, /^\/meld\/kvittering\/BM-/);
  return /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(new URL(page.url()).pathname)![0];
}
