// KS's Fiks Innsyn schemas for barnevern (mappe, journalpost and their parts) and the
// innsynsforespørsel protocol, read from the reference data (data/fiks-innsyn, byte for byte as KS
// publishes them). With fiks/fiks-schemas.ts the only files in src/domain that touch the file system,
// and they only read.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { referenceDataDir } from '../../reference-data.ts';

export const INNSYN_DATA_DIR = 'fiks-innsyn';

/**
 * Where KS publishes the barnevern schemas; every `$id` under schema/ is this plus the file's path, so
 * a relative `$ref` ("part.v1.json", "../../types/int32.json") lands on the file it names.
 */
const INNSYN_BASE_URI = 'https://api.fiks.ks.no/innsyn/';

/** The `$id`s of the documents the portal validates. */
export const INNSYN_SCHEMA_IDS = {
  mappe: `${INNSYN_BASE_URI}schema/domain/barnevern/mappe.v1.json`,
  journalpost: `${INNSYN_BASE_URI}schema/domain/barnevern/journalpost.v1.json`,
  forespoerselSend: 'https://no.ks.fiks.innsynsforespoersel.journalpost.v1/forespoersel.send.schema.json',
  forespoerselSvar: 'https://no.ks.fiks.innsynsforespoersel.journalpost.v1/forespoersel.svar.schema.json',
} as const;

export type JsonSchema = Record<string, unknown>;

export interface InnsynSchemaFile {
  /** The path under data/fiks-innsyn, for messages. */
  file: string;
  schema: JsonSchema;
  /**
   * The URI the other schemas' relative `$ref`s use for this file, where it differs from the file's
   * own `$id`. barnevern/edialog.skjema.v1.json declares `$id` …/domain/mappe/edialog.skjema.v1.json
   * (the `$id` of KS's generic mappe schema of that name, which differs), while mappe and journalpost
   * refer to it as "edialog.skjema.v1.json" beside them, i.e. …/domain/barnevern/edialog.skjema.v1.json.
   * KS's own tooling resolves by file path, so the mismatch never shows there; an id-resolving
   * validator needs the schema under this URI as well.
   */
  alsoKnownAs?: string;
}

/**
 * Every schema in a copy: all of schema/ (the domain schemas and the types they `$ref`) and the
 * innsynsforespørsel messages (request, answer and the three errors). All of them are compiled, so
 * a copy with a broken schema is refused even where the portal does not validate with it yet.
 */
export function readInnsynSchemas(dataDir: string): InnsynSchemaFile[] {
  const root = join(dataDir, INNSYN_DATA_DIR);
  const files = [
    ...jsonFilesUnder(join(root, 'schema')),
    ...jsonFilesUnder(join(root, 'innsynsforespoersel')).filter((path) => path.endsWith('.schema.json')),
  ];
  return files.map((path) => {
    const file = relative(root, path).split(sep).join('/');
    let schema: JsonSchema;
    try {
      schema = JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    const byPath = `${INNSYN_BASE_URI}${file}`;
    return file.startsWith('schema/') && schema.$id !== byPath ? { file, schema, alsoKnownAs: byPath } : { file, schema };
  });
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return entry.endsWith('.json') ? [path] : [];
    });
}

let cached: InnsynSchemaFile[] | undefined;

/** Read once per process: the files do not change while we run. */
export function loadInnsynSchemas(): InnsynSchemaFile[] {
  cached ??= readInnsynSchemas(referenceDataDir());
  return cached;
}
