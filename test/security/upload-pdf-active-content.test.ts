// Attack: a PDF that acts on its own when the caseworker opens it — a script on opening, on a page or
// behind a link, a program launched, a form sent or read, another file opened, a file carried
// inside, an XFA form, a tracking link — reaches the caseworker as it was sent. It must arrive with
// its pages as they were and all of that gone, the caseworker told so beside the file; and a PDF
// the portal cannot look inside (encrypted, or not a PDF at all) must not arrive.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { startTestMottak, loginCaseworker, type TestMottak } from '../kit/mottak.ts';
import { HttpClient } from '../kit/http-client.ts';
import { waitFor } from '../kit/wait.ts';
import { activeContentPdfs, encryptedPdf, VISIBLE_TEXT } from '../kit/crafted-files.ts';
import { Reporter, type DeliveredReport } from './upload-journey.ts';

/** Every way a PDF can start something by itself, as the keys and action types that carry it. */
const ACTIVE = /\/(JavaScript|JS|OpenAction|AA|Launch|SubmitForm|ImportData|GoToR|GoToE|URI|EmbeddedFiles?|EF|XFA|RichMedia)\b/;

const pdfs = activeContentPdfs();

for (const database of testDatabases()) {
  describe(`a PDF with active content reaches the caseworker without it (${database.name})`, () => {
    let portal: TestPortal;
    let mottak: TestMottak;
    let delivered: DeliveredReport;
    const dir = mkdtempSync(join(tmpdir(), 'upload-pdf-'));

    before(async () => {
      // Eleven attacks in one report: one more file than a report takes by default.
      portal = await startTestPortal(database, { UPLOAD_MAX_FILES: String(pdfs.length) });
      mottak = await startTestMottak(database, portal);
    });
    after(async () => {
      await mottak?.close();
      await portal?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('each crafted PDF does carry its attack before upload', () => {
      for (const { name, pdf, marker } of pdfs) {
        const text = pdf.toString('latin1');
        assert.ok(text.includes(marker), name);
        assert.match(text, ACTIVE, name);
      }
    });

    test('a reporter attaches all eleven; the package holds each page as it was and nothing that acts', async () => {
      // To Trondheim, whose caseworker then opens the report in mottak.
      const reporter = await Reporter.atAttachments(portal, { municipality: '7011' });
      for (const { name, pdf } of pdfs) await reporter.uploadAccepted(name, pdf);
      delivered = await reporter.send();
      delivered.attachments.forEach((a, i) => assert.equal(a.fileName, pdfs[i]!.name));
      for (const [i, { name, marker, removed }] of pdfs.entries()) {
        const cleaned = Buffer.from(delivered.files[`vedlegg/${name}`]!);
        const text = cleaned.toString('latin1');
        assert.ok(!text.includes(marker), `${name}: ${marker} is gone`);
        assert.doesNotMatch(text, ACTIVE, name);
        // A reader of its own (poppler) opens the file and finds the page's text.
        const file = join(dir, name);
        writeFileSync(file, cleaned);
        assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), new RegExp(VISIBLE_TEXT), `${name}: the text on the page is kept`);
        // The package's structured report says what was removed, for the caseworker.
        assert.deepEqual(delivered.attachments[i]!.cleaned?.removed, removed, name);
        assert.equal(delivered.attachments[i]!.size, cleaned.length, `${name}: the size is the cleaned file's`);
      }
    });

    test("the caseworker sees beside each file what the portal removed from it", async () => {
      assert.ok(delivered, 'the report was sent');
      const id = await waitFor('mottak to store the report', async () => (await mottak.database.db.selectFrom('reports').select('id').where('reference', '=', delivered.reference).executeTakeFirst())?.id);
      const client = new HttpClient(mottak.url);
      await loginCaseworker(client, 'Sigrid Aune');
      const page = await client.get(`/meldinger/${id}`);
      assert.equal(page.status, 200);
      const rows = [...page.text.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
      const rowOf = (name: string) => rows.find((r) => r.startsWith(name)) ?? '';
      assert.match(rowOf('openaction-js.pdf'), /Fjernet av portalen før sending: JavaScript\./);
      assert.match(rowOf('page-aa.pdf'), /Fjernet av portalen før sending: JavaScript og handlinger som åpner programmer, filer, skjemaer eller andre dokumenter\./);
      assert.match(rowOf('embedded-files.pdf'), /Fjernet av portalen før sending: innebygde filer\./);
      assert.match(rowOf('xfa.pdf'), /Fjernet av portalen før sending: XFA-skjema\./);
      assert.match(rowOf('uri-link.pdf'), /Fjernet av portalen før sending: lenker \(teksten står igjen\)\./);
      assert.doesNotMatch(rowOf('bekymringsmelding.pdf'), /Fjernet/, "the portal's own PDF is as it made it");
    });

    test('a PDF the portal cannot look inside is refused with a reason, and what was attached stays', async () => {
      const reporter = await Reporter.atAttachments(portal, { personIndex: 1 });
      await reporter.uploadAccepted('ren.pdf', pdfs.at(-1)!.pdf);
      // Opened by any viewer without a password, yet its content is ciphertext to anyone who does not decrypt it.
      await reporter.uploadRefused('kryptert.pdf', encryptedPdf(), /PDF-filen «kryptert\.pdf» er beskyttet med passord eller kryptert/);
      await reporter.uploadRefused('søppel.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('ikke en pdf \u0000\u0001\u0002 '.repeat(50))]), /Vi kunne ikke lese PDF-filen «søppel\.pdf»/);
      await reporter.uploadRefused('avkuttet.pdf', pdfs[0]!.pdf.subarray(0, 200), /Vi kunne ikke lese PDF-filen «avkuttet\.pdf»/);
      assert.deepEqual(reporter.listedFiles(), ['ren.pdf']);
      const sent = await reporter.send();
      assert.deepEqual(Object.keys(sent.files).filter((f) => f.startsWith('vedlegg/')), ['vedlegg/ren.pdf']);
    });
  });
}
