// Fiks IO message types of the bekymringsmelding protocol (ks-no/fiks-io-bekymringsmelding-protokoll).
// The portal sends v2; v1 is kept so a receiving system can still validate older senders' messages.

export const FIKS_MESSAGE_TYPES = {
  privatV2: 'no.ks.fiks.bekymringsmelding.privat.v2',
  offentligV2: 'no.ks.fiks.bekymringsmelding.offentlig.v2',
  privatV1: 'no.ks.fiks.bekymringsmelding.privat.v1',
  offentligV1: 'no.ks.fiks.bekymringsmelding.offentlig.v1',
  /** Receipt "failed": carries feilmelding.json. ("mottatt" has no body, so no schema.) */
  feiletV1: 'no.ks.fiks.bekymringsmelding.feilet.v1',
} as const;

export type FiksSendMessageType = typeof FIKS_MESSAGE_TYPES.privatV2 | typeof FIKS_MESSAGE_TYPES.offentligV2;

/** Every message type whose body has a JSON schema. */
export type FiksSchemaMessageType = (typeof FIKS_MESSAGE_TYPES)[keyof typeof FIKS_MESSAGE_TYPES];
