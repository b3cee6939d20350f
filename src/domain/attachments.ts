// Attachments are accepted by what they are, not by what they are called: the first bytes decide.
import type { AttachmentContentType } from './report.ts';

export function detectAttachmentType(content: Uint8Array): AttachmentContentType | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => content[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return undefined;
}

const EXTENSIONS: Record<AttachmentContentType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/** A file name safe to show and to put in a zip: no path, no control characters, the right extension. */
export function safeAttachmentName(original: string, type: AttachmentContentType, index: number): string {
  const base = (original.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029"*:<>?|]/gu, '')
    .replace(/\.(pdf|jpe?g|png)$/i, '')
    .trim()
    .slice(0, 80);
  return `${base || `vedlegg-${index + 1}`}${EXTENSIONS[type]}`;
}
