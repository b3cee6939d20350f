// What an index call's items must be before anything is written (decision 024): KS's barnevern
// `mappe` or `journalpost` v1 as the schema says, a message id that is a UUID, the person's fnr
// beside the document (and the same fnr as `minPart` where the document names one), and a
// journalpost's mappe as a UUID. The whole batch is checked first; one bad item refuses it all.
import { isValidNationalId } from '../../domain/rules/fnr.ts';
import type { CheckedItem, InnsynKind } from './innsyn-index.ts';

export type SchemaCheck = (value: unknown) => { ok: true } | { ok: false; errors: { path: string; message: string }[] };

/** The schema checks of the two documents (KS's schemas, src/domain/innsyn). */
export interface InnsynSchemas {
  mappe: SchemaCheck;
  journalpost: SchemaCheck;
}

/** The item types, named as Fiks Innsyn names them. */
export const ITEM_TYPES: Record<string, InnsynKind> = { 'barnevern.mappe.v1': 'mappe', 'barnevern.journalpost.v1': 'journalpost' };

/** KS's Fiks Innsyn takes batches of at most 5,000 items; so does this index. */
export const MAX_BATCH = 5000;

export interface ItemError {
  /** The item's place in the batch. */
  element: number;
  /** A JSON pointer into the item (`/data/...` for the document). */
  path: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message id as the index takes it: a UUID in either case (stored lowercased). */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The batch's items checked, or every error found in it (never half of a batch). */
export function checkItems(schemas: InnsynSchemas, elements: unknown[]): { ok: true; items: CheckedItem[] } | { ok: false; errors: ItemError[] } {
  const errors: ItemError[] = [];
  const items: CheckedItem[] = [];
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    const fail = (path: string, message: string) => errors.push({ element: index, path, message });
    if (!isRecord(element)) return fail('', 'an item is an object {meldingId, type, personidentifikator, data}');
    const { meldingId, type, personidentifikator, data } = element;
    const unknown = Object.keys(element).filter((k) => !['meldingId', 'type', 'personidentifikator', 'data'].includes(k));
    for (const key of unknown) fail(`/${key}`, 'unknown property');
    if (!isMessageId(meldingId)) fail('/meldingId', 'meldingId is a UUID');
    const kind = typeof type === 'string' ? ITEM_TYPES[type] : undefined;
    if (!kind) fail('/type', `type is one of ${Object.keys(ITEM_TYPES).join(', ')}`);
    if (typeof personidentifikator !== 'string' || !isValidNationalId(personidentifikator)) fail('/personidentifikator', 'personidentifikator is a valid fødselsnummer or D-number (11 digits)');
    if (!kind || typeof meldingId !== 'string' || typeof personidentifikator !== 'string') return;
    const key = `${meldingId.toLowerCase()}:${personidentifikator}`;
    if (seen.has(key)) fail('/meldingId', 'the same meldingId for the same person twice in one batch');
    seen.add(key);
    const checked = schemas[kind](data);
    if (!checked.ok) {
      for (const e of checked.errors) fail(`/data${e.path}`, e.message);
      return;
    }
    const doc = data as Record<string, unknown>;
    if (kind === 'mappe') {
      const own = isRecord(doc.minPart) ? doc.minPart.fodselsnummer : undefined;
      if (typeof own === 'string' && own !== personidentifikator) fail('/data/minPart/fodselsnummer', 'minPart is the person the item is indexed for: the same fødselsnummer as personidentifikator');
    }
    const parent = kind === 'journalpost' ? doc.forelderMeldingId : null;
    if (kind === 'journalpost' && !isMessageId(parent)) fail('/data/forelderMeldingId', "forelderMeldingId is the meldingId (a UUID) of the journalpost's mappe");
    const closed = kind === 'mappe' && typeof doc.avsluttet === 'string' ? new Date(doc.avsluttet) : null;
    items.push({ messageId: meldingId.toLowerCase(), kind, fnr: personidentifikator, parentMessageId: typeof parent === 'string' ? parent.toLowerCase() : null, closedAt: closed, data });
  });
  return errors.length ? { ok: false, errors } : { ok: true, items };
}
