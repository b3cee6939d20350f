// Shared by the portal's HTTP-level tests: a professional reporter's answers and walk, opening a
// stored package as the receiving service would, and the checks every error response must pass.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { unzipSync, strFromU8 } from 'fflate';
import { HttpClient, type HttpResponse } from './http-client.ts';
import { decodeEntities } from './http-client.ts';
import { concernAnswers, walkPrivateJourneyToSummary } from './journey.ts';
import type { TestPortal } from './portal.ts';
import { firstNationalId } from '../domain/national-id-helpers.ts';
import { DeliveryClient } from '../../src/mottak/receiver/delivery-client.ts';
import type { ReportStatus } from '../../src/domain/delivery/status.ts';
import { waitFor } from './wait.ts';

/** A child's fødselsnummer (synthetic Tenor range), valid today for a ten-year-old. */
export const CHILD_FNR = firstNationalId(`${new Date().getUTCFullYear() - 10}-03-14`, 500, 'tenor');

/** A valid organisation number (mod 11) for the school. */
export const SCHOOL_ORGNR = '974760673';

export function expectPage(response: HttpResponse, path: string, status = 200): void {
  assert.equal(new URL(response.url).pathname, path, `expected ${path}, got ${response.url} (${response.status})`);
  assert.equal(response.status, status, `status at ${response.url}: ${errorSummaryText(response.text)}`);
}

/** The error summary's messages, for assertion messages. */
export function errorSummaryText(html: string): string {
  const summary = /<div class="ds-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) => decodeEntities(m[1]!)).join(' | ');
}

/** Two siblings: one with an fnr, one with a birth date. */
export function twoChildrenAnswers(overrides: Record<string, string> = {}): Record<string, string> {
  const year = new Date().getUTCFullYear();
  return {
    childCount: '2',
    'child-0-name': 'Nora Bakke',
    'child-0-identification': 'fnr',
    'child-0-fnr': CHILD_FNR,
    'child-0-addressLine1': 'Bygdøy allé 10',
    'child-0-postcode': '0262',
    'child-0-city': '',
    'child-0-informed': 'yes',
    'child-0-notInformedReason': '',
    'child-1-name': 'Emil Bakke',
    'child-1-identification': 'birthDate',
    'child-1-birthDate': `02.05.${year - 6}`,
    'child-1-addressLine1': 'Bygdøy allé 10',
    'child-1-postcode': '0262',
    'child-1-city': 'Oslo',
    'child-1-informed': 'no',
    'child-1-notInformedReason': 'Han er for liten.',
    ...overrides,
  };
}

export function twoGuardiansAnswers(): Record<string, string> {
  return {
    'guardian-0-name': 'Hanne Bakke',
    'guardian-0-phone': '91234567',
    'guardian-0-informed': 'yes',
    'guardian-0-notInformedReason': '',
    'guardian-1-name': 'Jon Bakke',
    'guardian-1-phone': '',
    'guardian-1-informed': 'no',
    'guardian-1-notInformedReason': 'Han bor ikke med barna og er ikke å få tak i.',
  };
}

export function teacherAnswers(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    role: 'Kontaktlærer',
    employerName: 'Frogner skole',
    employerOrgnr: SCHOOL_ORGNR,
    'employer-addressLine1': 'Frognerveien 40',
    'employer-postcode': '0266',
    'employer-city': '',
    workPhone: '22 00 00 00',
    email: 'kontaktlaerer@osloskolen.no',
    ...overrides,
  };
}

export function consentAnswers(): Record<string, string> {
  const d = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
  return {
    parentsConsented: 'true',
    childOver15: 'notApplicable',
    consentDate: `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`,
    howRecorded: 'Samtale med begge foreldrene på skolen, notat i elevmappen.',
  };
}

export interface ProfessionalWalk {
  grounds: string[];
  kommune?: string;
  /** A district number, 'unknown', or undefined for a municipality without districts. */
  bydel?: string;
  personIndex?: number;
  /** Given on the reporter step when the duty is not triggered. */
  consent?: boolean;
}

/** A teacher reports about two siblings, up to (and showing) the reporter step. */
export async function walkProfessionalJourneyToReporterStep(client: HttpClient, walk: ProfessionalWalk): Promise<HttpResponse> {
  let page = await client.getFollow('/meld/hvem');
  expectPage(page, '/meld/hvem');
  page = await client.submit(page, '/meld/hvem', { reporterType: 'professional' });
  expectPage(page, '/meld/meldeplikt');
  page = await client.submit(page, '/meld/meldeplikt', { grounds: walk.grounds });
  expectPage(page, '/meld/kommune');
  page = await client.submit(page, '/meld/kommune', { kommune: walk.kommune ?? 'Oslo' });
  if (walk.bydel !== undefined) {
    expectPage(page, '/meld/bydel');
    page = await client.submit(page, '/meld/bydel', { bydel: walk.bydel });
  }
  expectPage(page, '/meld/innlogging');
  page = await client.login('/meld/barn', walk.personIndex ?? 0);
  expectPage(page, '/meld/barn');
  page = await client.submit(page, '/meld/barn', { ...twoChildrenAnswers(), action: 'continue' });
  expectPage(page, '/meld/foresatte');
  page = await client.submit(page, '/meld/foresatte', twoGuardiansAnswers());
  expectPage(page, '/meld/bekymring');
  page = await client.submit(page, '/meld/bekymring', concernAnswers({ otherAgencies: 'Helsesykepleier på skolen.' }));
  expectPage(page, '/meld/melder');
  return page;
}

/** A teacher reports about two siblings, up to the summary page. */
export async function walkProfessionalJourneyToSummary(client: HttpClient, walk: ProfessionalWalk): Promise<HttpResponse> {
  let page = await walkProfessionalJourneyToReporterStep(client, walk);
  page = await client.submit(page, '/meld/melder', { ...teacherAnswers(), ...(walk.consent ? consentAnswers() : {}) });
  expectPage(page, '/meld/vedlegg');
  page = await client.submit(page, '/meld/vedlegg', { action: 'continue' });
  expectPage(page, '/meld/oppsummering');
  return page;
}

export function referenceIn(html: string): string {
  const reference = /BM-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(html)?.[0];
  assert.ok(reference, 'the receipt shows a reference');
  return reference;
}

/** Opens a stored report as its receiving service does (with openssl and the service's key). */
export async function openStoredReport(portal: TestPortal, reference: string) {
  const row = await portal.database.db.selectFrom('reports').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  const service = await portal.database.db.selectFrom('services').select(['orgnr', 'name']).where('id', '=', row.service_id).executeTakeFirstOrThrow();
  const receiverDir = join(portal.dataDir, 'receivers', service.orgnr);
  const keyFile = readdirSync(receiverDir).find((f) => f.endsWith('.key.pem'))!;
  const cmsFile = join(portal.dataDir, `package-${reference}.cms`);
  writeFileSync(cmsFile, row.package!);
  const zip = execFileSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', cmsFile, '-inkey', join(receiverDir, keyFile), '-binary'], { maxBuffer: 256 * 1024 * 1024 });
  const files = unzipSync(new Uint8Array(zip));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fiks = JSON.parse(strFromU8(files['bekymringsmelding.json']!)) as any;
  return { row, service, files, fiks };
}

/** Nothing in a response may look like a stack trace or a raw error. */
export function assertNoLeak(text: string, where = ''): void {
  assert.doesNotMatch(text, /\n\s+at \S/, `stack frame in ${where}`);
  assert.doesNotMatch(text, /\bat (?:async )?[\w.<>]+ \(|\(?(?:file|node):[^\s)]+:\d+:\d+/, `stack frame in ${where}`);
  assert.doesNotMatch(text, /\b(?:Type|Reference|Range|Syntax)?Error:/, `"Error:" in ${where}`);
  assert.doesNotMatch(text, /node_modules|FST_ERR|ECONNREFUSED/, `internals in ${where}`);
}

/** Every link in the error summary points at an element that exists in the page. */
export function assertSummaryLinksResolve(html: string): string[] {
  const summary = /<div class="ds-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
  assert.ok(summary, 'the page has an error summary');
  const ids = [...summary.matchAll(/<a href="#([^"]*)">/g)].map((m) => decodeEntities(m[1]!));
  assert.ok(ids.length > 0, 'the summary links to at least one field');
  for (const id of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(html, new RegExp(`\\sid="${escaped}"`), `summary link #${id} has a target`);
  }
  return ids;
}

/** A field's value as rendered (input value or textarea content), decoded. */
export function fieldValue(html: string, id: string): string | undefined {
  const input = new RegExp(`<input[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  if (input) {
    const value = /\svalue="([^"]*)"/.exec(input)?.[1];
    return value === undefined ? undefined : decodeEntities(value);
  }
  const textarea = new RegExp(`<textarea[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
  return textarea === undefined ? undefined : decodeEntities(textarea);
}

/** Which options of a radio/checkbox group are rendered as checked. */
export function checkedValues(html: string, name: string): string[] {
  return [...html.matchAll(/<input[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(` name="${name}"`) && /\schecked(?:[\s>=/])/.test(tag))
    .map((tag) => decodeEntities(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? ''));
}

// ---- One loopback address per simulated visitor ----

const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
let visitorCount = 0;
let loopbackRange: boolean | undefined;
const agents: { close(): Promise<void> }[] = [];

/**
 * From now on fetch connects from a new 127.x.y.z address (all of 127/8 is loopback on Linux). The
 * portal rate-limits per address, so a test file that plays many visitors gets each its own budget
 * instead of tripping the limit meant for one browser. Returns the address.
 */
export async function useNewVisitorAddress(): Promise<string> {
  // Linux routes all of 127/8 to loopback; macOS only 127.0.0.1 unless aliased. Without it every
  // visitor shares one address (and one rate-limit budget) and the busiest files may meet a 429.
  loopbackRange ??= await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '127.0.0.2', () => probe.close(() => resolve(true)));
  });
  if (!loopbackRange) return '127.0.0.1';
  const g = globalThis as unknown as Record<symbol, { constructor: new (options: object) => { close(): Promise<void> } } | undefined>;
  // Node creates fetch's dispatcher on first use; a refused connection to a closed port creates it.
  if (!g[DISPATCHER]) await fetch('http://127.0.0.1:1/').catch(() => undefined);
  if (!g[DISPATCHER]) throw new Error('fetch has no global dispatcher');
  visitorCount++;
  const address = `127.${(process.pid % 250) + 1}.${Math.floor(visitorCount / 250) % 250}.${(visitorCount % 250) + 1}`;
  const Agent = g[DISPATCHER]!.constructor;
  const agent = new Agent({ localAddress: address });
  agents.push(agent);
  g[DISPATCHER] = agent as never;
  return address;
}

export async function closeVisitorAddresses(): Promise<void> {
  await Promise.all(agents.splice(0).map((a) => a.close().catch(() => {})));
}

/** A private reporter sends a report over HTTP; returns where it went (its id, reference, service orgnr). */
export async function sendPrivateReport(portal: TestPortal, options: { personIndex?: number; municipality?: string } = {}): Promise<{ id: string; reference: string; orgnr: string }> {
  const client = new HttpClient(portal.url);
  const summary = await walkPrivateJourneyToSummary(client, options);
  const receipt = await client.submit(summary, '/meld/send', {});
  assert.equal(receipt.status, 200);
  const reference = referenceIn(receipt.text);
  const row = await portal.database.db
    .selectFrom('reports')
    .innerJoin('services', 'services.id', 'reports.service_id')
    .select(['reports.id', 'services.orgnr'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return { id: row.id, reference, orgnr: row.orgnr };
}

/**
 * Asks for a page that does not exist until the address's page budget is spent, at most `attempts`
 * times; the last answer comes back unread (the 429, once the budget is spent).
 */
export async function spendPageBudget(portalUrl: string, attempts: number): Promise<Response> {
  for (let i = 1; ; i++) {
    const response = await fetch(new URL('/meld/finnes-ikke', portalUrl));
    if (response.status === 429 || i >= attempts) return response;
    await response.arrayBuffer();
  }
}

/**
 * Waits until the report has the status: the outbox offers a sent report to its receiving system
 * (SENDT_FAGSYSTEM) in the background, and a receipt before that is rightly refused.
 */
export async function waitForReportStatus(portal: Pick<TestPortal, 'database'>, id: string, status: ReportStatus): Promise<void> {
  await waitFor(`${id} to be ${status}`, async () => ((await portal.database.db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === status ? true : undefined));
}

/** A receiving system's client for one demo service, with the keys the demo registry wrote. */
export function deliveryClientFor(portal: { url: string; dataDir: string }, orgnr: string, scope = 'meldeportal:mottak'): DeliveryClient {
  const dir = join(portal.dataDir, 'receivers', orgnr);
  const { clientId } = JSON.parse(readFileSync(join(dir, 'integration.json'), 'utf8')) as { clientId: string };
  return new DeliveryClient({ portalUrl: portal.url, tokenIssuer: `${portal.url}/dev/maskinporten`, clientId, integrationKeyPem: readFileSync(join(dir, 'integration.key.pem'), 'utf8'), scope });
}
