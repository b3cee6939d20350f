// The KS Fiks JSON schemas, read from the reference data (data/fiks-bekymringsmelding, byte for byte
// as KS publishes them). With innsyn/innsyn-schemas.ts the only files in src/domain that touch the file
// system, and they only read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir } from '../../reference-data.ts';
import { FIKS_MESSAGE_TYPES, type FiksSchemaMessageType } from './message-types.ts';

/**
 * Where the schemas' `$ref`s to the address schema land. v2 says `../adresse.json` and v1
 * `adresse.json` / `./adresse.json`; resolved against their `$id`s (https://fiks.ks.no/bekymringsmelding.*.json)
 * all become this URI, while adresse.json declares `$id` https://fiks.ks.no/bekymringsmelding.adresse.json.
 * KS's own tooling resolves by file path, so the mismatch never shows there; an id-resolving validator
 * needs the address schema registered under this URI.
 */
export const FIKS_ADRESSE_REF_URI = 'https://fiks.ks.no/adresse.json';

const SCHEMA_FILES: Record<FiksSchemaMessageType, string> = {
  [FIKS_MESSAGE_TYPES.privatV2]: 'v2/privat.bekymringsmelding.v2.json',
  [FIKS_MESSAGE_TYPES.offentligV2]: 'v2/offentlig.bekymringsmelding.v2.json',
  [FIKS_MESSAGE_TYPES.privatV1]: 'privat.bekymringsmelding.v1.json',
  [FIKS_MESSAGE_TYPES.offentligV1]: 'offentlig.bekymringsmelding.v1.json',
  [FIKS_MESSAGE_TYPES.feiletV1]: 'feilmelding.json',
};

export type JsonSchema = Record<string, unknown>;

export interface FiksSchemas {
  /** adresse.json with `$id` replaced by FIKS_ADRESSE_REF_URI (see there). */
  adresse: JsonSchema;
  byMessageType: Record<FiksSchemaMessageType, JsonSchema>;
}

export function fiksSchemaDir(dataDir = referenceDataDir()): string {
  return join(dataDir, 'fiks-bekymringsmelding', 'schema', 'domain');
}

function readSchema(dir: string, file: string): JsonSchema {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema;
}

let cached: FiksSchemas | undefined;

/** Read once per process: the files do not change while we run. */
export function loadFiksSchemas(): FiksSchemas {
  cached ??= readFiksSchemas(referenceDataDir());
  return cached;
}

export function readFiksSchemas(dataDir: string): FiksSchemas {
  const dir = fiksSchemaDir(dataDir);
  const adresse = { ...readSchema(dir, 'adresse.json'), $id: FIKS_ADRESSE_REF_URI };
  const byMessageType = Object.fromEntries(
    Object.entries(SCHEMA_FILES).map(([type, file]) => [type, readSchema(dir, file)]),
  ) as Record<FiksSchemaMessageType, JsonSchema>;
  return { adresse, byMessageType };
}
