// Mottak end to end over HTTP: a reporter sends through the real portal, mottak pulls it with its
// own keys and token, and caseworkers log in through the IdP stand-in. Each service sees its own
// reports and nothing else, by any route; conclusions follow SSB's rules; every view and change is
// in the hash-chained audit log, which notices tampering.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { startTestMottak, loginCaseworker, type TestMottak } from '../kit/mottak.ts';
import { HttpClient, csrfToken, decodeEntities } from '../kit/http-client.ts';
import { CANARY } from '../kit/journey.ts';
import { sendPrivateReport } from '../kit/portal-visitors.ts';
import { waitFor } from '../kit/wait.ts';
import { translator } from '../../src/web/i18n.ts';
import { inServiceScope } from '../../src/mottak/db/mottak-database.ts';
import { verifyAuditChain } from '../../src/mottak/audit/audit-log.ts';

const execFileAsync = promisify(execFile);

/** `npm run mottak -- verify-audit` against mottak's PostgreSQL database: exit code and output. */
async function verifyCommand(databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/mottak/cli.ts', 'verify-audit'], { env: { ...process.env, MOTTAK_DATABASE_URL: databaseUrl, MOTTAK_DATA_DIR: process.env.TMPDIR ?? '/tmp' } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

/** The rows of the report page's conclusion, label to text. */
function conclusionRecord(html: string): Map<string, string> {
  const section = /<section aria-labelledby="conclusion-heading">(.*?)<\/section>/s.exec(html)?.[1] ?? '';
  const rows = [...section.matchAll(/<th scope="row">(.*?)<\/th>\s*<td>(.*?)<\/td>/gs)];
  return new Map(rows.map((m) => [m[1]!, m[2]!.replace(/<[^>]+>/g, '').trim()]));
}

const TRONDHEIM_WORKER = 'Sigrid Aune';
const TRONDHEIM_MANAGER = 'Magnus Rørvik';
const BERGEN_WORKER = 'Henrik Fjeld Tveit';

for (const database of testDatabases()) {
  describe(`mottak (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    let report: { id: string; reference: string; orgnr: string };

    before(async () => {
      portal = await startTestPortal(database);
      mottak = await startTestMottak(database, portal);
      report = await sendPrivateReport(portal, { municipality: '7011' });
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
    });

    const db = () => mottak.database.db;
    const serviceId = async (orgnr: string) => (await db().selectFrom('services').select('id').where('orgnr', '=', orgnr).executeTakeFirstOrThrow()).id;

    test('a report sent to Trondheim is pulled, stored for Trondheim only, and the portal hears it arrived', async () => {
      const stored = await waitFor('report in mottak', () => db().selectFrom('reports').innerJoin('services', 'services.id', 'reports.service_id').select(['services.orgnr', 'reports.reference', 'reports.review_deadline', 'reports.status']).where('reports.id', '=', report.id).executeTakeFirst());
      assert.equal(stored.orgnr, report.orgnr);
      assert.equal(stored.reference, report.reference);
      assert.equal(stored.status, 'ny');
      const portalRow = await waitFor('portal status LEVERT', async () => {
        const row = await portal.database.db.selectFrom('reports').select(['status', 'delivery_channel']).where('id', '=', report.id).executeTakeFirstOrThrow();
        return row.status === 'LEVERT' ? row : undefined;
      });
      assert.equal(portalRow.delivery_channel, 'fagsystem');
      const files = await db().selectFrom('report_files').select('name').where('report_id', '=', report.id).execute();
      assert.deepEqual(files.map((f) => f.name).sort(), ['bekymringsmelding.json', 'bekymringsmelding.pdf', 'meldeportal.json']);
    });

    test("Trondheim's caseworker sees the report in the inbox, with its deadline, and opens it", async () => {
      const client = new HttpClient(mottak.url);
      const inbox = await loginCaseworker(client, TRONDHEIM_WORKER);
      assert.equal(inbox.status, 200, inbox.text.slice(0, 300));
      assert.match(inbox.text, new RegExp(report.reference));
      assert.match(inbox.text, /Ola Åsheim/);
      assert.match(inbox.text, /dager igjen/);
      const page = await client.get(`/meldinger/${report.id}`);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(CANARY), 'the reporter’s text is on the report page');
      const pdf = await client.get(`/meldinger/${report.id}/fil?navn=bekymringsmelding.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
      const exported = await client.get(`/meldinger/${report.id}/eksport`);
      assert.equal(exported.status, 200);
      assert.equal(JSON.parse(exported.text).referanse, report.reference);
      const actions = await db().selectFrom('audit_log').select('action').where('report_id', '=', report.id).orderBy('seq').execute();
      assert.deepEqual(
        actions.map((a) => a.action),
        ['report.received', 'report.viewed', 'file.downloaded', 'report.exported'],
      );
    });

    test('a PDF opens in the browser under a sandboxing CSP; a file whose bytes are not what its name says is only downloaded; both are audited', async () => {
      const trondheim = await serviceId(report.orgnr);
      await db().insertInto('report_files').values({ report_id: report.id, service_id: trondheim, name: 'vedlegg/falsk.png', content_type: 'image/png', content: Buffer.from('<script>alert(1)</script>') }).execute();
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, TRONDHEIM_WORKER);
      const pdf = await client.get(`/meldinger/${report.id}/vis?navn=bekymringsmelding.pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('content-disposition'), `inline; filename="bekymringsmelding.pdf"; filename*=UTF-8''bekymringsmelding.pdf`);
      assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(pdf.headers.get('content-security-policy'), "sandbox; default-src 'none'; script-src 'none'; frame-ancestors 'none'");
      const forged = await client.get(`/meldinger/${report.id}/vis?navn=${encodeURIComponent('vedlegg/falsk.png')}`);
      assert.equal(forged.status, 200);
      assert.match(forged.headers.get('content-disposition') ?? '', /^attachment; /, 'downloaded, not rendered');
      assert.equal(forged.headers.get('x-content-type-options'), 'nosniff');
      const json = await client.get(`/meldinger/${report.id}/vis?navn=bekymringsmelding.json`);
      assert.match(json.headers.get('content-disposition') ?? '', /^attachment; /, 'only PDF, PNG and JPEG are shown inline');
      const entries = await db().selectFrom('audit_log').select(['action', 'detail']).where('report_id', '=', report.id).where('action', 'in', ['file.viewed', 'file.downloaded']).orderBy('seq', 'desc').limit(3).execute();
      assert.deepEqual(entries.reverse().map((e) => [e.action, e.detail.file]), [['file.viewed', 'bekymringsmelding.pdf'], ['file.downloaded', 'vedlegg/falsk.png'], ['file.downloaded', 'bekymringsmelding.json']]);
      await db().deleteFrom('report_files').where('name', '=', 'vedlegg/falsk.png').execute();
    });

    test('the caseworker reads mottak in nynorsk: the choice survives login and logout', async () => {
      const client = new HttpClient(mottak.url);
      const chosen = await client.get('/sprak/nn?tilbake=/innboks');
      assert.equal(chosen.status, 303);
      let inbox = await loginCaseworker(client, TRONDHEIM_WORKER);
      assert.equal(inbox.status, 200);
      assert.match(inbox.text, /<html lang="nn"/);
      assert.ok(inbox.text.includes(translator('nn')('mottak.inbox.pullNow')), 'the inbox in nynorsk');
      assert.ok(!inbox.text.includes(translator('nb')('mottak.inbox.pullNow')));
      assert.match(inbox.text, /<li lang="nb"><a class="ds-link" href="\/sprak\/nb\?tilbake=%2Finnboks" hreflang="nb">Bokmål<\/a><\/li>/);
      const page = await client.get(`/meldinger/${report.id}`);
      assert.match(page.text, /<html lang="nn"/);
      // Accept-Language asks for bokmål; the caseworker's choice wins.
      inbox = await client.request('GET', '/innboks', { headers: { 'accept-language': 'nb' } });
      assert.match(inbox.text, /<html lang="nn"/);
      // Logging out passes the identity provider's own page; then mottak's "logged out" page.
      const logout = await client.request('POST', '/utlogging', { form: { _csrf: csrfToken(inbox.text) } });
      assert.equal(logout.status, 303);
      assert.match((await client.get('/utlogget')).text, /<html lang="nn"/, 'the logged-out page is in nynorsk too');
      assert.equal((await client.get('/innboks')).status, 302, 'and the login is gone');
      // Nynorsk is offered; English is not a mottak language, so the link changes nothing.
      await client.get('/sprak/en?tilbake=/utlogget');
      assert.match((await client.get('/utlogget')).text, /<html lang="nn"/);
    });

    test("Bærum's and Asker's caseworkers log in to their own services' inboxes", async () => {
      for (const [name, service] of [
        ['Marte Sandvik', 'Barneverntjenesten i Bærum'],
        ['Per Arne Vollen', 'Barneverntjenesten i Asker'],
      ] as const) {
        const inbox = await loginCaseworker(new HttpClient(mottak.url), name);
        assert.equal(inbox.status, 200, name);
        assert.ok(inbox.text.includes(`Mottak – ${service}`), `${name} works in ${service}`);
        assert.ok(!inbox.text.includes(report.reference), "and sees none of Trondheim's reports");
      }
    });

    test("Bergen's caseworker cannot reach Trondheim's report by any route", async () => {
      const client = new HttpClient(mottak.url);
      const inbox = await loginCaseworker(client, BERGEN_WORKER);
      assert.equal(inbox.status, 200);
      assert.ok(!inbox.text.includes(report.reference));
      const search = await client.get(`/innboks?status=alle&sok=${encodeURIComponent(report.reference)}`);
      // The search box shows what was typed; the list must not show the report.
      assert.ok(!search.text.includes(`/meldinger/${report.id}`));
      assert.match(search.text, /Ingen meldinger passer/);
      for (const path of [`/meldinger/${report.id}`, `/meldinger/${report.id}/fil?navn=bekymringsmelding.pdf`, `/meldinger/${report.id}/vis?navn=bekymringsmelding.pdf`, `/meldinger/${report.id}/fiks-json`, `/meldinger/${report.id}/eksport`, `/meldinger/${report.id}/konklusjon`, '/meldinger/not-a-uuid']) {
        const response = await client.get(path);
        assert.equal(response.status, 404, path);
        assert.ok(!response.text.includes(report.reference) && !response.text.includes(CANARY), `${path} leaks`);
      }
      const page = await client.get('/innboks');
      for (const [path, form] of [
        [`/meldinger/${report.id}/notater`, { note: 'fremmed notat' }],
        [`/meldinger/${report.id}/tildeling`, { meg: 'ja' }],
        [`/meldinger/${report.id}/konklusjon`, { conclusionCode: '10', reason: 'x', reporterCode: '4', contentCodes: '2.1.02' }],
        [`/meldinger/${report.id}/tilbakemelding`, { type: 'mottatt' }],
      ] as const) {
        const response = await client.request('POST', path, { form: { _csrf: csrfToken(page.text), ...form } });
        assert.equal(response.status, 404, path);
      }
      const notes = await db().selectFrom('report_notes').select('id').where('report_id', '=', report.id).execute();
      assert.equal(notes.length, 0);
      const trondheimEntries = await db().selectFrom('audit_log').select('actor_name').where('report_id', '=', report.id).execute();
      assert.ok(!trondheimEntries.some((e) => e.actor_name === BERGEN_WORKER));
    });

    test('a cancelled login and a forged callback get a plain Norwegian page and no session', async () => {
      const client = new HttpClient(mottak.url);
      const interaction = await client.getFollow('/innlogging');
      const abort = /formaction="([^"]+\/abort)"/.exec(interaction.text)?.[1];
      assert.ok(abort, 'the stand-in offers a way to cancel');
      const cancelled = await client.follow(await client.request('POST', new URL(abort.replaceAll('&amp;', '&'), interaction.url).href));
      assert.equal(cancelled.status, 400);
      assert.match(cancelled.text, /Innloggingen ble avbrutt/);
      const forged = await new HttpClient(mottak.url).get('/innlogging/callback?code=abc&state=forged');
      assert.equal(forged.status, 400);
      assert.match(forged.text, /Innloggingen mislyktes/);
      assert.equal((await client.get('/innboks')).status, 302, 'still not logged in');
    });

    test('row-level security holds even for a query that forgets its service', async () => {
      const bergen = await serviceId('999001718');
      const trondheim = await serviceId(report.orgnr);
      const seenByBergen = await inServiceScope(db(), { serviceId: bergen }, (trx) => sql<{ n: number }>`select count(*)::int as n from reports`.execute(trx));
      const seenByTrondheim = await inServiceScope(db(), { serviceId: trondheim }, (trx) => sql<{ n: number }>`select count(*)::int as n from reports`.execute(trx));
      assert.equal(seenByBergen.rows[0]!.n, 0);
      assert.equal(seenByTrondheim.rows[0]!.n, 1);
      await assert.rejects(
        inServiceScope(db(), { serviceId: trondheim }, (trx) => sql`delete from audit_log`.execute(trx)),
        /permission denied|append-only/,
      );
    });

    test('a form without its CSRF token is refused and changes nothing', async () => {
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, TRONDHEIM_WORKER);
      const response = await client.request('POST', `/meldinger/${report.id}/notater`, { form: { note: 'uten token' } });
      assert.equal(response.status, 403);
      const notes = await db().selectFrom('report_notes').select('id').where('report_id', '=', report.id).execute();
      assert.equal(notes.length, 0);
    });

    test('the caseworker assigns, writes a note, and concludes with SSB codes; a bad conclusion keeps what was typed', async () => {
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, TRONDHEIM_WORKER);
      let page = await client.get(`/meldinger/${report.id}`);
      page = await client.submit(page, `/meldinger/${report.id}/tildeling`, { meg: 'ja' });
      assert.match(page.text, /<option value="[^"]+" selected>Sigrid Aune<\/option>/);
      assert.match(page.text, /role="status"><p class="ds-paragraph">Meldingen er tildelt deg\.<\/p>/, 'the assignment is confirmed');
      assert.match(page.text, /<th scope="row">Saksbehandler<\/th><td>Sigrid Aune<\/td>/, 'and shown in the overview');
      page = await client.submit(page, `/meldinger/${report.id}/notater`, { note: 'Ringte skolen.' });
      assert.match(page.text, /Ringte skolen\./);

      const form = await client.get(`/meldinger/${report.id}/konklusjon`);
      assert.equal(form.status, 200);
      // The reporter's categories come pre-ticked; the conclusions read in plain words, the code beside.
      assert.match(form.text, /value="2\.1\.02" checked/);
      assert.ok(decodeEntities(form.text).includes('Undersøkelse åpnes – meldingen henlegges ikke (SSB\u2011kode\u00a02)'));
      // A neighbour ("Nabo") is another private person: the melder code comes pre-chosen, and says why.
      assert.match(form.text, /<option value="4" selected>4 Andre privatpersoner<\/option>/);
      assert.match(decodeEntities(form.text), /Foreslått ut fra det melderen skrev om seg selv: «Nabo»/);
      const rejected = await client.request('POST', `/meldinger/${report.id}/konklusjon`, {
        form: { _csrf: csrfToken(form.text), conclusionCode: '10', reason: '', reporterCode: '4', contentCodes: ['2.1.02'] },
      });
      assert.equal(rejected.status, 422);
      assert.match(rejected.text, /<title>Feil: /);
      assert.match(rejected.text, /Skriv en begrunnelse/);
      assert.match(rejected.text, /value="10" checked/);

      const concluded = await client.submit(rejected, `/meldinger/${report.id}/konklusjon`, {
        conclusionCode: '2',
        reason: '',
        reporterCode: '4',
        contentCodes: ['2.1.02', '2.4.05'],
      });
      assert.equal(concluded.status, 200);
      const row = await db().selectFrom('reports').select(['status', 'conclusion_code', 'conclusion_reason', 'conclusion_obviously_groundless', 'content_codes', 'review_deadline', 'investigation_deadline', 'assignee_id']).where('id', '=', report.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'konkludert');
      assert.equal(row.conclusion_code, '2');
      assert.deepEqual([row.conclusion_reason, row.conclusion_obviously_groundless], [null, false]);
      assert.deepEqual(row.content_codes, ['2.1.02', '2.4.05']);
      assert.ok(row.investigation_deadline! > row.review_deadline);
      assert.match(concluded.text, /Frist for undersøkelsen/);
      // The record says what the caseworker decided: no reasons written, and nothing about the report
      // being obviously groundless, which they did not tick.
      const record = conclusionRecord(concluded.text);
      assert.equal(record.get('Begrunnelse'), 'Ingen skriftlig begrunnelse');
      assert.ok(![...record.values()].some((v) => /grunnløs/i.test(v)), [...record.entries()].join('; '));
      // A private reporter is owed the receipt only.
      const feedback = await db().selectFrom('report_feedback').select('type').where('report_id', '=', report.id).execute();
      assert.deepEqual(feedback.map((f) => f.type), ['mottatt']);
    });

    test('malformed forms and query strings get a clear 4xx or the form again, never a 500', async () => {
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, TRONDHEIM_WORKER);
      const token = csrfToken((await client.get('/innboks')).text);
      const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', '2', '10', '22', 'henlagt', 'tiltak', 'ja', '9'.repeat(300)), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }));
      const form = fc.dictionary(fc.constantFrom('conclusionCode', 'reason', 'reporterCode', 'reporterCodeDetail', 'contentCodes', 'note', 'assignee', 'meg', 'type', 'outcome', 'extendReason', 'x'), value, { maxKeys: 6 });
      const path = fc.constantFrom('konklusjon', 'notater', 'tildeling', 'tilbakemelding', 'undersokelse/utvid', 'undersokelse/avslutt');
      await fc.assert(
        fc.asyncProperty(path, form, fc.constantFrom(report.id, '00000000-0000-4000-8000-000000000000', 'x%zz'), async (p, fields, id) => {
          const response = await client.request('POST', `/meldinger/${id}/${p}`, { form: { _csrf: token, ...(fields as Record<string, string | string[]>) } });
          assert.ok(response.status < 500, `${p} answered ${response.status}`);
          assert.doesNotMatch(response.text, /at [\w.]+ \(|stack/i);
        }),
        { numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom('status', 'haster', 'saksbehandler', 'kategori', 'bydel', 'sok', 'side'), fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }))), async (query) => {
          const response = await client.get(`/innboks?${new URLSearchParams(query as Record<string, string>).toString()}`);
          assert.equal(response.status, 200);
        }),
        { numRuns: 40 },
      );
      const raw = await client.request('POST', `/meldinger/${report.id}/notater`, { body: '%E0%A4%A', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.ok(raw.status >= 400 && raw.status < 500, String(raw.status));
    });

    test('a closed report marked obviously groundless says so in its record; an investigation cannot be marked so', async () => {
      const second = await sendPrivateReport(portal, { municipality: '7011', personIndex: 1 });
      await waitFor('second report in mottak', () => db().selectFrom('reports').select('id').where('id', '=', second.id).executeTakeFirst());
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, TRONDHEIM_WORKER);
      const form = await client.get(`/meldinger/${second.id}/konklusjon`);
      const refused = await client.submit(form, `/meldinger/${second.id}/konklusjon`, { conclusionCode: '2', obviouslyGroundless: 'ja', reason: '', reporterCode: '4', contentCodes: ['2.1.02'] });
      assert.equal(refused.status, 422);
      assert.match(refused.text, /Bare en melding som henlegges, kan være åpenbart grunnløs/);
      assert.match(refused.text, /id="obviouslyGroundless"[^>]*checked/, 'the tick is kept for the caseworker to see');
      assert.equal((await db().selectFrom('reports').select('conclusion_code').where('id', '=', second.id).executeTakeFirstOrThrow()).conclusion_code, null);

      const concluded = await client.submit(refused, `/meldinger/${second.id}/konklusjon`, { conclusionCode: '10', obviouslyGroundless: 'ja', reason: '', reporterCode: '4', contentCodes: ['2.1.02'] });
      assert.equal(concluded.status, 200);
      const record = conclusionRecord(concluded.text);
      assert.equal(record.get('Begrunnelse'), 'Ingen skriftlig begrunnelse');
      assert.equal(record.get('Åpenbart grunnløs'), 'Ja – derfor ingen skriftlig begrunnelse (§ 2-1)');
      const row = await db().selectFrom('reports').select(['conclusion_code', 'conclusion_reason', 'conclusion_obviously_groundless']).where('id', '=', second.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { conclusion_code: '10', conclusion_reason: null, conclusion_obviously_groundless: true });
      const entry = await db().selectFrom('audit_log').select('detail').where('report_id', '=', second.id).where('action', '=', 'report.concluded').executeTakeFirstOrThrow();
      assert.deepEqual(entry.detail, { code: '10', obviouslyGroundless: true });
    });

    test('only the manager reads the deadline overview and the audit log, whose chain verifies', async () => {
      const worker = new HttpClient(mottak.url);
      await loginCaseworker(worker, TRONDHEIM_WORKER);
      assert.equal((await worker.get('/logg')).status, 403);
      assert.equal((await worker.get('/frister')).status, 403);
      const manager = new HttpClient(mottak.url);
      await loginCaseworker(manager, TRONDHEIM_MANAGER);
      const log = await manager.get('/logg');
      assert.equal(log.status, 200);
      assert.match(log.text, /Loggen er kontrollert og hel/);
      assert.match(log.text, /Konkluderte meldingen/);
      // Which file a download was, and the filters: any query string is a page or a clear 422.
      const downloads = await manager.get(`/logg?hva=file.downloaded&melding=${report.reference}`);
      assert.equal(downloads.status, 200);
      assert.match(downloads.text, /Fil: bekymringsmelding\.pdf/);
      assert.doesNotMatch(downloads.text, /Konkluderte meldingen<\/td>/, 'only downloads');
      const malformed = await manager.get('/logg?melding=%3Cscript%3E');
      assert.equal(malformed.status, 422);
      assert.match(malformed.text, /Skriv referansen slik den står på meldingen/);
      assert.match(malformed.text, /value="&lt;SCRIPT&gt;"/, 'what was typed is kept, escaped');
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom('hvem', 'hva', 'melding', 'for', 'etter'), fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('system', 'login', '1', '99999999999999999'))), async (query) => {
          const response = await manager.get(`/logg?${new URLSearchParams(query as Record<string, string>).toString()}`);
          assert.ok(response.status === 200 || response.status === 422, String(response.status));
          assert.doesNotMatch(response.text, /at [\w.]+ \(|stack/i);
        }),
        { numRuns: 30 },
      );
      const deadlines = await manager.get('/frister');
      assert.equal(deadlines.status, 200);
      assert.match(deadlines.text, new RegExp(report.reference));
      const result = await verifyAuditChain(db(), await serviceId(report.orgnr));
      assert.equal(result.ok, true);
      assert.ok(result.entries >= 8);
    });

    test('an edited or removed audit entry is found by the verifier', async () => {
      const trondheim = await serviceId(report.orgnr);
      if (mottak.databaseUrl) {
        const whole = await verifyCommand(mottak.databaseUrl);
        assert.equal(whole.code, 0, whole.out);
        assert.match(whole.out, new RegExp(`OK +${report.orgnr}`));
      }
      await db().transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
        await sql`update audit_log set actor_name = 'Noen andre' where service_id = ${trondheim} and seq = 2`.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
      });
      const edited = await verifyAuditChain(db(), trondheim);
      assert.deepEqual(edited.problem, { seq: 2, reason: 'hash' });
      if (mottak.databaseUrl) {
        const broken = await verifyCommand(mottak.databaseUrl);
        assert.equal(broken.code, 1);
        assert.match(broken.out, new RegExp(`BRUTT +${report.orgnr} .*oppføring 2 \\(hash\\)`));
      }
      await db().transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_no_update`.execute(trx);
        await sql`update audit_log set actor_name = (select name from caseworkers where service_id = ${trondheim} and role = 'saksbehandler') where service_id = ${trondheim} and seq = 2`.execute(trx);
        await sql`delete from audit_log where service_id = ${trondheim} and seq = (select max(seq) from audit_log where service_id = ${trondheim})`.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_no_update`.execute(trx);
      });
      const truncated = await verifyAuditChain(db(), trondheim);
      assert.equal(truncated.ok, false);
      assert.equal(truncated.problem?.reason, 'head');
    });
  });
}
