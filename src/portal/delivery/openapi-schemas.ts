// The delivery API's schemas: the request bodies the handlers validate (receipt, feedback, a
// service's statistics) and what the API answers with. Named under components/schemas in the
// OpenAPI document, which is what the paths' $refs point to.
import { FEEDBACK_TYPES } from '../../domain/delivery/feedback.ts';
import { MAX_STATISTICS_MONTHS, MOTTAK_MEASURES } from '../../domain/statistics/mottak-measures.ts';

export const RECEIPT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['mottatt', 'feilet'], description: '`mottatt`: taken in by the receiving system. `feilet`: could not be taken in; the report goes to print.' },
    melding: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why it failed (required with `feilet`). No report content.' },
    kanal: { type: 'string', enum: ['fagsystem', 'manuell'], description: 'With `mottatt`: `manuell` when a caseworker downloaded it by hand from the inbox. Default `fagsystem`.' },
  },
  if: { properties: { type: { const: 'feilet' } } },
  then: { required: ['type', 'melding'] },
} as const;

export const FEEDBACK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      enum: FEEDBACK_TYPES,
      description:
        '`mottatt`: the report was received (every reporter, within 3 weeks). For professional reporters only: `undersokelse-apnet` (an investigation was opened), `henlagt` (closed without investigation), `undersokelse-henlagt` (the investigation ended with closure), `undersokelse-tiltak` (the investigation ended with follow-up).',
    },
  },
} as const;

export const SERVICE_STATISTICS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['maneder'],
  properties: {
    maneder: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_STATISTICS_MONTHS,
      description: `Months of your service's figures, each month at most once, none after the current month and none older than ${MAX_STATISTICS_MONTHS} months. A month sent replaces what was sent for it before.`,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['maned', 'tall'],
        properties: {
          maned: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'The month the reports were made available to your service (Oslo time), `YYYY-MM`.' },
          tall: {
            type: 'object',
            description:
              'Counts of that month\'s reports; a measure left out is 0. `mottatt.haster`/`mottatt.ikke-haster`: received, by urgency. `konklusjon.<SSB code>`, `melder.<SSB code>`, `saksinnhold.<main area 1–3>` (each area once per report): set at conclusion. `gjennomgang.innen-frist`/`gjennomgang.over-frist`: concluded by the § 2-1 deadline, or the deadline passed first. `undersokelse.apnet`/`.henlagt`/`.tiltak`: investigations opened and ended. `tilbakemelding.i-tide`/`tilbakemelding.for-sent`: feedback to the reporter by its due date, or not.',
            propertyNames: { enum: MOTTAK_MEASURES },
            additionalProperties: { type: 'integer', minimum: 0, maximum: 10_000_000 },
          },
        },
      },
    },
  },
} as const;

const FEEDBACK_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['id', 'type', 'registrert'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The message id.' },
    type: { type: 'string', enum: FEEDBACK_SCHEMA.properties.type.enum },
    registrert: { type: 'string', format: 'date-time', description: 'When this feedback was first registered.' },
  },
} as const;

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A stable code: UNAUTHORIZED, NOT_FOUND, BAD_REQUEST, CONFLICT, UNSUPPORTED_MEDIA_TYPE, NOT_FOR_PRIVATE_REPORTER, RATE_LIMITED, UNAVAILABLE, INTERNAL.' },
    message: { type: 'string', description: 'A Norwegian sentence for people.' },
  },
} as const;

const STATUS_ENUM = ['AKSEPTERT', 'SENDT_FAGSYSTEM', 'LEVERT', 'AVVIST_FAGSYSTEM', 'SENDT_PRINT', 'AVVIST_PRINT'];

export const COMPONENT_SCHEMAS = {
  Error: ERROR_SCHEMA,
  Receipt: RECEIPT_SCHEMA,
  Feedback: FEEDBACK_SCHEMA,
  RegisteredFeedback: FEEDBACK_RESPONSE_SCHEMA,
  Message: {
    type: 'object',
    required: ['id', 'referanse', 'meldingstype', 'kommunenummer', 'bydelsnummer', 'sendtTidspunkt', 'storrelse'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      referanse: { type: 'string', pattern: '^BM-[0-9A-Z]{4}-[0-9A-Z]{4}$', description: 'The reference the reporter was given.' },
      meldingstype: { type: 'string', enum: ['no.ks.fiks.bekymringsmelding.privat.v2', 'no.ks.fiks.bekymringsmelding.offentlig.v2'] },
      kommunenummer: { type: 'string', pattern: '^[0-9]{4}$' },
      bydelsnummer: { type: 'string', pattern: '^[0-9]{2}$' },
      sendtTidspunkt: { type: 'string', format: 'date-time' },
      storrelse: { type: 'integer', description: 'Bytes of the encrypted package.' },
      frist: { type: ['string', 'null'], format: 'date-time', description: 'When the report goes to print without a `mottatt` receipt.' },
    },
  },
  MessageList: {
    type: 'object',
    required: ['meldinger', 'neste'],
    properties: {
      meldinger: { type: 'array', items: { $ref: '#/components/schemas/Message' } },
      neste: { type: ['string', 'null'], description: 'Pass as `etter` to continue; null when there are no more.' },
    },
  },
  StatisticsCell: {
    type: 'object',
    required: ['antall'],
    description: 'A count as published. Hidden counts are `null`: `under-5` is 1–4 reports ("færre enn 5"); `beskyttet` is hidden so that a small count cannot be worked out, and says nothing about its size.',
    properties: {
      antall: { type: ['integer', 'null'], minimum: 0 },
      skjult: { type: 'string', enum: ['under-5', 'beskyttet'] },
    },
  },
  StatisticsArea: {
    type: 'object',
    required: ['type', 'nummer', 'navn', 'tall'],
    properties: {
      type: { type: 'string', enum: ['land', 'fylke', 'kommune', 'mindre'], description: '`mindre`: a county\'s municipalities under 5,000 inhabitants, together.' },
      nummer: { type: 'string', description: '`land`, a county number (2 digits), a kommunenummer (4), or `NN-mindre`.' },
      navn: { type: 'string' },
      kommuner: { type: 'integer', description: 'With `mindre`: how many municipalities.' },
      tall: {
        type: 'object',
        description: 'Over the whole period: `sendt` (= `sendt.privat` + `sendt.offentlig`), `levert` (= `levert.fagsystem` + `levert.manuell` + `levert.print`, and = the four `leveringstid.*`), `til-print` (sent by post because the receiving system refused or stayed silent). Counted by the month the report was sent.',
        additionalProperties: { $ref: '#/components/schemas/StatisticsCell' },
      },
      perMaaned: { type: 'array', description: 'Reports sent per month: the country and the counties.', items: { type: 'object', required: ['maaned', 'sendt'], properties: { maaned: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' }, sendt: { $ref: '#/components/schemas/StatisticsCell' } } } },
      omrader: { type: 'array', description: 'The counties of the country, or the municipalities of a county.', items: { $ref: '#/components/schemas/StatisticsArea' } },
    },
  },
  ServiceStatistics: SERVICE_STATISTICS_SCHEMA,
  Statistics: {
    type: 'object',
    required: ['oppdatert', 'perioder', 'omrade', 'barneverntjenester'],
    properties: {
      oppdatert: { type: 'string', format: 'date-time', description: 'When these figures were made (at most a minute old).' },
      perioder: { type: 'array', items: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' }, description: 'The 12 months covered, oldest first.' },
      omrade: { $ref: '#/components/schemas/StatisticsArea' },
      barneverntjenester: {
        type: 'object',
        description:
          "The receiving services' own figures (sent with PUT /api/v1/mottak/statistikk), protected the same way. `rapporterer` of `av` services send figures. `tall`: the country's, or a municipality's one service's (then `navn`): `mottatt` (= `mottatt.haster` + `mottatt.ikke-haster`), `konkludert` (= the `konklusjon.*`, = the `melder.*`), `saksinnhold.1`–`3` (a report may count in several), `gjennomgang` (= `gjennomgang.innen-frist` + `gjennomgang.over-frist`, § 2-1), `undersokelse.henlagt`, `undersokelse.tiltak`, `tilbakemelding` (= `tilbakemelding.i-tide` + `tilbakemelding.for-sent`). `perMaaned`: the country by month. `tjenester`: each service covering 5,000 inhabitants or more, and the smaller ones together.",
        required: ['rapporterer', 'av', 'tjenester'],
        properties: {
          rapporterer: { type: 'integer' },
          av: { type: 'integer' },
          navn: { type: 'string' },
          tall: { type: 'object', additionalProperties: { $ref: '#/components/schemas/StatisticsCell' } },
          perMaaned: { type: 'array', items: { type: 'object', required: ['maaned'], properties: { maaned: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' } }, additionalProperties: { $ref: '#/components/schemas/StatisticsCell' } } },
          tjenester: {
            type: 'array',
            items: { type: 'object', required: ['navn', 'tall'], properties: { navn: { type: 'string' }, tjenester: { type: 'integer', description: 'For the smaller services together: how many.' }, tall: { type: 'object', additionalProperties: { $ref: '#/components/schemas/StatisticsCell' } } } },
          },
        },
      },
    },
  },
  Status: {
    type: 'object',
    required: ['id', 'referanse', 'status', 'historikk'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      referanse: { type: 'string' },
      status: { type: 'string', enum: STATUS_ENUM },
      historikk: {
        type: 'array',
        items: {
          type: 'object',
          required: ['status', 'tidspunkt', 'arsak'],
          properties: {
            status: { type: 'string', enum: STATUS_ENUM },
            tidspunkt: { type: 'string', format: 'date-time' },
            arsak: { type: 'string', description: 'innsendt, publisert, mottatt, manuell-nedlasting, feilet, frist-utlopt, print-sendt, print-levert, print-feilet' },
            detalj: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
};
