// Submitting as an application function, without HTTP: plain values in, a receipt out, and what it
// hands the store is ciphertext a receiving service opens into a signed Fiks package. The same
// function will serve citizens' messages and Fiks IO; the form's route is only one way into it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decryptEnvelopedData, generateServiceCredentials, type ServiceCredentials } from '../../../src/crypto/index.ts';
import { openAsice } from '../../../src/package/asice.ts';
import { systemClock } from '../../../src/clock.ts';
import type { ReportDraft } from '../../../src/domain/report.ts';
import { createPdfRenderer } from '../../../src/portal/submission/pdf-renderer.ts';
import { createUploadCleaner } from '../../../src/portal/uploads/upload-cleaner.ts';
import type { AcceptedReport, SubmissionStore } from '../../../src/portal/submission/submission-store.ts';
import { receiptKeyFor, submitDraft, type SubmitPorts } from '../../../src/portal/submission/submit-draft.ts';
import { samplePrivateReport } from '../../kit/fixtures/reports.ts';

/** A finished draft: every step answered, as the summary page shows it. */
function finishedDraft(): ReportDraft {
  const report = samplePrivateReport();
  return {
    reporterType: 'private',
    municipality: { kommunenummer: report.recipient.kommunenummer, name: report.recipient.kommunenavn, hasDistricts: false },
    recipient: report.recipient,
    children: report.children,
    guardians: report.guardians,
    guardiansAnswered: true,
    concern: report.concern,
    privateReporter: report.privateReporter,
    attachments: [],
    attachmentsAnswered: true,
  };
}

/** The store as a list: what submitDraft hands over is what this test reads. */
function listStore(): SubmissionStore & { accepted: AcceptedReport[]; lost: boolean } {
  const store = {
    accepted: [] as AcceptedReport[],
    lost: false,
    loadAttachment: async () => undefined,
    async accept(accepted: AcceptedReport) {
      store.accepted.push(accepted);
      // `lost`: another submit of the same draft committed first.
      return store.lost ? undefined : accepted.reference;
    },
    async findSubmitted(draftId: string) {
      return store.accepted.find((a) => a.draftId === draftId)?.reference.replace(/.$/, 'X');
    },
  };
  return store;
}

describe('submitDraft', () => {
  let service: ServiceCredentials;
  let signer: ServiceCredentials;
  let provider: ServiceCredentials;
  const pdfRenderer = createPdfRenderer({ threads: 0 });
  const cleaner = createUploadCleaner({ threads: 0 });
  const logged: string[] = [];

  before(async () => {
    [service, signer, provider] = await Promise.all([
      generateServiceCredentials({ commonName: 'Barneverntjenesten i Bærum', organizationName: 'Bærum kommune', orgnr: '999001602' }),
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Print', organizationName: 'Print', orgnr: '999000207' }),
    ]);
  });
  after(async () => {
    await pdfRenderer.close();
    await cleaner.close();
  });

  function ports(store: SubmissionStore, certificate: boolean = true): SubmitPorts {
    return {
      clock: systemClock,
      store,
      currentCertificate: async () => (certificate ? { id: 'cert-1', certificatePem: service.certificatePem } : undefined),
      signer,
      printCertificatePem: provider.certificatePem,
      noticeCertificatePem: provider.certificatePem,
      renderPdf: (job) => pdfRenderer.render(job),
      cleaner,
      log: { info: (fields) => logged.push(JSON.stringify(fields)), error: (fields) => logged.push(JSON.stringify(fields)) },
    };
  }

  const person = { fnr: '13116900216', name: 'Kari Nordmann' };
  const input = (draft: ReportDraft, key = Buffer.alloc(32, 3)) => ({ draft: { id: 'draft-1', key, draft }, person, reporterHash: 'hash-of-kari', reporterLanguage: 'nb' as const });

  test('a finished draft becomes a receipt, and the store gets only ciphertext that the service opens into the signed Fiks package', async () => {
    const store = listStore();
    const result = await submitDraft(ports(store), input(finishedDraft()));
    assert.equal(result.kind, 'submitted');
    assert.ok(result.kind === 'submitted');
    assert.equal(result.reference, store.accepted[0]!.reference);
    assert.deepEqual(result.receiptKey, receiptKeyFor(Buffer.alloc(32, 3)), 'the browser keeps the key to its receipt copy');

    const accepted = store.accepted[0]!;
    const secret = 'roping og gråt';
    for (const bytes of [accepted.package, accepted.printPackage, accepted.noticeContact?.ciphertext ?? Buffer.alloc(0)]) {
      assert.equal(Buffer.from(bytes).includes(Buffer.from(secret)), false, 'no plaintext in what is stored');
    }
    assert.equal(accepted.reporterHash, 'hash-of-kari');
    const zip = await decryptEnvelopedData(accepted.package, service.privateKeyPem, service.certificatePem);
    const opened = await openAsice(zip, { trustedCertificatesPem: [signer.certificatePem] });
    const document = JSON.parse(new TextDecoder().decode(opened.files.get(opened.rootFile!)!)) as { kommunenummer: string };
    assert.equal(document.kommunenummer, '3201');
    assert.equal(Buffer.from(opened.files.get('bekymringsmelding.pdf')!.subarray(0, 4)).toString('latin1'), '%PDF');
    assert.ok(logged.every((line) => !line.includes(person.fnr) && !line.includes(secret)), 'the log holds codes and counts only');
  });

  test('a draft with a step left is sent back to that step, and nothing is stored', async () => {
    const store = listStore();
    const draft = { ...finishedDraft(), concern: undefined } as ReportDraft;
    assert.deepEqual(await submitDraft(ports(store), input(draft)), { kind: 'incomplete', step: 'bekymring' });
    assert.equal(store.accepted.length, 0);
  });

  test('a service without a valid certificate: the draft waits, nothing is stored, the operator is told', async () => {
    const store = listStore();
    logged.length = 0;
    const result = await submitDraft(ports(store, false), input(finishedDraft()));
    assert.deepEqual(result, { kind: 'recipientUnavailable', serviceId: samplePrivateReport().recipient.serviceId });
    assert.equal(store.accepted.length, 0);
    assert.match(logged.join('\n'), /NO_VALID_CERTIFICATE/);
  });

  test('when another submit of the same draft committed first, its reference is the answer', async () => {
    const store = listStore();
    store.lost = true;
    const result = await submitDraft(ports(store), input(finishedDraft()));
    assert.ok(result.kind === 'submitted');
    assert.equal(result.reference, store.accepted[0]!.reference.replace(/.$/, 'X'));
  });
});
