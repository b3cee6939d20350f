// The delivery API's contract: served at /api/openapi.json, the source of docs/api/mottak-api.md,
// and the schemas the handlers validate request bodies with. One source for all three.
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

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The message id from the list.' };

export function buildOpenApiDocument(baseUrl: string, tokenIssuer: string, scope: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meldeportal – leveranse-API for barneverntjenester',
      version: '1.0.0',
      description:
        'Pull API for receiving systems, shaped after KS Fiks. A receiving system lists the reports of concern waiting for its service, downloads each encrypted package (CMS EnvelopedData to its certificate, holding an ASiC-E container with `bekymringsmelding.json` in the Fiks v2 format, `bekymringsmelding.pdf`, attachments and a CAdES signature by the portal), and answers with a receipt. Without `mottatt` within 2 working days, the report is sent by post instead.',
    },
    servers: [{ url: baseUrl }],
    security: [{ maskinporten: [scope] }],
    components: {
      securitySchemes: {
        maskinporten: {
          type: 'oauth2',
          description: `Maskinporten access token (JWT-bearer grant signed with the service's integration key). Scope \`${scope}\`. The token's consumer organisation decides which service's messages are reachable. Send it as \`Authorization: Bearer <access_token>\` (the scheme in any case). Refusals follow RFC 6750: without a bearer token, 401 with \`WWW-Authenticate: Bearer realm="meldeportal"\`; an Authorization header that is not \`Bearer <token>\`, 400 with \`error="invalid_request"\`; a token that is not a valid Maskinporten token for a receiving service, 401 with \`error="invalid_token"\`. The JSON body's \`message\` says which.`,
          flows: { clientCredentials: { tokenUrl: `${tokenIssuer.replace(/\/$/, '')}/token`, scopes: { [scope]: 'Receive reports of concern for your own service.' } } },
        },
      },
      schemas: {
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
      },
    },
    paths: {
      '/api/v1/mottak/meldinger': {
        get: {
          operationId: 'listMessages',
          summary: 'Reports waiting for your service',
          description: 'Messages offered to your receiving system and not yet answered, oldest first, at most `antall` (default and maximum 100).',
          parameters: [
            { name: 'etter', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9]{1,18}$' }, description: 'The `neste` cursor of the previous page.' },
            { name: 'antall', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: {
            '200': { description: 'A page of messages.', content: { 'application/json': { schema: { $ref: '#/components/schemas/MessageList' } } } },
            '400': errorResponse('A malformed cursor or count.'),
            '401': errorResponse('Missing or invalid access token.'),
          },
        },
      },
      '/api/v1/mottak/meldinger/{id}': {
        get: {
          operationId: 'downloadMessage',
          summary: 'The encrypted package',
          description: 'CMS EnvelopedData (RSA-OAEP-SHA256 + AES-256-CBC) to your current certificate. `openssl cms -decrypt -inform DER -recip cert.pem -inkey key.pem` opens it; inside is an ASiC-E zip.',
          parameters: [idParameter],
          responses: {
            '200': { description: 'The package.', content: { 'application/pkcs7-mime': { schema: { type: 'string', format: 'binary' } } } },
            '401': errorResponse('Missing or invalid access token.'),
            '404': errorResponse('No such message for your service, or its package has been deleted after delivery.'),
          },
        },
      },
      '/api/v1/mottak/meldinger/{id}/kvittering': {
        post: {
          operationId: 'postReceipt',
          summary: 'Receipt: mottatt or feilet',
          description: 'Idempotent: the same receipt again answers 200 with the current status. A receipt that contradicts an earlier one, or comes after the report went to print, answers 409.',
          parameters: [idParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } } },
          responses: {
            '200': { description: 'Recorded.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Status' } } } },
            '400': errorResponse('The body is not a valid receipt.'),
            '401': errorResponse('Missing or invalid access token.'),
            '404': errorResponse('No such message for your service.'),
            '409': errorResponse('The message is no longer waiting for this receipt.'),
            '415': errorResponse('The body is not application/json.'),
          },
        },
      },
      '/api/v1/mottak/meldinger/{id}/tilbakemelding': {
        post: {
          operationId: 'postFeedback',
          summary: 'Feedback to the reporter',
          description:
            'Registers feedback for the reporter of a delivered message. The body carries only a code: the reporter reads a standard text on Mine meldinger and is told by email or SMS (when they gave an address) that there is feedback; no report content travels. Private reporters may only be told `mottatt`. `henlagt` and `undersokelse-apnet` exclude each other; `undersokelse-henlagt` and `undersokelse-tiltak` need `undersokelse-apnet` first and exclude each other. Idempotent: the same type again answers 200 with the first registration.',
          parameters: [idParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Feedback' } } } },
          responses: {
            '200': { description: 'Already registered; the first registration.', content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisteredFeedback' } } } },
            '201': { description: 'Registered.', content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisteredFeedback' } } } },
            '400': errorResponse('The body is not valid feedback.'),
            '401': errorResponse('Missing or invalid access token.'),
            '404': errorResponse('No such message for your service.'),
            '409': errorResponse('The message is not delivered yet, or the feedback contradicts or skips what is registered.'),
            '415': errorResponse('The body is not application/json.'),
            '422': errorResponse('`NOT_FOR_PRIVATE_REPORTER`: the reporter is a private person, who may only be told `mottatt`.'),
          },
        },
      },
      '/api/v1/statistikk': {
        get: {
          operationId: 'getStatistics',
          summary: 'Open statistics on reports of concern (no token)',
          description: 'The figures of the public page /statistikk, protected the same way: no count from 1 to 4 is shown, and no hidden count can be worked out from the others. Municipalities under 5,000 inhabitants are only in their county\'s `mindre` group.',
          security: [],
          parameters: [
            { name: 'omrade', in: 'query', required: false, schema: { type: 'string', pattern: '^(land|[0-9]{2}|[0-9]{4})$' }, description: '`land` (default), a county number or a kommunenummer.' },
            { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'] }, description: '`csv`: the same figures as rows (omrade_type, omrade_nummer, omrade_navn, periode, tall, antall, skjult).' },
          ],
          responses: {
            '200': { description: 'The figures.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Statistics' } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': errorResponse('An area or format that is not one of the above.'),
            '404': errorResponse('No such area, or a municipality under 5,000 inhabitants.'),
          },
        },
      },
      '/api/v1/mottak/statistikk': {
        put: {
          operationId: 'putServiceStatistics',
          summary: "Your service's statistics, per month",
          description:
            'Aggregates only, never a row of a report. The portal keeps the latest figures of each month and publishes them with the portal\'s own on /statistikk and GET /api/v1/statistikk, under the same disclosure control. Sending the same again changes nothing; send after your figures change, at most about once a minute.',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ServiceStatistics' } } } },
          responses: {
            '200': {
              description: 'Stored.',
              content: { 'application/json': { schema: { type: 'object', required: ['maneder', 'mottatt'], properties: { maneder: { type: 'integer', description: 'Months stored.' }, mottatt: { type: 'string', format: 'date-time' } } } } },
            },
            '400': errorResponse('Not figures as described: an unknown measure, a count that is not a whole number from 0, a month twice, in the future or too old.'),
            '401': errorResponse('Missing or invalid access token.'),
            '415': errorResponse('Not JSON.'),
          },
        },
      },
      '/api/v1/mottak/meldinger/{id}/status': {
        get: {
          operationId: 'getStatus',
          summary: 'Status and history',
          parameters: [idParameter],
          responses: {
            '200': { description: 'The status history.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Status' } } } },
            '401': errorResponse('Missing or invalid access token.'),
            '404': errorResponse('No such message for your service.'),
          },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
