// How the reporter can be told that there is feedback: a professional's email (required on the
// form), a private reporter's phone (optional). Encrypted at submit, while the plaintext exists, to
// the notice provider's certificate, like the print copy to the print provider: the portal's
// database never holds the address in a form it can read.
import { encryptEnvelopedData } from '../../crypto/index.ts';
import type { Report } from '../../domain/report.ts';
import type { NoticeChannel } from '../db/schema.ts';

export interface EncryptedNoticeContact {
  channel: NoticeChannel;
  /** CMS EnvelopedData of the address alone (UTF-8), nothing else from the report. */
  ciphertext: Buffer;
}

/** The contact for notices, encrypted; undefined when the reporter gave none. */
export async function encryptNoticeContact(report: Report, noticeCertificatePem: string, at: Date): Promise<EncryptedNoticeContact | undefined> {
  const contact =
    report.reporterType === 'professional'
      ? { channel: 'email' as const, address: report.professionalReporter.email.trim() }
      : { channel: 'sms' as const, address: report.privateReporter.phone.trim() };
  if (!contact.address) return undefined;
  const ciphertext = Buffer.from(await encryptEnvelopedData(new TextEncoder().encode(contact.address), noticeCertificatePem, { at }));
  return { channel: contact.channel, ciphertext };
}
