// The KS Fiks bekymringsmelding v2 documents as TypeScript types: what the portal sends and what
// mottak reads back. Field names are the protocol's, so they stay Norwegian; the schemas themselves
// are in fiks-schemas.ts, and validate-fiks.ts holds a document to them.
import type { FIKS_MESSAGE_TYPES } from './message-types.ts';

export interface FiksAdresse {
  adresselinje1: string;
  adresselinje2?: string;
  adresselinje3?: string;
  postnummer?: string;
  poststed?: string;
}

export interface FiksPrivatMelder {
  personnavn: string;
  telefonnummer?: string;
  adresse?: FiksAdresse;
}

export interface FiksPrivatBarn {
  personnavn: string;
  antattAlder?: string;
  relasjon?: string;
  adresse: FiksAdresse;
}

/** A non-empty list: the privat schema means `minItems: 1` even though it says `minLength`. */
export type NonEmpty<T> = [T, ...T[]];

export interface FiksPrivatV2 {
  kommunenummer: string;
  kommunenavn: string;
  bydelsnummer: string;
  bydelsnavn: string;
  privatMelder: FiksPrivatMelder;
  privatBarn: NonEmpty<FiksPrivatBarn>;
  melding: string;
  sendingstidspunkt: string;
  leveringskanal: string;
}

export interface FiksVirksomhet {
  navn: string;
  orgnr?: string;
  adresse: FiksAdresse;
}

export interface FiksOffentligMelder {
  personnavn: string;
  rolle: string;
  telefonnummer: string;
  epost: string;
  virksomhet: FiksVirksomhet;
}

export interface FiksOffentligBarn {
  /** '' when the reporter does not know it. */
  fnr: string;
  ufoedt: boolean;
  personnavn: string;
  telefonnummer?: string;
  adresse: FiksAdresse;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface FiksForesatt {
  personnavn: string;
  telefonnummer?: string;
  orientert: boolean;
  orientertGrunn?: string;
}

export interface FiksOffentligMelding {
  melding: string;
  historie: string;
  andreSynspunkter?: string;
}

export interface FiksOffentligV2 {
  kommunenummer: string;
  kommunenavn: string;
  bydelsnummer: string;
  bydelsnavn: string;
  offentligMelder: FiksOffentligMelder;
  offentligBarn: NonEmpty<FiksOffentligBarn>;
  foresatte: [FiksForesatt] | [FiksForesatt, FiksForesatt];
  behovForTolk?: string;
  andreHjelpeinstanser?: string;
  melding: FiksOffentligMelding;
  sendingstidspunkt: string;
  leveringskanal: string;
}

export interface FiksPrivatMessage {
  messageType: typeof FIKS_MESSAGE_TYPES.privatV2;
  document: FiksPrivatV2;
}

export interface FiksOffentligMessage {
  messageType: typeof FIKS_MESSAGE_TYPES.offentligV2;
  document: FiksOffentligV2;
}

export type FiksMessage = FiksPrivatMessage | FiksOffentligMessage;
