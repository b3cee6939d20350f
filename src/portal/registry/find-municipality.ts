// Resolves what a reporter typed ("bærum", "Baerum", "1337", "1337 Sandvika", "Guovdageaidnu") to
// municipalities. Only a municipality's own name or a postcode is taken as the answer; anything
// looser (a postal town, a spelling without æøå, the start of a name) is offered as a choice, because
// a report sent to the wrong service is lost days. Four digits are read as a postcode: people know
// their postcode, few know a kommunenummer.
import { loadMunicipalities, loadPostcodes, type Municipality } from './reference-data.ts';

export type MunicipalityMatch =
  | { kind: 'found'; municipality: Municipality; postcode?: { postnummer: string; poststed: string } }
  /** Ask which one: `postTowns` names the postal town that led to a candidate, by kommunenummer. */
  | { kind: 'ambiguous'; candidates: Municipality[]; postTowns?: Record<string, string> }
  | { kind: 'unknownPostcode' }
  | { kind: 'notFound' }
  | { kind: 'empty' };

/** At most this many candidates are offered; more means the reporter should type more. */
const MAX_CANDIDATES = 10;

function normalize(value: string): string {
  return value
    .normalize('NFC')
    .toLocaleLowerCase('nb')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The spelling without Norwegian letters that people type on foreign keyboards: æ → ae, ø → oe,
 * å → aa ("Baerum", "Aasnes"), other accents dropped ("Porsangu" for "Porsáŋgu" still differs in ŋ).
 */
function fold(value: string): string {
  return normalize(value)
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Looser still, for a choice only: "Barum", "Lorenskog", "Asnes". */
function loose(value: string): string {
  return fold(value).replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/oe/g, 'o');
}

/** Names without SSB's county suffix, e.g. "Herøy (Nordland)" → "herøy". */
function baseName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '');
}

function namesOf(m: Municipality): string[] {
  return [m.name, m.officialName, ...m.otherNames];
}

export function findMunicipalityByNumber(kommunenummer: string): Municipality | undefined {
  return loadMunicipalities().find((m) => m.kommunenummer === kommunenummer);
}

function byPostcode(postnummer: string): MunicipalityMatch {
  const postcode = loadPostcodes().get(postnummer);
  const municipality = postcode && findMunicipalityByNumber(postcode.kommunenummer);
  if (!postcode || !municipality) return { kind: 'unknownPostcode' };
  return { kind: 'found', municipality, postcode: { postnummer: postcode.postnummer, poststed: postcode.poststed } };
}

function choice(candidates: Municipality[], postTowns: Record<string, string> = {}): MunicipalityMatch {
  const unique = [...new Map(candidates.map((m) => [m.kommunenummer, m])).values()].slice(0, MAX_CANDIDATES);
  return Object.keys(postTowns).length ? { kind: 'ambiguous', candidates: unique, postTowns } : { kind: 'ambiguous', candidates: unique };
}

export function findMunicipality(input: string): MunicipalityMatch {
  const query = normalize(input);
  if (!query) return { kind: 'empty' };
  if (/^\d{4}$/.test(query)) return byPostcode(query);
  // "1337 Sandvika", as an address is written: the postcode decides.
  const withPlace = /^(\d{4}) \p{L}[\p{L} .'-]*$/u.exec(query);
  if (withPlace) return byPostcode(withPlace[1]!);

  const all = loadMunicipalities();
  const folded = fold(query);
  const exact = all.filter((m) => namesOf(m).some((n) => fold(n) === folded));
  if (exact.length === 1) return { kind: 'found', municipality: exact[0]! };
  if (exact.length > 1) return choice(exact);
  const byBase = all.filter((m) => fold(baseName(m.name)) === folded);
  if (byBase.length === 1) return { kind: 'found', municipality: byBase[0]! };
  if (byBase.length > 1) return choice(byBase);

  // From here on, every answer is a question: "Sand" is a postal town in Suldal, but may as well be
  // the start of Sandnes or Sande.
  const candidates: Municipality[] = [];
  const postTowns: Record<string, string> = {};
  for (const p of loadPostcodes().values()) {
    if (fold(p.poststed) !== folded) continue;
    const m = findMunicipalityByNumber(p.kommunenummer);
    if (m && !postTowns[m.kommunenummer]) {
      postTowns[m.kommunenummer] = p.poststed;
      candidates.push(m);
    }
  }
  const loosely = loose(query);
  candidates.push(...all.filter((m) => namesOf(m).some((n) => loose(n) === loosely)));
  if (query.length >= 3) candidates.push(...all.filter((m) => namesOf(m).some((n) => fold(baseName(n)).startsWith(folded) || loose(baseName(n)).startsWith(loosely))));
  return candidates.length ? choice(candidates, postTowns) : { kind: 'notFound' };
}
