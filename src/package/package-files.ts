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
