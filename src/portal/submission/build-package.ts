// The package the receiving service gets, shaped as a Fiks ASiC-E container: `mimetype` first and
// uncompressed, the Fiks JSON and the PDF, our full structured report beside them (Fiks receivers
// ignore it; ours reads SSB codes and urgency from it), the attachments, and the portal's CAdES
// signature over a manifest of all of them in META-INF/ (docs/decisions/006-package-signature.md).
import type { Report } from '../../domain/report.ts';
import type { FiksMessage } from '../../domain/fiks/fiks-document.ts';
import { ASICE_MIMETYPE, buildAsice, type AsiceFile, type AsiceSigner } from '../../package/asice.ts';
import { MELDEPORTAL_REPORT_FORMAT, PACKAGE_FILE_NAMES, attachmentPaths } from '../../package/package-files.ts';

export { ASICE_MIMETYPE, MELDEPORTAL_REPORT_FORMAT, PACKAGE_FILE_NAMES };

export interface PackageAttachment {
  fileName: string;
  content: Uint8Array;
}

export interface PackageInput {
  report: Report;
  reference: string;
  fiks: FiksMessage;
  pdf: Uint8Array;
  attachments: PackageAttachment[];
  /** The portal's signing key and certificate (loadSigningCredentials). */
  signer: AsiceSigner;
}

export async function buildPackage(input: PackageInput): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const files: AsiceFile[] = [
    { name: PACKAGE_FILE_NAMES.fiksDocument, content: encoder.encode(JSON.stringify(input.fiks.document, null, 2)) },
    { name: PACKAGE_FILE_NAMES.pdf, content: input.pdf },
    {
      name: PACKAGE_FILE_NAMES.report,
      content: encoder.encode(
        JSON.stringify({ format: MELDEPORTAL_REPORT_FORMAT, reference: input.reference, messageType: input.fiks.messageType, report: input.report }, null, 2),
      ),
    },
  ];
  const paths = attachmentPaths(input.attachments.map((a) => a.fileName));
  input.attachments.forEach((attachment, i) => files.push({ name: paths[i]!, content: attachment.content }));
  // Fixed timestamps: the package must not reveal more than the report itself says.
  return buildAsice(files, input.signer, { mtime: input.report.submittedAt });
}
