// The canary search, shared by test/canary/canary.test.ts (2 reports) and bench/canary.bench.ts (20):
// the real server (src/server.ts) runs as a child process with LOG_LEVEL=info, as `npm start` would;
// reporters walk the real HTTP journey and put a unique canary string in every field that takes free
// text (names, addresses, reasons, the concern, roles, an attachment's name and content), and unique
// phone numbers, e-mail addresses and child fnrs; a receiving system takes the reports through the
// delivery API, refuses some (they go to print) and sends feedback (a notice to the reporter). Then
// everything the portal kept is searched: every file under its DATA_DIR (raw bytes, and lowercased),
// everything it logged, and a dump of its database (pg_dump for PostgreSQL; for PGlite, every row of
// every table of every schema as text, which also reads what TOAST compressed on disk).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import type { TestDatabase } from '../kit/databases.ts';
import { HttpClient, type HttpResponse } from '../kit/http-client.ts';
import { portalProcess, type ServerProcess } from '../kit/server-process.ts';
import { waitFor } from '../kit/wait.ts';
import { firstNationalId } from '../domain/national-id-helpers.ts';
import { expectPage, referenceIn, SCHOOL_ORGNR, useNewVisitorAddress } from '../kit/portal-visitors.ts';
import { deliveryClientFor } from '../kit/portal-visitors.ts';

const execFileAsync = promisify(execFile);

// ---- The server, as `npm start` runs it ----

interface CanaryServer {
  process: ServerProcess;
  dataDir: string;
  databaseUrl: string | undefined;
}

async function startServerProcess(databaseUrl: string | undefined, dataDir: string): Promise<CanaryServer> {
  // Logs at info as `npm start` would, every line kept: they are searched. The receiving side is
  // played by this file through the delivery API; mottak's own folder and database are not the
  // portal's and are not searched.
  const process = await portalProcess({ dataDir, databaseUrl, logLevel: 'info', keepLines: Infinity });
  // Generous: on a loaded machine migrations and the stand-ins' key generation take minutes.
  await process.start(300_000);
  return { process, dataDir, databaseUrl };
}

// ---- What each reporter writes ----

export interface CanaryReport {
  kind: 'private' | 'professional';
  personIndex: number;
  childFnr: string;
  phone: string;
  email: string;
  /** Every free-text value this report carries; each contains the run's canary. */
  texts: Record<string, string>;
}

/** The run's canary: unique, so a hit cannot be an older run's leftovers. */
export function newCanary(): string {
  return `KANARI${randomBytes(5).toString('hex').toUpperCase()}`;
}

export function canaryReport(canary: string, index: number): CanaryReport {
  const tag = (field: string) => `${canary} ${field} ${index}`;
  const year = new Date().getUTCFullYear() - 5 - (index % 10);
  return {
    kind: index % 2 === 0 ? 'private' : 'professional',
    personIndex: index % DEV_TEST_PERSONS.length,
    childFnr: firstNationalId(`${year}-0${1 + (index % 9)}-1${index % 9}`, randomInt(100, 450), 'tenor'),
    // Unique 8-digit mobile numbers (4xx/9xx): they cannot carry the canary, so they are searched for themselves.
    phone: `9${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
    email: `${canary.toLowerCase()}.${index}@skole.example.no`,
    texts: {
      childName: tag('Barnenavn'),
      childAddress: tag('Barnevei'),
      childNotInformed: tag('barnet er ikke informert fordi'),
      guardianName: tag('Foresattnavn'),
      guardianNotInformed: tag('foresatt er ikke informert fordi'),
      whatHappened: `${tag('hva skjedde')}\nFlere linjer om ${canary}.`,
      history: tag('hvor lenge'),
      otherViews: tag('andres syn'),
      interpreterLanguage: tag('tolkespråk'),
      otherAgencies: tag('andre instanser'),
      relationToChild: tag('relasjon'),
      reporterAddress: tag('Meldervei'),
      role: tag('rolle'),
      employerName: tag('arbeidsgiver'),
      employerAddress: tag('Skolevei'),
      attachmentName: tag('vedlegg'),
      attachmentContent: tag('vedleggstekst'),
    },
  };
}

/** A small PDF whose text (uncompressed) is the given string. */
function pdfWith(text: string): Buffer {
  const stream = `BT /F1 12 Tf 40 750 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n` +
      `4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Walks the whole journey over HTTP with the report's values and sends it; returns the reference. */
async function sendReport(url: string, report: CanaryReport): Promise<string> {
  await useNewVisitorAddress();
  const client = new HttpClient(url);
  const t = report.texts;
  let page: HttpResponse = await client.getFollow('/meld/hvem');
  if (report.kind === 'private') {
    page = await client.submit(page, '/meld/hvem', { reporterType: 'private' });
    page = await client.submit(page, '/meld/kommune', { kommune: '1337' });
  } else {
    page = await client.submit(page, '/meld/hvem', { reporterType: 'professional' });
    page = await client.submit(page, '/meld/meldeplikt', { grounds: ['seriousNeglect'] });
    page = await client.submit(page, '/meld/kommune', { kommune: 'Oslo' });
    expectPage(page, '/meld/bydel');
    page = await client.submit(page, '/meld/bydel', { bydel: '05' });
  }
  expectPage(page, '/meld/innlogging');
  page = await client.login('/meld/barn', report.personIndex);
  expectPage(page, '/meld/barn');
  page = await client.submit(page, '/meld/barn', {
    childCount: '1',
    'child-0-name': t.childName!,
    'child-0-identification': 'fnr',
    'child-0-fnr': report.childFnr,
    'child-0-addressLine1': t.childAddress!,
    'child-0-postcode': report.kind === 'private' ? '1337' : '0262',
    'child-0-city': '',
    'child-0-informed': 'no',
    'child-0-notInformedReason': t.childNotInformed!,
    action: 'continue',
  });
  expectPage(page, '/meld/foresatte');
  page = await client.submit(page, '/meld/foresatte', { 'guardian-0-name': t.guardianName!, 'guardian-0-phone': report.phone, 'guardian-0-informed': 'no', 'guardian-0-notInformedReason': t.guardianNotInformed! });
  expectPage(page, '/meld/bekymring');
  page = await client.submit(page, '/meld/bekymring', {
    categories: ['2.1.02', '2.4.05'],
    urgency: 'normal',
    whatHappened: t.whatHappened!,
    history: t.history!,
    otherViews: t.otherViews!,
    interpreterNeed: 'yes',
    interpreterLanguage: t.interpreterLanguage!,
    otherAgencies: t.otherAgencies!,
  });
  expectPage(page, '/meld/melder');
  page = await client.submit(
    page,
    '/meld/melder',
    report.kind === 'private'
      ? { phone: report.phone, relationToChild: t.relationToChild!, keepIdentityFromFamily: 'true', 'reporter-addressLine1': t.reporterAddress!, 'reporter-postcode': '1337', 'reporter-city': '' }
      : { role: t.role!, employerName: t.employerName!, employerOrgnr: SCHOOL_ORGNR, 'employer-addressLine1': t.employerAddress!, 'employer-postcode': '0266', 'employer-city': '', workPhone: report.phone, email: report.email },
  );
  expectPage(page, '/meld/vedlegg');
  const token = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
  const form = new FormData();
  form.append('_csrf', token.replace(/&amp;/g, '&'));
  form.append('file', new Blob([new Uint8Array(pdfWith(t.attachmentContent!))], { type: 'application/pdf' }), `${t.attachmentName}.pdf`);
  page = await client.follow(await client.request('POST', '/meld/vedlegg/last-opp', { body: form }));
  expectPage(page, '/meld/vedlegg');
  assert.ok(page.text.includes(canaryOf(report)), 'the attachment is listed under its name');
  page = await client.submit(page, '/meld/vedlegg', { action: 'continue' });
  expectPage(page, '/meld/oppsummering');
  const receipt = await client.submit(page, '/meld/send', {});
  assert.equal(receipt.status, 200, `receipt: ${receipt.status}`);
  return referenceIn(receipt.text);
}

const canaryOf = (report: CanaryReport) => report.texts.childName!.split(' ')[0]!;

// ---- The search ----

export interface Needle {
  label: string;
  value: string;
}

export interface CanaryFindings {
  /** Hits per place: "data folder", "logs", "database dump". Each hit is "<needle> in <where>". */
  hits: Record<string, string[]>;
  /** Non-secret things each place must hold, so a search that reads nothing cannot pass. */
  controls: Record<string, boolean>;
  reports: number;
  seconds: number;
  databaseDump: string;
}

/** Every form a needle could take in a file, a log line or a dump. */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([value, json, ascii, encodeURIComponent(value)])];
}

/** Hex runs (bytea, ciphertext) could hold a needle of digits by chance; they are searched as hex instead. */
const HEX_RUNS = /\\+x[0-9a-f]+/g;

function searchText(place: string, where: string, text: string, needles: Needle[], hits: string[]): void {
  const lower = text.toLowerCase();
  const withoutHex = text.replace(HEX_RUNS, '');
  const lowerWithoutHex = withoutHex.toLowerCase();
  for (const needle of needles) {
    const hex = Buffer.from(needle.value).toString('hex');
    const found =
      forms(needle.value).some((f) => withoutHex.includes(f) || lowerWithoutHex.includes(f.toLowerCase())) || (place === 'database dump' && lower.includes(hex));
    if (found) hits.push(`${needle.label} in ${where}`);
  }
}

function searchFiles(dir: string, needles: Needle[], hits: string[]): number {
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    const bytes = readFileSync(path);
    files++;
    // Raw bytes as UTF-8, and a lowercased copy (ASCII case folds; the canary is ASCII).
    const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
    for (const needle of needles) {
      const raw = Buffer.from(needle.value);
      if (bytes.includes(raw) || lower.includes(Buffer.from(needle.value.toLowerCase()))) hits.push(`${needle.label} in ${path.slice(dir.length + 1)}`);
    }
  }
  return files;
}

/** The database as text: pg_dump for PostgreSQL; every row of every table for PGlite. */
async function dumpDatabase(server: CanaryServer): Promise<string> {
  if (server.databaseUrl) {
    const { stdout } = await execFileAsync('pg_dump', ['--no-owner', `--dbname=${server.databaseUrl}`], { maxBuffer: 1024 * 1024 * 1024 });
    return stdout;
  }
  // The server is stopped: the embedded database is free to open.
  const database = await openDatabase({ pgliteDir: join(server.dataDir, 'portal-db') });
  try {
    const tables = await sql<{ schema: string; name: string }>`select table_schema as schema, table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`.execute(database.db);
    const parts: string[] = [];
    for (const { schema, name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(`${schema}.${name}`)} t`.execute(database.db);
      parts.push(`-- ${schema}.${name}`, ...rows.rows.map((r) => r.row));
    }
    return parts.join('\n');
  } finally {
    await database.close();
  }
}

/** Sends `count` reports, lets them be delivered (some refused, so printed), sends feedback, searches. */
export async function runCanary(database: TestDatabase, count: number, log: (line: string) => void = () => {}): Promise<CanaryFindings> {
  const started = Date.now();
  // A fresh address (and a live dispatcher: an earlier suite may have closed the last one) before
  // the first fetch, which is the health probe.
  await useNewVisitorAddress();
  const canary = newCanary();
  const dataDir = mkdtempSync(join(tmpdir(), 'meldeportal-canary-'));
  const created = await database.create();
  let server: CanaryServer | undefined;
  try {
    server = await startServerProcess(created.databaseUrl, dataDir);
    log(`${database.name}: server up in ${((Date.now() - started) / 1000).toFixed(0)} s; canary ${canary}`);
    const reports = Array.from({ length: count }, (_, i) => canaryReport(canary, i));
    const references: string[] = [];
    for (const report of reports) references.push(await sendReport(server.process.url, report));
    log(`${database.name}: ${count} reports sent`);

    // The receiving systems take them: Bærum (private reports) and Gamle Oslo (professional ones).
    const orgnrs = readdirSync(join(dataDir, 'receivers'));
    const delivered = new Map<string, { id: string; orgnr: string }>();
    const clients = new Map(orgnrs.map((o) => [o, deliveryClientFor({ url: server!.process.url, dataDir }, o)]));
    await waitFor(
      'every report on the delivery API',
      async () => {
        for (const [orgnr, client] of clients) for (const m of (await client.listPending()).meldinger) if (references.includes(m.referanse)) delivered.set(m.referanse, { id: m.id, orgnr });
        return delivered.size === references.length ? true : undefined;
      },
      60_000,
    );
    let refused = 0;
    for (const [i, reference] of references.entries()) {
      const { id, orgnr } = delivered.get(reference)!;
      const client = clients.get(orgnr)!;
      // Every fifth is refused by the receiving system and goes to print instead.
      if (i % 5 === 4) {
        await client.answer(id, { type: 'feilet', melding: 'Pakken kunne ikke åpnes.' });
        refused++;
      } else {
        await client.answer(id, { type: 'mottatt' });
        // Feedback, which sends the reporter a notice through the notice provider.
        await client.sendFeedback(id, 'mottatt');
      }
    }
    const notices = references.length - refused;
    const filesIn = (name: string, suffix: string) => (existsSync(join(dataDir, name)) ? readdirSync(join(dataDir, name)).filter((f) => f.endsWith(suffix)).length : 0);
    // A timeout here is not thrown: the controls below then fail with what is missing.
    await waitFor('the notices in the outbox', () => (filesIn('notice-outbox', '.json') >= notices ? true : undefined), 60_000).catch(() => undefined);
    await waitFor('the refused reports in the print outbox', () => (refused === 0 || filesIn('print-outbox', '') >= refused ? true : undefined), 60_000).catch(() => undefined);
    log(`${database.name}: delivered ${references.length - refused}, refused and sent to print ${refused}`);

    // Stopping first: the log is complete and the embedded database may be opened.
    await server.process.stop();
    const logText = server.process.output();
    const databaseDump = await dumpDatabase(server);

    const needles: Needle[] = [{ label: 'the canary', value: canary }];
    for (const [i, r] of reports.entries()) {
      needles.push({ label: `child fnr ${i}`, value: r.childFnr }, { label: `phone ${i}`, value: r.phone }, { label: `e-mail ${i}`, value: r.email });
    }
    for (const person of new Set(reports.map((r) => DEV_TEST_PERSONS[r.personIndex]!))) {
      needles.push({ label: `reporter fnr ${person.pid}`, value: person.pid }, { label: `reporter name ${person.name}`, value: person.name }, { label: `reporter name ${person.givenName} ${person.familyName}`, value: `${person.familyName}, ${person.givenName}` });
    }

    const hits: Record<string, string[]> = { 'data folder': [], logs: [], 'database dump': [] };
    const files = searchFiles(dataDir, needles, hits['data folder']!);
    searchText('logs', 'the log', logText, needles, hits.logs!);
    searchText('database dump', 'the dump', databaseDump, needles, hits['database dump']!);
    // The same search, for what must be there: a search that reads nothing would find no canary either.
    const found = (search: (needles: Needle[], into: string[]) => void, values: string[]) => {
      const into: string[] = [];
      search(values.map((value) => ({ label: value, value })), into);
      return new Set(into.map((hit) => hit.split(' in ')[0])).size === values.length;
    };
    const acceptedLines = (logText.match(/"report accepted"/g) ?? []).length;
    const controls = {
      [`data folder: ${files} files read; every reference found (in a notice or a print job)`]: found((n, into) => searchFiles(dataDir, n, into), references),
      [`logs: ${acceptedLines} "report accepted" lines, one per report`]: acceptedLines === count && found((n, into) => searchText('logs', 'the log', logText, n, into), ['report accepted']),
      [`database dump: every reference found (${(databaseDump.length / 1024).toFixed(0)} KB)`]: found((n, into) => searchText('database dump', 'the dump', databaseDump, n, into), references),
    };
    return { hits, controls, reports: count, seconds: (Date.now() - started) / 1000, databaseDump };
  } finally {
    await server?.process.stop();
    await created.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
