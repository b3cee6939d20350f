// The files of a report package that the portal writes and a receiving system reads
// (docs/decisions/005-fiks-package.md). Side-neutral, like the rest of this folder.

export const PACKAGE_FILE_NAMES = {
  /** The Fiks v2 bekymringsmelding JSON, valid against KS's schema for the message type. */
  fiksDocument: 'bekymringsmelding.json',
  /** The PDF/A-2b rendering of the report. */
  pdf: 'bekymringsmelding.pdf',
  /** Our full structured report (format MELDEPORTAL_REPORT_FORMAT), which Fiks receivers ignore. */
  report: 'meldeportal.json',
  /** Folder of the attachments, each `vedlegg/<name>` (`vedlegg/<n>-<name>` when names repeat). */
  attachmentsFolder: 'vedlegg/',
} as const;

export const MELDEPORTAL_REPORT_FORMAT = 'meldeportal.report.v1';

/**
 * The path of each attachment in the package, in the order given: `vedlegg/<name>`, and
 * `vedlegg/<n>-<name>` for a name already taken. Our structured report lists the attachments in the
 * same order, so a receiver finds each one's details by its path.
 */
export function attachmentPaths(fileNames: string[]): string[] {
  const used = new Set<string>();
  return fileNames.map((fileName) => {
    const safe = xmlSafeFileName(fileName);
    let path = `${PACKAGE_FILE_NAMES.attachmentsFolder}${safe}`;
    for (let i = 2; used.has(path); i++) path = `${PACKAGE_FILE_NAMES.attachmentsFolder}${i}-${safe}`;
    used.add(path);
    return path;
  });
}

/**
 * Attachment names are already stripped of paths and control characters when uploaded; the signed
 * manifest is XML 1.0, which cannot carry U+FFFE/U+FFFF or unpaired surrogates even escaped, so a
 * name holding one would otherwise stop the whole report at submit.
 */
function xmlSafeFileName(fileName: string): string {
  return fileName.replace(/[\p{Cc}\p{Cs}\uFFFE\uFFFF/\\]/gu, '_');
}
