// Which of a report's files a caseworker may open in the browser rather than download: only PDF, PNG
// and JPEG, the types the portal accepts as attachments and the browser shows without running
// anything of ours. The stored type comes from the file name; the bytes must agree before a file is
// served inline, so a misnamed file is downloaded rather than rendered.
const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

export function isViewableInBrowser(contentType: string): boolean {
  return Object.hasOwn(SIGNATURES, contentType);
}

/** The stored type is one we show inline and the file's first bytes say the same. */
export function canShowInline(contentType: string, content: Uint8Array): boolean {
  const signature = isViewableInBrowser(contentType) ? SIGNATURES[contentType] : undefined;
  return signature !== undefined && signature.every((byte, i) => content[i] === byte);
}
