// The attachments that go into a package: each file's stored bytes, cleaned when it was uploaded
// (decision 019). A file in a draft begun before uploads were cleaned is cleaned here instead, and
// refused just as it would have been at upload, so nothing reaches a service uncleaned.
import type { AttachmentMeta } from '../../domain/report.ts';
import type { CleanRefusal, UploadCleaner } from '../uploads/upload-cleaner.ts';
import type { PackageAttachment } from './build-package.ts';

export type LoadedAttachments =
  | { kind: 'loaded'; files: PackageAttachment[]; attachments: AttachmentMeta[] }
  /** The draft's bytes are gone (expired between the summary and the submit). */
  | { kind: 'missing' }
  | { kind: 'refused'; attachment: AttachmentMeta; refusal: CleanRefusal };

export async function loadAttachments(attachments: AttachmentMeta[], load: (id: string) => Promise<Buffer | undefined>, cleaner: UploadCleaner): Promise<LoadedAttachments> {
  const files: PackageAttachment[] = [];
  const metas: AttachmentMeta[] = [];
  for (const meta of attachments) {
    const stored = await load(meta.id);
    if (!stored) return { kind: 'missing' };
    if (meta.cleaned) {
      files.push({ fileName: meta.fileName, content: stored });
      metas.push(meta);
      continue;
    }
    const outcome = await cleaner.clean(stored, meta.contentType);
    if (!outcome.ok) return { kind: 'refused', attachment: meta, refusal: outcome.refusal };
    files.push({ fileName: meta.fileName, content: outcome.content });
    metas.push({ ...meta, size: outcome.content.length, cleaned: { removed: outcome.removed } });
  }
  return { kind: 'loaded', files, attachments: metas };
}
