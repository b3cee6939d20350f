// The package the receiving service gets, shaped as a Fiks ASiC-E container: `mimetype` first and
// uncompressed, the Fiks JSON and the PDF, our full structured report beside them (Fiks receivers
// ignore it; ours reads SSB codes and urgency from it), and the attachments.
// The CAdES signature in META-INF/ comes with the delivery issue.
import { zipSync, type Zippable } from 'fflate';
import type { Report } from '../../domain/report.ts';
import type { FiksMessage } from '../../domain/fiks/map-to-fiks.ts';

export const ASICE_MIMETYPE = 'application/vnd.etsi.asic-e+zip';

export interface PackageAttachment {
  fileName: string;
  content: Uint8Array;
}

export function buildPackage(input: { report: Report; reference: string; fiks: FiksMessage; pdf: Uint8Array; attachments: PackageAttachment[] }): Uint8Array {
  const encoder = new TextEncoder();
  const files: Zippable = {
    mimetype: [encoder.encode(ASICE_MIMETYPE), { level: 0 }],
    'bekymringsmelding.json': encoder.encode(JSON.stringify(input.fiks.document, null, 2)),
    'bekymringsmelding.pdf': [input.pdf, { level: 0 }],
    'meldeportal.json': encoder.encode(
      JSON.stringify({ format: 'meldeportal.report.v1', reference: input.reference, messageType: input.fiks.messageType, report: input.report }, null, 2),
    ),
  };
  const used = new Set<string>();
  for (const attachment of input.attachments) {
    let name = `vedlegg/${attachment.fileName}`;
    for (let i = 2; used.has(name); i++) name = `vedlegg/${i}-${attachment.fileName}`;
    used.add(name);
    files[name] = [attachment.content, { level: 0 }];
  }
  // Fixed timestamps: the package must not reveal more than the report itself says.
  return zipSync(files, { mtime: input.report.submittedAt });
}
