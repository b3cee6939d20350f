// One uploaded file into the draft: checked (its size, its type by its content, how many files, how
// much in all), cleaned, and stored sealed under the draft's key. A refusal names its message code
// and parameters for the page to word; the draft changes only when the file is kept.
import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../domain/report.ts';
import { detectAttachmentType, safeAttachmentName } from '../../domain/attachments.ts';
import { refusalParams, type UploadCleaner } from '../uploads/upload-cleaner.ts';
import { saveDraftAttachment } from './draft-store.ts';
import type { Journey } from './journey-session.ts';
import type { UploadedFile } from './upload-form.ts';

export interface AttachmentRefusal {
  code: string;
  params: Record<string, string | number>;
}

export async function addAttachment(app: FastifyInstance, journey: Journey, file: UploadedFile, cleaner: UploadCleaner): Promise<AttachmentRefusal | undefined> {
  const uploads = app.config.uploads;
  const draft = journey.stored.draft;
  const { name, content } = file;
  if (file.truncated || content.length > MAX_ATTACHMENT_BYTES) return { code: 'fileTooLarge', params: { name } };
  if (content.length === 0) return { code: 'fileEmpty', params: { name } };
  const contentType = detectAttachmentType(content);
  if (!contentType) return { code: 'fileType', params: { name } };
  if (draft.attachments.length >= uploads.maxFiles) return { code: 'tooManyFiles', params: { name, max: uploads.maxFiles } };
  const cleaned = await cleaner.clean(content, contentType);
  if (!cleaned.ok) return { code: cleaned.refusal, params: refusalParams(name) };
  const total = draft.attachments.reduce((sum, a) => sum + a.size, 0);
  if (total + cleaned.content.length > uploads.maxTotalBytes) return { code: 'filesTotalTooLarge', params: { name, max: uploads.maxTotalBytes / 1024 / 1024 } };
  const id = await saveDraftAttachment(app.database.db, journey.stored.id, journey.key, cleaned.content);
  draft.attachments.push({ id, fileName: safeAttachmentName(name, contentType, draft.attachments.length), contentType, size: cleaned.content.length, cleaned: { removed: cleaned.removed } });
  return undefined;
}
