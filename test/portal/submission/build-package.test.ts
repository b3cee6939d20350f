// The portal's package as a receiving system opens it: signed by the portal, with the Fiks files,
// our report and every attachment, and nothing else outside META-INF/.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateServiceCredentials, pemToDer, type ServiceCredentials } from '../../../src/crypto/index.ts';
import { mapReportToFiks } from '../../../src/domain/fiks/map-to-fiks.ts';
import { validateFiksDocument } from '../../../src/domain/fiks/validate-fiks.ts';
import { openAsice } from '../../../src/package/asice.ts';
import { buildPackage, MELDEPORTAL_REPORT_FORMAT, PACKAGE_FILE_NAMES } from '../../../src/portal/submission/build-package.ts';
import { samplePrivateReport } from '../../kit/fixtures/reports.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('buildPackage', () => {
  let signer: ServiceCredentials;

  before(async () => {
    signer = await generateServiceCredentials({ commonName: 'Meldeportal signering', organizationName: 'Meldeportal', orgnr: '999000002', usage: 'signing' });
  });

  test('a receiver that pins the portal certificate opens the report, its PDF and every attachment', async () => {
    const report = samplePrivateReport();
    const fiks = mapReportToFiks(report);
    const pdf = encoder.encode('%PDF-1.7 stand-in');
    const attachments = [
      { fileName: 'bilde.jpg', content: encoder.encode('first') },
      { fileName: 'bilde.jpg', content: encoder.encode('second, same name') },
      { fileName: 'rapport\uFFFF.pdf', content: encoder.encode('a name XML cannot carry') },
    ];
    const pkg = await buildPackage({ report, reference: 'BM-7K4Q-2XH9', fiks, pdf, attachments, signer });

    const opened = await openAsice(pkg, { trustedCertificatesPem: [signer.certificatePem] });
    assert.deepEqual(pemToDer(opened.signerCertificatePem), pemToDer(signer.certificatePem));
    assert.deepEqual([...opened.files.keys()], [
      PACKAGE_FILE_NAMES.fiksDocument,
      PACKAGE_FILE_NAMES.pdf,
      PACKAGE_FILE_NAMES.report,
      'vedlegg/bilde.jpg',
      'vedlegg/2-bilde.jpg',
      'vedlegg/rapport_.pdf',
    ]);
    assert.equal(decoder.decode(opened.files.get('vedlegg/2-bilde.jpg')), 'second, same name');
    assert.deepEqual(opened.files.get(PACKAGE_FILE_NAMES.pdf), pdf);
    const document = JSON.parse(decoder.decode(opened.files.get(PACKAGE_FILE_NAMES.fiksDocument)));
    assert.deepEqual(validateFiksDocument(fiks.messageType, document), { valid: true });
    const ours = JSON.parse(decoder.decode(opened.files.get(PACKAGE_FILE_NAMES.report)));
    assert.equal(ours.format, MELDEPORTAL_REPORT_FORMAT);
    assert.equal(ours.reference, 'BM-7K4Q-2XH9');
    assert.equal(ours.messageType, fiks.messageType);
  });
});
