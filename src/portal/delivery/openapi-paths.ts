// The delivery API's operations, as the OpenAPI document's paths: what each one takes and answers.
// Bodies are $refs to the schemas in openapi-schemas.ts.

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The message id from the list.' };

export const PATHS = {
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
};
