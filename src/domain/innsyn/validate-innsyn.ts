// Holds what a case system indexes for Min kommune – barnevern to KS's own schemas: the Fiks Innsyn
// `mappe` and `journalpost` v1, and the innsynsforespørsel request and answer. A vendor whose system
// already indexes for Fiks Innsyn indexes here unchanged, so we accept exactly what KS's schemas
// accept, quirks included (data/SOURCES.md lists them).
import ajv2019Module from 'ajv/dist/2019.js';
import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { INNSYN_SCHEMA_IDS, loadInnsynSchemas, type InnsynSchemaFile } from './innsyn-schemas.ts';

/** The documents' types, for whoever reads a document this module accepted. */
export type * from './innsyn-types.ts';

// Both packages are CommonJS. Seen from ESM under NodeNext the default import is `module.exports`, and
// TypeScript only types the class/plugin on its `.default`, which both packages also set at runtime.
const Ajv2019 = ajv2019Module.default;
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

/** One problem with a document: `path` is a JSON pointer to the value at fault ('' is the document). */
export interface InnsynValidationError {
  path: string;
  message: string;
}

export type InnsynValidationResult = { ok: true } | { ok: false; errors: InnsynValidationError[] };

export type InnsynValidator = (value: unknown) => InnsynValidationResult;

export interface InnsynValidators {
  mappe: InnsynValidator;
  journalpost: InnsynValidator;
  forespoerselSend: InnsynValidator;
  forespoerselSvar: InnsynValidator;
}

/**
 * Each schema is compiled under the draft it declares. The barnevern schemas say 2019-09; KS's
 * innsynsforespørsel schemas say 2020-12, though they use only keywords that mean the same in both.
 * A copy declaring anything else is refused rather than read under rules it was not written for.
 */
const DRAFTS = {
  'https://json-schema.org/draft/2019-09/schema': Ajv2019,
  'https://json-schema.org/draft/2020-12/schema': Ajv2020,
} as const;

type Draft = keyof typeof DRAFTS;
type AjvInstance = Pick<InstanceType<typeof Ajv2019>, 'addSchema' | 'getSchema'>;

function newAjv(draft: Draft): AjvInstance {
  // Strict, except for strictTypes: KS puts `pattern`, `minimum`, `maximum` and `format` beside a `$ref`
  // to a typed schema (allowed since 2019-09, and the type is there, behind the `$ref`), which Ajv's type
  // check cannot see through; and tiltaksplan.detaljer.v1.json declares no `type` at all. Unknown
  // keywords and formats still fail the compile, so a typo in a newer copy is caught.
  const ajv = new DRAFTS[draft]({ strict: true, strictTypes: false, allErrors: true });
  // RFC 3339 `date-time` (with its zone, as every example in the schemas has), `uuid` (forelderMeldingId,
  // relaterteJournalposter) and the `int64` format of the types' 64-bit integers. The 32-bit types
  // declare no format; their minimum and maximum hold the range.
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles every schema of a copy of data/fiks-innsyn: the running app's, or a newer copy
 * `reference-data refresh` checks. Throws, naming the file, when one does not compile.
 */
export function makeInnsynValidators(schemas: InnsynSchemaFile[]): InnsynValidators {
  const ajvs = new Map<Draft, AjvInstance>();
  const entries = new Map<string, { file: string; ajv: AjvInstance; key: string; refs: string[] }>();
  for (const { file, schema, alsoKnownAs } of schemas) {
    const draft = schema.$schema;
    if (typeof draft !== 'string' || !(draft in DRAFTS)) {
      throw new Error(`${file} declares $schema ${JSON.stringify(draft)}; only draft 2019-09 and 2020-12 are compiled`);
    }
    let ajv = ajvs.get(draft as Draft);
    if (!ajv) ajvs.set(draft as Draft, (ajv = newAjv(draft as Draft)));
    const id = typeof schema.$id === 'string' ? schema.$id : undefined;
    const key = alsoKnownAs ?? id;
    if (!key || !URL.canParse(key) || (id && !URL.canParse(id))) throw new Error(`${file} has no absolute $id`);
    try {
      // Under its file's URI where that differs from its `$id`; Ajv then knows it by both.
      ajv.addSchema(schema, alsoKnownAs);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    const entry = { file, ajv, key, refs: externalRefs(schema, id ?? key) };
    entries.set(key, entry);
    if (id) entries.set(id, entry);
  }
  // Every schema compiled, the ones it refers to first: Ajv compiles a `$ref`'s target inside the
  // schema that refers to it, so this way a broken schema is named itself, not the first one using it.
  const compiled = new Map<string, ValidateFunction>();
  const visiting = new Set<string>();
  const compile = (key: string): void => {
    const entry = entries.get(key);
    if (!entry || compiled.has(entry.key) || visiting.has(entry.key)) return;
    visiting.add(entry.key);
    for (const ref of entry.refs) compile(ref);
    try {
      const validate = entry.ajv.getSchema(entry.key);
      if (validate) compiled.set(entry.key, validate);
    } catch (error) {
      throw new Error(`${entry.file}: ${(error as Error).message}`);
    }
  };
  for (const key of entries.keys()) compile(key);
  const validator = (id: string): InnsynValidator => {
    const validate = compiled.get(entries.get(id)?.key ?? id);
    if (!validate) throw new Error(`${id} is not among the Fiks Innsyn schemas`);
    return (value) => resultOf(validate, value);
  };
  return {
    mappe: validator(INNSYN_SCHEMA_IDS.mappe),
    journalpost: validator(INNSYN_SCHEMA_IDS.journalpost),
    forespoerselSend: validator(INNSYN_SCHEMA_IDS.forespoerselSend),
    forespoerselSvar: validator(INNSYN_SCHEMA_IDS.forespoerselSvar),
  };
}

/** The other schemas a schema's `$ref`s name, as absolute URIs without fragment. */
function externalRefs(schema: unknown, base: string): string[] {
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [name, value] of Object.entries(node)) {
        if (name === '$ref' && typeof value === 'string' && !value.startsWith('#') && URL.canParse(value, base)) refs.push(new URL(value, base).href.replace(/#.*$/, ''));
        else walk(value);
      }
    }
  };
  walk(schema);
  return refs;
}

let defaultValidators: InnsynValidators | undefined;

/** Compiled on first use from the reference data, once per process. */
function validators(): InnsynValidators {
  defaultValidators ??= makeInnsynValidators(loadInnsynSchemas());
  return defaultValidators;
}

/** A case folder as indexed for one party (barnevern/mappe.v1.json). */
export function validateMappe(value: unknown): InnsynValidationResult {
  return validators().mappe(value);
}

/** A document record in a case folder (barnevern/journalpost.v1.json), a TILTAKSPLAN's details within it. */
export function validateJournalpost(value: unknown): InnsynValidationResult {
  return validators().journalpost(value);
}

/** A citizen's request to see documents shown by title only (innsynsforespørsel `send`). */
export function validateInnsynsforespoerselSend(value: unknown): InnsynValidationResult {
  return validators().forespoerselSend(value);
}

/** The case system's answer to that request (innsynsforespørsel `svar`). */
export function validateInnsynsforespoerselSvar(value: unknown): InnsynValidationResult {
  return validators().forespoerselSvar(value);
}

function resultOf(validate: ValidateFunction, value: unknown): InnsynValidationResult {
  if (validate(value)) return { ok: true };
  // The branches of a `oneOf` can fail alike (a null link fails both "not null" branches): each once.
  const seen = new Set<string>();
  const errors = (validate.errors ?? []).map(toError).filter((e) => !seen.has(`${e.path}\0${e.message}`) && seen.add(`${e.path}\0${e.message}`));
  return { ok: false, errors: errors.length ? errors : [{ path: '', message: 'is not valid' }] };
}

/**
 * Ajv's `instancePath` is already a JSON pointer. A missing or unknown property is reported on the
 * object that holds it; we point at the property itself, so "/minPart/fornavn", not "/minPart".
 */
function toError(error: ErrorObject): InnsynValidationError {
  const property =
    error.keyword === 'required'
      ? (error.params as { missingProperty: string }).missingProperty
      : error.keyword === 'additionalProperties'
        ? (error.params as { additionalProperty: string }).additionalProperty
        : undefined;
  const path = property === undefined ? error.instancePath : `${error.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return { path, message: error.message ?? error.keyword };
}
