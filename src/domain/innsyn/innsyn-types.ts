// What a case system indexes for Min kommune – barnevern (KS's Fiks Innsyn `mappe` and `journalpost`
// v1) and the innsynsforespørsel messages, as TypeScript types. Hand-written from the schemas in
// data/fiks-innsyn and holding only what they define: field names are the protocol's, so they stay
// Norwegian; optional where the schema does not require a field, `| null` where it allows null. A
// value has these types only after validate-innsyn.ts has accepted it.
//
// Where the schemas accept other than they seem to, the types follow what they accept:
// - the part, milestone and document schemas allow `null` as a whole, so a list of them may hold
//   nulls and `minPart` or `navaerendeMilepel` may be null. Links, eDialog forms and correspondence
//   parties say so too, but their `oneOf` refuses a null, so those lists hold objects only;
// - `minPart`, the party a folder is indexed for, is optional, and so is every `fodselsnummer`;
// - the innsynsforespørsel request asks for strings and a list, nothing more: an empty `begrunnelse`,
//   an empty list or an `fnr` of any form passes;
// - the action plan status "MANUELT_AVSLUTTET " ends in a space, as KS publishes it.

/** part.v1.json `rolle`, FOSTERFORELDER included (data/fiks-innsyn/README.md: KS's documentation omits it). */
export const INNSYN_PART_ROLES = ['HOVEDPERSON', 'MOR', 'FAR', 'MEDMOR', 'MEDFAR', 'VERGE', 'FOSTERFORELDER'] as const;
export type InnsynPartRolle = (typeof INNSYN_PART_ROLES)[number];

/** A party to the case (part.v1.json): the child (HOVEDPERSON), a parent, a guardian, a foster parent. */
export interface InnsynPart {
  rolle: InnsynPartRolle;
  /** 11 digits. */
  fodselsnummer?: string | null;
  fornavn: string;
  etternavn: string;
}

/** A milestone of the case (milepel.v1.json). Dates are RFC 3339 date-times with zone. */
export interface InnsynMilepel {
  navn: string;
  startdato: string;
  sluttdato?: string | null;
  beskrivelse?: string | null;
}

/** lenke.v1.json: exactly one of `predefinert` and `egendefinert` is set and not null. */
export interface InnsynLenke {
  url: string;
  predefinert?: { type: 'SVAR' | 'KLAGE' } | null;
  /** Text in at least one language, unless the whole object is null. */
  egendefinert?: {
    utseende?: 'KNAPP' | 'LENKE' | null;
    bokmal?: string | null;
    nynorsk?: string | null;
    engelsk?: string | null;
    nordsamisk?: string | null;
  } | null;
}

/** edialog.skjema.v1.json: a form the citizen can answer with; exactly one of `predefinert` and `egendefinert` is set and not null. */
export interface InnsynEdialogSkjema {
  predefinert?: { type: 'SVAR' | 'KLAGE' | 'POST' } | null;
  egendefinert?: {
    bokmal?: string | null;
    nynorsk?: string | null;
    engelsk?: string | null;
    nordsamisk?: string | null;
  } | null;
  edialogId?: string | null;
}

/** A case folder as indexed for one party (mappe.v1.json). */
export interface InnsynMappe {
  tittel: string;
  /** 9 digits: the unit responsible for the case. */
  organisasjonsnummer: string;
  mappeId?: string | null;
  systemId?: string | null;
  saksaar?: number | null;
  sakssekvensnummer?: number | null;
  beskrivelse?: string | null;
  /** The party the folder is indexed for. */
  minPart?: InnsynPart | null;
  /** The other parties; never `minPart`. */
  andreParter?: (InnsynPart | null)[] | null;
  sistOppdatert?: string | null;
  avsluttet?: string | null;
  milepeler?: (InnsynMilepel | null)[] | null;
  navaerendeMilepel?: InnsynMilepel | null;
  saksdato?: string | null;
  saksansvarlig?: string | null;
  lenker?: InnsynLenke[] | null;
  edialogSkjemaer?: InnsynEdialogSkjema[] | null;
}

/** A document of a record (dokument.v1.json). The file itself is not in the index; `lenke` points to it. */
export interface InnsynDokument {
  filnavn: string;
  /** Bytes (int64). */
  storrelse?: number | null;
  mimeType: string;
  tittel: string;
  lenke?: string | null;
  svarUtFilnummer?: number | null;
}

/** korrespondansepart.v1.json: exactly one of `person` and `organisasjon` is present as an object. */
export interface InnsynKorrespondansepart {
  korrespondanseparttype: 'EA' | 'EM' | 'EK' | 'IA' | 'IM' | 'IK';
  person?: { fodselsnummer?: string | null; fornavn: string; etternavn: string } | null;
  organisasjon?: { organisasjonsnummer?: string | null; navn: string; kontaktperson?: string | null } | null;
}

/** The record's folder in Noark terms (journalpost.v1.json `MappeIdV1`). */
export interface InnsynJournalpostMappeId {
  mappeId?: string | null;
  systemId?: string | null;
  saksaar?: number | null;
  sakssekvensnummer?: number | null;
}

/** A sub-goal of an action plan (delmal.v1.json). */
export interface InnsynDelmal {
  id: string;
  beskrivelse: string;
}

/** tiltaksplan.detaljer.v1.json. Note the trailing space in "MANUELT_AVSLUTTET ": KS's schema accepts only that. */
export interface InnsynTiltaksplanDetaljer {
  tiltaksstatus: 'AKTIV' | 'AVSLUTTET' | 'MANUELT_AVSLUTTET ';
  startdato: string;
  sluttdato: string;
  delmal: InnsynDelmal[];
}

export type InnsynInnsynsforesporselStatus = 'IKKE_FORESPURT' | 'FORESPURT' | 'GODKJENT' | 'AVVIST';

interface InnsynJournalpostFields {
  tittel: string;
  /** The uuid of the folder's message, indexed by the same integration under the same organisation. */
  forelderMeldingId: string;
  journalposttype?: 'I' | 'U' | 'N' | 'X' | 'S' | null;
  /** Required (an object) with `systemId` when `innsynsforesporselStatus` is IKKE_FORESPURT. */
  mappeId?: InnsynJournalpostMappeId | null;
  journalpostnummer?: number | null;
  systemId?: string | null;
  registreringsId?: string | null;
  journaldato?: string | null;
  dokumentetsDato?: string | null;
  svarUtForsendelseId?: string | null;
  samtykkeId?: string | null;
  /** The parties who may see this record. */
  eksponertFor?: (InnsynPart | null)[] | null;
  beskrivelse?: string | null;
  lenker?: InnsynLenke[] | null;
  /** The deadline for an appeal. */
  klagefrist?: string | null;
  korrespondanseparter?: InnsynKorrespondansepart[] | null;
  dokumenter?: (InnsynDokument | null)[] | null;
  innsynsforesporselStatus?: InnsynInnsynsforesporselStatus | null;
  /** Up to 10 uuids of related records. */
  relaterteJournalposter?: string[] | null;
  /** Shown on the timeline; null or absent means no. */
  tidslinje?: boolean | null;
  edialogSkjemaer?: InnsynEdialogSkjema[] | null;
}

/** A document record in a case folder (journalpost.v1.json). An action plan carries its details; nothing else does. */
export type InnsynJournalpost = InnsynJournalpostFields &
  (
    | { dokumenttype: 'TILTAKSPLAN'; tiltaksplanDetaljer: InnsynTiltaksplanDetaljer }
    | { dokumenttype?: 'VEDTAK' | 'MOTEREFERAT'; tiltaksplanDetaljer?: null }
  );

/** innsynsforespørsel `send`: a citizen asks to see records shown by title only. */
export interface InnsynsforespoerselSend {
  fnr: string;
  begrunnelse: string;
  journalposter: { mappeId: string; systemId: string; registreringsId?: string }[];
}

export type InnsynsforespoerselStatus = 'MANUELL_BEHANDLING' | 'AVVIST' | 'INNVILGET' | 'UNDER_BEHANDLING';

/** innsynsforespørsel `svar`: the case system's answer. */
export interface InnsynsforespoerselSvar {
  status: InnsynsforespoerselStatus;
  begrunnelse?: string;
}
