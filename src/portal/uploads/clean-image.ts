// Re-encodes an uploaded photo so that only its pixels travel (decision 019): turned upright by its
// EXIF orientation, then written anew in sRGB without EXIF (where and with which phone it was
// taken), XMP, IPTC, comments or a colour profile. libvips works on libuv's thread pool, so the
// event loop only waits; the pixel limit is read from the header before anything is decoded.
import sharp, { type Metadata } from 'sharp';
import type { AttachmentContentType, RemovedContent } from '../../domain/report.ts';

// libvips would keep recent pictures in its operation cache; a reporter's photo should not outlive its upload.
sharp.cache(false);

export interface ImageBudget {
  maxPixels: number;
  seconds: number;
}

export type ImageRefusal = 'imageUnreadable' | 'imageTooManyPixels';

export type ImageCleanOutcome = { ok: true; content: Uint8Array; removed: RemovedContent[] } | { ok: false; refusal: ImageRefusal };

export async function cleanImage(content: Uint8Array, type: Exclude<AttachmentContentType, 'application/pdf'>, budget: ImageBudget): Promise<ImageCleanOutcome> {
  let metadata: Metadata;
  try {
    // The header alone, so the size can be named before anything is decoded.
    metadata = await sharp(content, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, refusal: 'imageUnreadable' };
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > budget.maxPixels) return { ok: false, refusal: 'imageTooManyPixels' };
  // The limit once more where the pixels are decoded; a decoding error is the file's, and the
  // reporter is asked for another one.
  const pipeline = sharp(content, { limitInputPixels: budget.maxPixels, failOn: 'error' }).autoOrient().toColourspace('srgb').timeout({ seconds: budget.seconds });
  let output: Buffer;
  try {
    output = await (type === 'image/jpeg' ? pipeline.jpeg({ quality: 90 }) : pipeline.png()).toBuffer();
  } catch {
    return { ok: false, refusal: 'imageUnreadable' };
  }
  const hidden = metadata.exif || metadata.xmp || metadata.iptc || metadata.icc || metadata.tifftagPhotoshop || metadata.comments?.length;
  return { ok: true, content: output, removed: hidden ? ['metadata'] : [] };
}
