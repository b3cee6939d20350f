// The attachment page's form arrives as multipart: one file and a few small fields. How such a body is
// parsed, and what the upload route reads from it. The file is read whole: it is checked and cleaned
// before anything of it is kept.
import type { FastifyMultipartAttachFieldsToBodyOptions } from '@fastify/multipart';
import { AppError } from '../../web/errors.ts';
import { MAX_ATTACHMENT_BYTES } from '../../domain/report.ts';

export const UPLOAD_FORM_OPTIONS: FastifyMultipartAttachFieldsToBodyOptions = {
  attachFieldsToBody: true,
  throwFileSizeLimit: false,
  limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  // A body cut short inside a file ends the file's stream early: the sender's mistake, a 400 like
  // any other malformed body, not a failure of ours.
  async onFile(part) {
    try {
      await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') throw new AppError('BAD_REQUEST', 'multipart body ended inside a file');
      throw error;
    }
  },
};

/** The file as it came: its name (at most 100 characters), and whether the size limit cut it short. */
export interface UploadedFile {
  name: string;
  truncated: boolean;
  content: Buffer;
}

export interface UploadForm {
  /** A text field's value; '' where the field is missing or is not text. */
  field(name: string): string;
  /** Missing where the body holds no file part. */
  file: UploadedFile | undefined;
}

export async function readUploadForm(body: unknown): Promise<UploadForm> {
  const parts = (body ?? {}) as Record<string, { type?: string; value?: unknown } | undefined>;
  const field = (name: string) => (parts[name]?.type === 'field' && typeof parts[name].value === 'string' ? parts[name].value : '');
  const part = parts.file as { type?: string; filename?: string; file?: { truncated?: boolean }; toBuffer?: () => Promise<Buffer> } | undefined;
  const file = part?.type === 'file' && part.toBuffer ? { name: String(part.filename ?? '').slice(0, 100), truncated: part.file?.truncated === true, content: await part.toBuffer() } : undefined;
  return { field, file };
}
