// Mottak opens a package only when every check holds; each kind of tampering gets its own reason,
// which goes back to the portal as the `feilet` text (so it must never quote report content).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { encryptEnvelopedData, generateServiceCredentials, signDetached, type ServiceCredentials } from '../../../src/crypto/index.ts';
import { ASIC_MANIFEST_PATH, ASIC_SIGNATURE_PATH, buildAsice, type AsiceFile } from '../../../src/package/asice.ts';
import { mapReportToFiks } from '../../../src/domain/fiks/map-to-fiks.ts';
import { openPackage, ReceiveError, type ReceiverKeys } from '../../../src/mottak/receiver/receive-message.ts';
import { samplePrivateReport } from '../../kit/fixtures/reports.ts';

const encoder = new TextEncoder();

describe('opening a package in mottak', () => {
  let portal: ServiceCredentials;
  let intruder: ServiceCredentials;
  let service: ServiceCredentials;
  let otherService: ServiceCredentials;
  let keys: ReceiverKeys;
  const report = samplePrivateReport();
  const fiks = mapReportToFiks(report);
  const listing = { meldingstype: fiks.messageType, kommunenummer: fiks.document.kommunenummer, bydelsnummer: fiks.document.bydelsnummer };

  before(async () => {
    [portal, intruder, service, otherService] = await Promise.all([
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' }),
      generateServiceCredentials({ commonName: 'Barneverntjenesten', organizationName: 'Kommune', orgnr: '999001602' }),
      generateServiceCredentials({ commonName: 'Barneverntjenesten', organizationName: 'Annen kommune', orgnr: '999001718' }),
    ]);
    keys = { pairs: [{ privateKeyPem: service.privateKeyPem, certificatePem: service.certificatePem }], trustedSignersPem: [portal.certificatePem] };
  });

  async function packageOf(json: string, options: { signer?: ServiceCredentials; recipient?: ServiceCredentials; files?: AsiceFile[] } = {}): Promise<Uint8Array> {
    const files: AsiceFile[] = options.files ?? [
      { name: 'bekymringsmelding.json', content: encoder.encode(json) },
      { name: 'bekymringsmelding.pdf', content: encoder.encode('%PDF-1.7\n') },
    ];
    const zip = await buildAsice(files, options.signer ?? portal, { mtime: new Date(2026, 0, 2, 10, 0, 0) });
    return encryptEnvelopedData(zip, (options.recipient ?? service).certificatePem);
  }

  async function refusal(pkg: Uint8Array, message = listing): Promise<string> {
    const error = await openPackage(pkg, message, keys).then(
      () => assert.fail('the package was accepted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ReceiveError, String(error));
    assert.ok(!error.message.includes(report.concern.whatHappened.slice(0, 20)), 'the reason quotes no report content');
    return error.message;
  }

  it('a sound package opens with its document and files', async () => {
    const opened = await openPackage(await packageOf(JSON.stringify(fiks.document)), listing, keys);
    assert.equal((opened.document as { kommunenummer: string }).kommunenummer, listing.kommunenummer);
    assert.deepEqual([...opened.files.keys()], ['bekymringsmelding.json', 'bekymringsmelding.pdf']);
  });

  it('the Fiks document is the file the signed manifest marks as the main one, whatever its name', async () => {
    const document = JSON.stringify(fiks.document);
    // Another sender's naming: the document under its own name, after nothing; a JSON of ours beside it.
    const files: AsiceFile[] = [
      { name: 'melding-7f3a.json', content: encoder.encode(document) },
      { name: 'meldeportal.json', content: encoder.encode('{"format":"meldeportal.report.v1"}') },
      { name: 'rapport.pdf', content: encoder.encode('%PDF-1.7\n') },
    ];
    const opened = await openPackage(await packageOf('', { files }), listing, keys);
    assert.equal((opened.document as { kommunenummer: string }).kommunenummer, listing.kommunenummer);
    // A main document that is not the Fiks JSON is refused, naming the file and not its content.
    const pdfFirst: AsiceFile[] = [files[2]!, files[0]!];
    assert.match(await refusal(await packageOf('', { files: pdfFirst })), /^rapport\.pdf er ikke gyldig JSON/);
  });

  it('a package that marks no main document (as Meldeportal wrote them before) has its Fiks document first', async () => {
    // Re-signed without the Rootfile mark: what may still wait in a portal's outbox after an upgrade.
    const built = unzipSync(await buildAsice([{ name: 'bekymringsmelding.json', content: encoder.encode(JSON.stringify(fiks.document)) }, { name: 'bekymringsmelding.pdf', content: encoder.encode('%PDF-1.7\n') }], portal, { mtime: new Date(2026, 0, 2) }));
    const unmarked = encoder.encode(strFromU8(built[ASIC_MANIFEST_PATH]!).replace(' Rootfile="true"', ''));
    assert.doesNotMatch(strFromU8(unmarked), /Rootfile/);
    const zip = zipSync(
      { mimetype: [built.mimetype!, { level: 0 }], 'bekymringsmelding.json': built['bekymringsmelding.json']!, 'bekymringsmelding.pdf': built['bekymringsmelding.pdf']!, [ASIC_MANIFEST_PATH]: unmarked, [ASIC_SIGNATURE_PATH]: await signDetached(unmarked, portal) },
      { mtime: new Date(2026, 0, 2) },
    );
    const opened = await openPackage(await encryptEnvelopedData(zip, service.certificatePem), listing, keys);
    assert.equal((opened.document as { kommunenummer: string }).kommunenummer, listing.kommunenummer);
  });

  it('refuses a package encrypted to another service', async () => {
    assert.match(await refusal(await packageOf(JSON.stringify(fiks.document), { recipient: otherService })), /dekryptere/);
  });

  it('refuses a package signed by anyone but the pinned portal', async () => {
    assert.match(await refusal(await packageOf(JSON.stringify(fiks.document), { signer: intruder })), /verifiseres/);
  });

  it('refuses JSON that does not parse and JSON that breaks the Fiks schema', async () => {
    assert.match(await refusal(await packageOf('{"kommunenummer": ')), /ikke gyldig JSON/);
    assert.match(await refusal(await packageOf(JSON.stringify({ ...fiks.document, privatBarn: [] }))), /følger ikke skjemaet/);
  });

  it('refuses a report addressed to another municipality than the listing says', async () => {
    const pkg = await packageOf(JSON.stringify(fiks.document));
    assert.match(await refusal(pkg, { ...listing, kommunenummer: '4601' }), /annen kommune/);
  });
});
