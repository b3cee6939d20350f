// What delivery needs at run time: the outbox, a clock, the portal's signing credentials, the print
// and notice providers' certificates and their channels. All of it from the files the configuration
// names (development points it at pairs it keeps in DATA_DIR: src/dev/dev-credentials.ts).
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { type PortalDatabase } from '../db/portal-database.ts';
import { systemClock, type Clock } from '../../clock.ts';
import { loadSigningCredentials } from '../submission/signing-credentials.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { folderPrintAdapter, httpPrintAdapter, type PrintAdapter } from './print-adapter.ts';
import { folderNoticeAdapter, httpNoticeAdapter, type NoticeAdapter } from './notice-adapter.ts';

export interface Signer {
  privateKeyPem: string;
  certificatePem: string;
}

export interface DeliveryServices {
  outbox: Outbox;
  clock: Clock;
  signer: Signer;
  printCertificatePem: string;
  printAdapter: PrintAdapter;
  /** The reporter's contact is encrypted to this at submit, so only the notice provider can read it. */
  noticeCertificatePem: string;
  noticeAdapter: NoticeAdapter;
}

export async function prepareDeliveryServices(
  config: Config,
  database: PortalDatabase,
  options: { clock?: Clock; onOutboxError: (error: Error) => void },
): Promise<DeliveryServices> {
  const signer = await loadSigningCredentials(config.signing);
  const printCertificatePem = readFileSync(requiredFile(config.print.certificateFile, 'PRINT_CERTIFICATE_FILE'), 'utf8');
  const printAdapter = config.print.adapter === 'http' ? httpPrintAdapter(config.print.apiUrl!) : folderPrintAdapter(config.print.outboxDir);
  const noticeCertificatePem = readFileSync(requiredFile(config.notice.certificateFile, 'NOTICE_CERTIFICATE_FILE'), 'utf8');
  const noticeAdapter = config.notice.adapter === 'http' ? httpNoticeAdapter(config.notice.apiUrl!) : folderNoticeAdapter(config.notice.outboxDir);
  const outbox = await openOutbox(database.pool, options.onOutboxError);
  return { outbox, clock: options.clock ?? systemClock, signer, printCertificatePem, printAdapter, noticeCertificatePem, noticeAdapter };
}

function requiredFile(file: string | undefined, setting: string): string {
  if (!file) throw new Error(`${setting} is required: the portal encrypts to this certificate and makes none of its own`);
  return file;
}
