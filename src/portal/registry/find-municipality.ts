// Resolves what a reporter typed ("bærum", "1337", "Guovdageaidnu") to municipalities. Four digits
// are read as a postcode: people know their postcode, few know a kommunenummer.
import { loadMunicipalities, loadPostcodes, type Municipality } from './reference-data.ts';

export type MunicipalityMatch =
  | { kind: 'found'; municipality: Municipality; postcode?: { postnummer: string; poststed: string } }
  | { kind: 'ambiguous'; candidates: Municipality[] }
  | { kind: 'unknownPostcode' }
  | { kind: 'notFound' }
  | { kind: 'empty' };

function normalize(value: string): string {
  return value
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names without SSB's county suffix, e.g. "Herøy (Nordland)" → "herøy". */
function baseName(name: string): string {
  return normalize(name.replace(/\s*\(.*\)\s*$/, ''));
}

export function findMunicipalityByNumber(kommunenummer: string): Municipality | undefined {
  return loadMunicipalities().find((m) => m.kommunenummer === kommunenummer);
}

export function findMunicipality(input: string): MunicipalityMatch {
  const query = normalize(input);
  if (!query) return { kind: 'empty' };
  if (/^\d{4}$/.test(query)) {
    const postcode = loadPostcodes().get(query);
    const municipality = postcode && findMunicipalityByNumber(postcode.kommunenummer);
    if (!postcode || !municipality) return { kind: 'unknownPostcode' };
    return { kind: 'found', municipality, postcode: { postnummer: postcode.postnummer, poststed: postcode.poststed } };
  }
  const all = loadMunicipalities();
  const exact = all.filter(
    (m) =>
      normalize(m.name) === query ||
      normalize(m.officialName) === query ||
      m.otherNames.some((n) => normalize(n) === query),
  );
  if (exact.length === 1) return { kind: 'found', municipality: exact[0]! };
  const byBase = exact.length > 1 ? exact : all.filter((m) => baseName(m.name) === query);
  if (byBase.length === 1) return { kind: 'found', municipality: byBase[0]! };
  if (byBase.length > 1) return { kind: 'ambiguous', candidates: byBase };
  // A postal town ("Sandvika") names a municipality through the postcode register.
  const viaPostTown = new Map<string, Municipality>();
  for (const p of loadPostcodes().values()) {
    if (normalize(p.poststed) === query) {
      const m = findMunicipalityByNumber(p.kommunenummer);
      if (m) viaPostTown.set(m.kommunenummer, m);
    }
  }
  if (viaPostTown.size === 1) return { kind: 'found', municipality: [...viaPostTown.values()][0]! };
  if (viaPostTown.size > 1) return { kind: 'ambiguous', candidates: [...viaPostTown.values()] };
  const prefix = all.filter((m) => baseName(m.name).startsWith(query) && query.length >= 3);
  if (prefix.length >= 1 && prefix.length <= 8) return prefix.length === 1 ? { kind: 'found', municipality: prefix[0]! } : { kind: 'ambiguous', candidates: prefix };
  return { kind: 'notFound' };
}
