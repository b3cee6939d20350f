// No plaintext of a report and no fødselsnummer in any log line. The real server (src/server.ts) runs
// as a child process with LOG_LEVEL=info, exactly as `npm start` would, and everything it writes to
// stdout and stderr is captured while reporters walk full journeys, make mistakes and send.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '../kit/databases.ts';
import { portalProcess, type ServerProcess } from '../kit/server-process.ts';
import { HttpClient, csrfToken } from '../kit/http-client.ts';
import { CANARY, concernAnswers, walkPrivateJourneyToSummary } from '../kit/journey.ts';
import { DEV_TEST_PERSONS } from '../../src/dev/idporten/index.ts';
import { CHILD_FNR, expectPage, referenceIn, walkProfessionalJourneyToSummary } from '../kit/portal-visitors.ts';

/** The forms a value may take in a JSON log line: raw, JSON-escaped, and ASCII-escaped. */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set([value, json, ascii, encodeURIComponent(value)])];
}

for (const database of testDatabases()) {
  describe(`logs carry no personal data (${database.name})`, () => {
    let server: ServerProcess;
    let dataDir: string;
    let drop: () => Promise<void>;

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'meldeportal-logs-'));
      const created = await database.create();
      drop = created.drop;
      // Mottak runs in the same process, as `npm start` has it, so its log lines are searched too.
      server = await portalProcess({ dataDir, databaseUrl: created.databaseUrl, logLevel: 'info', mottak: true, keepLines: Infinity });
      await server.start(60_000);
    });

    after(async () => {
      await server?.stop();
      await drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('full journeys, mistakes and submissions leave no name, fnr or free text in the log', async () => {
      const reporter = DEV_TEST_PERSONS[0]!;
      const professional = DEV_TEST_PERSONS[1]!;

      // A private reporter: a mistake on the way (422 with the text echoed), a CSRF failure, a body
      // that is too large, personal data in a query string and a path, then the real submission.
      const client = new HttpClient(server.url);
      const summary = await walkPrivateJourneyToSummary(client);
      let page = await client.getFollow('/meld/bekymring?endre=1');
      const rejected = await client.submit(page, '/meld/bekymring', concernAnswers({ urgency: '', whatHappened: `${CANARY} ${reporter.pid}` }));
      expectPage(rejected, '/meld/bekymring', 422);
      const csrfFailure = await client.request('POST', '/meld/bekymring', { form: concernAnswers() });
      assert.equal(csrfFailure.status, 403);
      const tooLarge = await client.request('POST', '/meld/bekymring', { form: { _csrf: csrfToken(page.text), whatHappened: `${CANARY} `.repeat(40_000) } });
      assert.equal(tooLarge.status, 413);
      await client.get(`/meld/hvem?fnr=${reporter.pid}&navn=${encodeURIComponent('Ola Åsheim')}&q=${CANARY}`);
      await client.get(`/meld/${reporter.pid}`);
      await client.get(`/meld/kvittering/${reporter.pid}`);
      await client.get(`/api/v1/kommuner/${reporter.pid}/bydeler`);
      await client.get(`/meld/${encodeURIComponent(CANARY)}%C3%28`);
      page = await client.getFollow('/meld/oppsummering');
      const receipt = await client.submit(page.status === 200 ? page : summary, '/meld/send', {});
      assert.equal(receipt.status, 200);
      referenceIn(receipt.text);

      // A professional with a child's fnr, two children and two guardians.
      const teacher = new HttpClient(server.url);
      const teacherSummary = await walkProfessionalJourneyToSummary(teacher, { grounds: ['seriousNeglect'], bydel: '05', personIndex: 1 });
      const teacherReceipt = await teacher.submit(teacherSummary, '/meld/send', {});
      assert.equal(teacherReceipt.status, 200);

      // Give the child process a moment to flush, then read everything it wrote.
      await new Promise((r) => setTimeout(r, 300));
      const log = server.output();
      const lines = log.split('\n').filter(Boolean);
      // DUMP_LOG=/path/file keeps the captured log for a look by hand.
      if (process.env.DUMP_LOG) (await import('node:fs')).writeFileSync(process.env.DUMP_LOG, log);
      assert.ok(lines.length > 50, `the capture is real (${lines.length} lines)`);
      assert.match(log, /"report accepted"/, 'the submission was logged');
      assert.match(log, /"msg":"request"/);
      assert.doesNotMatch(log, /"msg":"incoming request"/, "one line per request, not two");
      assert.match(log, /"msg":"request rejected"/);

      const secrets: Record<string, string> = {
        'reporter fnr': reporter.pid,
        'reporter name': reporter.name,
        'reporter family name with given name': `${reporter.givenName} ${reporter.familyName}`,
        'professional fnr': professional.pid,
        'professional name': professional.name,
        'child name (private)': 'Ola Åsheim',
        'child name (professional)': 'Nora Bakke',
        'second child': 'Emil Bakke',
        'guardian': 'Hanne Bakke',
        'child fnr': CHILD_FNR,
        'free-text canary': CANARY,
        'free text': 'Jeg hører roping og gråt',
        'consent / reason text': 'Han er for liten',
        'teacher e-mail': 'kontaktlaerer@osloskolen.no',
      };
      for (const [label, secret] of Object.entries(secrets)) {
        for (const form of forms(secret)) {
          const hit = lines.find((l) => l.includes(form));
          assert.equal(hit, undefined, `${label} appears in a log line: ${hit?.slice(0, 300)}`);
        }
      }
      // Nothing that looks like an 11-digit national id number, anywhere.
      const elevenDigits = lines.find((l) => /(?<!\d)\d{11}(?!\d)/.test(l));
      assert.equal(elevenDigits, undefined, `an 11-digit number in the log: ${elevenDigits?.slice(0, 300)}`);
      // Every line is structured JSON from pino (no stray console output or stack traces).
      for (const line of lines) {
        assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line.slice(0, 200)}`);
        assert.doesNotMatch(line, /\\n\s+at /, `a stack trace in the log: ${line.slice(0, 300)}`);
      }
    });
  });
}
