// Opens one delivered package on the receiving side: decrypt with the service's key, verify the
// portal's signature and every file's digest, validate the Fiks JSON, and write the files out.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { decryptEnvelopedData } from '../../crypto/index.ts';
import { openAsice } from '../../package/asice.ts';
import { validateFiksDocument } from '../../domain/fiks/validate-fiks.ts';
import type { FiksSchemaMessageType } from '../../domain/fiks/message-types.ts';

export interface ReceiverKeys {
  /** Key pairs of this service: every certificate still in use, so rotation does not strand packages. */
  pairs: { privateKeyPem: string; certificatePem: string }[];
  /** The portal's signing certificate(s), pinned out of band. */
  trustedSignersPem: string[];
}

/** Why a package was refused; sent back as the `feilet` receipt's text. No report content. */
export class ReceiveError extends Error {}

/** Reads `<stem>.key.pem` + `<stem>.cert.pem` pairs from a receiver folder (DATA_DIR/receivers/<orgnr>). */
export function loadReceiverKeyPairs(dir: string): ReceiverKeys['pairs'] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.key.pem') && f !== 'integration.key.pem')
    .map((f) => f.slice(0, -'.key.pem'.length))
    .filter((stem) => existsSync(join(dir, `${stem}.cert.pem`)))
    .map((stem) => ({ privateKeyPem: readFileSync(join(dir, `${stem}.key.pem`), 'utf8'), certificatePem: readFileSync(join(dir, `${stem}.cert.pem`), 'utf8') }));
}

export interface ReceivedMessage {
  folder: string;
  files: string[];
  messageType: string;
}

export interface OpenedPackage {
  /** Every file of the package by name, digests and signature checked. */
  files: Map<string, Uint8Array>;
  /** The Fiks JSON, valid against the KS schema of the message type. */
  document: Record<string, unknown>;
  signingTime: Date | undefined;
}

/**
 * Decrypts, verifies and validates one package. Throws ReceiveError (with a reason fit to send back
 * as `feilet`) when it cannot be trusted: not for our keys, signature or digests wrong, not signed by
 * the pinned portal, JSON missing or invalid, or addressed to another municipality than listed.
 */
export async function openPackage(
  ciphertext: Uint8Array,
  message: { meldingstype: string; kommunenummer?: string; bydelsnummer?: string },
  keys: ReceiverKeys,
): Promise<OpenedPackage> {
  let zip: Uint8Array | undefined;
  for (const pair of keys.pairs) {
    try {
      zip = await decryptEnvelopedData(ciphertext, pair.privateKeyPem, pair.certificatePem);
      break;
    } catch {
      // Not for this key; try the next (the package names its recipient by certificate).
    }
  }
  if (!zip) throw new ReceiveError('Kunne ikke dekryptere pakken med noen av tjenestens nøkler.');
  let opened: Awaited<ReturnType<typeof openAsice>>;
  try {
    opened = await openAsice(zip, { trustedCertificatesPem: keys.trustedSignersPem });
  } catch (error) {
    throw new ReceiveError(`Pakken kunne ikke verifiseres: ${(error as { code?: string }).code ?? 'ukjent feil'}.`);
  }
  // The Fiks document is the file the signed manifest marks as the main one (Rootfile), as KS's
  // packages do; a package that marks none has it first, as Meldeportal's did before it marked one.
  const documentName = opened.rootFile ?? [...opened.files.keys()][0]!;
  const json = opened.files.get(documentName)!;
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new ReceiveError(`${documentName} er ikke gyldig JSON.`);
  }
  const validation = validateFiksDocument(message.meldingstype as FiksSchemaMessageType, document);
  if (!validation.valid) throw new ReceiveError(`${documentName} følger ikke skjemaet for ${message.meldingstype}.`);
  const addressed = document as { kommunenummer?: unknown; bydelsnummer?: unknown };
  if (
    (message.kommunenummer !== undefined && addressed.kommunenummer !== message.kommunenummer) ||
    (message.bydelsnummer !== undefined && addressed.bydelsnummer !== message.bydelsnummer)
  ) {
    throw new ReceiveError('Meldingen er adressert til en annen kommune eller bydel enn oppgitt.');
  }
  return { files: opened.files, document: document as Record<string, unknown>, signingTime: opened.signingTime };
}

export async function receiveMessage(
  ciphertext: Uint8Array,
  message: { id: string; referanse: string; meldingstype: string; kommunenummer?: string; bydelsnummer?: string },
  keys: ReceiverKeys,
  outDir: string,
): Promise<ReceivedMessage> {
  const opened = await openPackage(ciphertext, message, keys);
  // Written to a temporary folder and renamed: a crash leaves no half-written report behind, and a
  // second delivery of the same message replaces the first.
  const folder = join(outDir, message.referanse);
  const tmp = join(outDir, `.${message.referanse}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  const written: string[] = [];
  for (const [name, content] of opened.files) {
    const target = normalize(join(tmp, name));
    if (!target.startsWith(tmp + sep)) throw new ReceiveError('Pakken har et filnavn utenfor mappen.');
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, content, { mode: 0o600 });
    written.push(name);
  }
  writeFileSync(join(tmp, 'mottak.json'), JSON.stringify({ id: message.id, referanse: message.referanse, meldingstype: message.meldingstype, signert: opened.signingTime?.toISOString() ?? null }, null, 2));
  rmSync(folder, { recursive: true, force: true });
  renameSync(tmp, folder);
  return { folder, files: written.sort(), messageType: message.meldingstype };
}
