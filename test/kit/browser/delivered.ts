// Opens a submitted report the way its receiving service does: the stored CMS envelope, decrypted
// with openssl and the service's own key (which the portal never reads), then the ASiC-E zip.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { TestPortal } from '../portal.ts';

export interface DeliveredReport {
  kommunenummer: string;
  bydelsnummer: string | null;
  serviceName: string;
  messageType: string;
  files: Record<string, Uint8Array>;
  /** The Fiks bekymringsmelding document. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fiks: any;
}

export async function openDeliveredReport(portal: TestPortal, reference: string): Promise<DeliveredReport> {
  const db = portal.database.db;
  const row = await db.selectFrom('reports').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  const service = await db.selectFrom('services').select(['orgnr', 'name']).where('id', '=', row.service_id).executeTakeFirstOrThrow();
  const keyDir = join(portal.dataDir, 'receivers', service.orgnr);
  const keyFile = readdirSync(keyDir).find((f) => f.endsWith('.key.pem'));
  if (!keyFile || !row.package) throw new Error(`no key or package for ${reference}`);
  const envelope = join(portal.dataDir, `e2e-${reference}.cms`);
  writeFileSync(envelope, row.package);
  const zip = execFileSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', envelope, '-inkey', join(keyDir, keyFile), '-binary']);
  const files = unzipSync(new Uint8Array(zip));
  const json = files['bekymringsmelding.json'];
  if (!json) throw new Error('package has no bekymringsmelding.json');
  return {
    kommunenummer: row.kommunenummer,
    bydelsnummer: row.bydelsnummer,
    serviceName: service.name,
    messageType: row.message_type,
    files,
    fiks: JSON.parse(strFromU8(json)),
  };
}

/** The text of a PDF, whitespace collapsed (poppler's pdftotext). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
