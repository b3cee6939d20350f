// SSB code lists for child welfare reports (statisticsnorway/barn-barnevern-xsd, MIT, (c) Statistisk
// sentralbyraa). What SSB receives is the code; the texts are labels for people, so the source's
// typos ("Fattogdom", "Minioritetsspråklige", "straffbar handlinger", "Barnvernstjenesten",
// "Bolig økonomi og arbeid") are corrected here and every code is kept as SSB numbers it.
// See data/ssb-kodelister.md (verbatim, typos included).

export interface ContentCode {
  code: string;
  text: string;
  mainArea: string;
  theme: string;
}

/** Saksinnhold after Kunnskapsmodellen, valid from 2026-01-01. The reporter picks among these. */
export const CONTENT_CODES: readonly ContentCode[] = [
  { code: '1.1.01', text: 'Fysisk helse og utvikling', mainArea: 'BARNETS UTVIKLING', theme: 'Helse' },
  { code: '1.1.02', text: 'Psykisk helse og utvikling', mainArea: 'BARNETS UTVIKLING', theme: 'Helse' },
  { code: '1.1.03', text: 'Barn med funksjonsnedsettelser', mainArea: 'BARNETS UTVIKLING', theme: 'Helse' },
  { code: '1.1.04', text: 'Tilgang til helse- og tannhelsetjenester', mainArea: 'BARNETS UTVIKLING', theme: 'Helse' },
  { code: '1.2.01', text: 'Læring', mainArea: 'BARNETS UTVIKLING', theme: 'Barnehage og skole' },
  { code: '1.2.02', text: 'Skoleresultater', mainArea: 'BARNETS UTVIKLING', theme: 'Barnehage og skole' },
  { code: '1.2.03', text: 'Trivsel i barnehage og skole', mainArea: 'BARNETS UTVIKLING', theme: 'Barnehage og skole' },
  { code: '1.3.01', text: 'Følelser og temperament', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.02', text: 'Holdninger og verdier', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.03', text: 'Identitet', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.04', text: 'Selvstendighet', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.05', text: 'Tilknytning', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.06', text: 'Stress og mestring', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.07', text: 'Traumer', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.08', text: 'Atferd', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.09', text: 'Rus', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.10', text: 'Skadelig seksuell atferd', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.3.11', text: 'Barn som begår straffbare handlinger', mainArea: 'BARNETS UTVIKLING', theme: 'Følelser og uttrykk' },
  { code: '1.4.01', text: 'Lek og interesser', mainArea: 'BARNETS UTVIKLING', theme: 'Venner og fritid' },
  { code: '1.4.02', text: 'Relasjoner til andre barn og voksne', mainArea: 'BARNETS UTVIKLING', theme: 'Venner og fritid' },
  { code: '1.4.03', text: 'Mobbing', mainArea: 'BARNETS UTVIKLING', theme: 'Venner og fritid' },
  { code: '1.4.04', text: 'Digital hverdag', mainArea: 'BARNETS UTVIKLING', theme: 'Venner og fritid' },
  { code: '2.1.01', text: 'Ansvar', mainArea: 'FORELDRENES OMSORG', theme: 'Grunnleggende omsorg' },
  { code: '2.1.02', text: 'Basal og praktisk omsorg', mainArea: 'FORELDRENES OMSORG', theme: 'Grunnleggende omsorg' },
  { code: '2.1.03', text: 'Hverdagsrutiner', mainArea: 'FORELDRENES OMSORG', theme: 'Grunnleggende omsorg' },
  { code: '2.2.01', text: 'Følelsesmessig regulering', mainArea: 'FORELDRENES OMSORG', theme: 'Følelsesmessig tilgjengelighet' },
  { code: '2.2.02', text: 'Følelsesmessig støtte', mainArea: 'FORELDRENES OMSORG', theme: 'Følelsesmessig tilgjengelighet' },
  { code: '2.2.03', text: 'Trygg relasjon mellom barn og foreldre', mainArea: 'FORELDRENES OMSORG', theme: 'Følelsesmessig tilgjengelighet' },
  { code: '2.3.01', text: 'Stimulering og engasjement', mainArea: 'FORELDRENES OMSORG', theme: 'Stimulering og veiledning' },
  { code: '2.3.02', text: 'Oppdragelse, veiledning og grenser', mainArea: 'FORELDRENES OMSORG', theme: 'Stimulering og veiledning' },
  { code: '2.4.01', text: 'Beskyttelse mot æresrelatert vold og negativ sosial kontroll', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.02', text: 'Beskyttelse mot å være vitne til vold i familien', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.03', text: 'Beskyttelse mot alvorlige konflikter mellom foreldre', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.04', text: 'Konflikt mellom foreldre som ikke bor sammen', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.05', text: 'Beskyttelse mot vold', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.06', text: 'Beskyttelse mot menneskehandel', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.07', text: 'Beskyttelse mot seksuelle overgrep og seksuell utnyttelse', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.08', text: 'Beskyttelse mot skadelige tradisjoner og skikker', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '2.4.09', text: 'Beskyttelse mot vold og overgrep fra jevnaldrende', mainArea: 'FORELDRENES OMSORG', theme: 'Beskyttelse' },
  { code: '3.1.01', text: 'Familiens sammensetning', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.02', text: 'Foreldres fysiske sykdom', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.03', text: 'Foreldres psykiske problem/lidelse', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.04', text: 'Foreldres kognitive vansker', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.05', text: 'Søskens helse og trivsel', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.06', text: 'Tidligere hendelser av betydning i familien', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.07', text: 'Foreldres erfaring fra egen oppvekst', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.08', text: 'Foreldre med rusrelaterte utfordringer', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.09', text: 'Barn som pårørende', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.1.10', text: 'Foreldres kriminalitet', mainArea: 'FAMILIE OG MILJØ', theme: 'Familieforhold' },
  { code: '3.2.01', text: 'Levestandard og bolig', mainArea: 'FAMILIE OG MILJØ', theme: 'Bolig, økonomi og arbeid' },
  { code: '3.2.02', text: 'Fattigdom', mainArea: 'FAMILIE OG MILJØ', theme: 'Bolig, økonomi og arbeid' },
  { code: '3.3.01', text: 'Familiens profesjonelle nettverk', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
  { code: '3.3.02', text: 'Familiens sosiale nettverk og integrering', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
  { code: '3.3.03', text: 'Lukkede religiøse samfunn', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
  { code: '3.3.04', text: 'Minoritetsspråklige familier', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
  { code: '3.3.05', text: 'Radikalisering og voldelig ekstremisme', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
  { code: '3.3.06', text: 'Urfolk og nasjonale minoriteter', mainArea: 'FAMILIE OG MILJØ', theme: 'Nettverk og sosial integrering' },
];

const contentByCode = new Map(CONTENT_CODES.map((c) => [c.code, c]));

export function findContentCode(code: string): ContentCode | undefined {
  return contentByCode.get(code);
}

/** Main areas in source order, each with its themes in source order. */
export function groupContentCodes(): { mainArea: string; themes: { theme: string; codes: ContentCode[] }[] }[] {
  const areas: { mainArea: string; themes: { theme: string; codes: ContentCode[] }[] }[] = [];
  for (const code of CONTENT_CODES) {
    let area = areas.find((a) => a.mainArea === code.mainArea);
    if (!area) areas.push((area = { mainArea: code.mainArea, themes: [] }));
    let theme = area.themes.find((t) => t.theme === code.theme);
    if (!theme) area.themes.push((theme = { theme: code.theme, codes: [] }));
    theme.codes.push(code);
  }
  return areas;
}

export interface ReporterCode {
  code: string;
  text: string;
  validFrom: string;
  validTo: string;
}

/** Melder: who reported. Mottak sets it on review; the portal never guesses it. */
export const REPORTER_CODES: readonly ReporterCode[] = [
  { code: '1', text: 'Barnet selv', validFrom: '2013-01-01', validTo: '' },
  { code: '2', text: 'Mor/ far/ foresatte', validFrom: '2013-01-01', validTo: '' },
  { code: '3', text: 'Familie for øvrig', validFrom: '2013-01-01', validTo: '' },
  { code: '4', text: 'Andre privatpersoner', validFrom: '2013-01-01', validTo: '' },
  { code: '5', text: 'Barneverntjenesten', validFrom: '2013-01-01', validTo: '' },
  { code: '6', text: 'NAV (kommune og stat)', validFrom: '2013-01-01', validTo: '' },
  { code: '7', text: 'Barnevernsvakt', validFrom: '2013-01-01', validTo: '' },
  { code: '8', text: 'Politi', validFrom: '2013-01-01', validTo: '' },
  { code: '9', text: 'Barnehage', validFrom: '2013-01-01', validTo: '' },
  { code: '10', text: 'Helsestasjon/skolehelsetjenesten', validFrom: '2013-01-01', validTo: '' },
  { code: '11', text: 'Skole', validFrom: '2013-01-01', validTo: '' },
  { code: '12', text: 'Pedagogisk-psykologisk tjeneste (PPT)', validFrom: '2013-01-01', validTo: '' },
  { code: '13', text: 'Psykisk helsevern for barn og unge (kommune og stat)', validFrom: '2013-01-01', validTo: '' },
  { code: '14', text: 'Psykisk helsevern for voksne (kommune og stat)', validFrom: '2013-01-01', validTo: '' },
  { code: '15', text: 'Lege / Sykehus / Tannlege', validFrom: '2013-01-01', validTo: '2024-12-31' },
  { code: '24', text: 'Lege / Sykehus', validFrom: '2025-01-01', validTo: '' },
  { code: '25', text: 'Tannlege', validFrom: '2025-01-01', validTo: '' },
  { code: '16', text: 'Familievernkontor', validFrom: '2013-01-01', validTo: '' },
  { code: '17', text: 'Tjenester og instanser med ansvar for oppfølging av personers rusproblemer (kommune og stat)', validFrom: '2013-01-01', validTo: '' },
  { code: '18', text: 'Krisesenter', validFrom: '2013-01-01', validTo: '' },
  { code: '19', text: 'Asylmottak/ UDI/ innvandringsmyndighet', validFrom: '2013-01-01', validTo: '' },
  { code: '20', text: 'Utekontakt/ fritidsklubb', validFrom: '2013-01-01', validTo: '' },
  { code: '21', text: 'Frivillige organisasjoner/ idrettslag', validFrom: '2013-01-01', validTo: '' },
  { code: '22', text: 'Andre offentlige instanser (krever presisering)', validFrom: '2013-01-01', validTo: '' },
  { code: '23', text: 'Anonym', validFrom: '2013-01-01', validTo: '' },
];

export interface ConclusionCode {
  code: string;
  text: string;
  validFrom: string;
  validTo: string;
  /** Closed (henlagt) rather than investigated: written reasons are required unless obviously groundless. */
  closes: boolean;
}

/** Konklusjon på melding. Code 1's source says "2025-31-12"; read as 2025-12-31 (it splits into 5–10 from 2026). */
export const CONCLUSION_CODES: readonly ConclusionCode[] = [
  { code: '1', text: 'Henlagt', validFrom: '2013-01-01', validTo: '2025-12-31', closes: true },
  { code: '2', text: 'Ikke henlagt – konklusjonsdato melding (eventuelt 7 dager etter mottatt melding) er startdato undersøkelse', validFrom: '2013-01-01', validTo: '', closes: false },
  { code: '3', text: 'Henlagt pga. aktive tiltak', validFrom: '2020-01-01', validTo: '', closes: true },
  { code: '4', text: 'Melding i pågående undersøkelse', validFrom: '2020-01-01', validTo: '', closes: false },
  { code: '5', text: 'Henlagt som følge av flytting til utlandet', validFrom: '2026-01-01', validTo: '', closes: true },
  { code: '6', text: 'Henlagt som følge av flytting til ukjent sted', validFrom: '2026-01-01', validTo: '', closes: true },
  { code: '7', text: 'Overført til annen tjeneste som følge av flytting til annen kommune', validFrom: '2026-01-01', validTo: '', closes: true },
  { code: '8', text: 'Overført til annen etat', validFrom: '2026-01-01', validTo: '', closes: true },
  { code: '9', text: 'Henlagt på grunn av annen lov', validFrom: '2026-01-01', validTo: '', closes: true },
  { code: '10', text: 'Henlagt av andre grunner', validFrom: '2026-01-01', validTo: '', closes: true },
];

/** The codes of a list that are valid on a date (ISO), in source order. */
export function codesValidOn<T extends { validFrom: string; validTo: string }>(codes: readonly T[], date: string): T[] {
  return codes.filter((c) => c.validFrom <= date && (!c.validTo || date <= c.validTo));
}
