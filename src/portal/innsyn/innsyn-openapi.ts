// The index API's contract (decision 024): served at /api/v1/innsyn/openapi.json and the source of
// docs/api/innsyn-api.md. The documents themselves are KS's barnevern `mappe` and `journalpost` v1,
// described by KS's own schemas (data/fiks-innsyn); this describes the envelope around them.
import { MAX_BATCH } from './innsyn-items.ts';
import { renderReference } from '../delivery/render-api-reference.ts';
import { buildApiDocument } from '../delivery/openapi.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

const SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error', 'message'],
    properties: { error: { type: 'string', description: 'A stable code, e.g. `BAD_REQUEST`.' }, message: { type: 'string', description: 'What was wrong, in Norwegian.' } },
  },
  Item: {
    type: 'object',
    required: ['meldingId', 'type', 'personidentifikator', 'data'],
    description: 'One document as indexed for one person. The same `meldingId` for the same person again replaces it.',
    properties: {
      meldingId: { type: 'string', format: 'uuid', description: 'Chosen by the case system; a mappe and its journalposts each have their own, the same for every person the document is indexed for.' },
      type: { type: 'string', enum: ['barnevern.mappe.v1', 'barnevern.journalpost.v1'] },
      personidentifikator: { type: 'string', pattern: '^[0-9]{11}$', description: 'The fødselsnummer or D-number of the person this copy is for; `minPart.fodselsnummer` in a mappe must be the same. Never sent in a URL.' },
      data: { type: 'object', description: "The document, as KS's schema `mappe.v1.json` or `journalpost.v1.json` (Draft 2019-09) defines it. A journalpost's `forelderMeldingId` is its mappe's `meldingId`." },
    },
  },
  Batch: {
    type: 'object',
    required: ['elementer'],
    properties: {
      elementer: { type: 'array', maxItems: MAX_BATCH, items: { $ref: '#/components/schemas/Item' } },
      replay: { type: 'string', description: 'The id of an open replay this batch belongs to.' },
    },
  },
  Indexed: { type: 'object', required: ['indeksert'], properties: { indeksert: { type: 'integer', minimum: 0 } } },
  ItemError: {
    type: 'object',
    required: ['element', 'path', 'message'],
    properties: {
      element: { type: 'integer', minimum: 0, description: 'The item\'s place in `elementer`.' },
      path: { type: 'string', description: 'A JSON pointer into the item; `/data/…` for the document.' },
      message: { type: 'string' },
    },
  },
  Refused: {
    type: 'object',
    required: ['error', 'message', 'feil'],
    properties: { error: { type: 'string', enum: ['BAD_REQUEST'] }, message: { type: 'string' }, feil: { type: 'array', items: { $ref: '#/components/schemas/ItemError' } } },
  },
  Deletion: {
    type: 'object',
    required: ['meldingIder'],
    properties: {
      meldingIder: { type: 'array', maxItems: MAX_BATCH, items: { type: 'string', format: 'uuid' } },
      personidentifikator: { type: 'string', pattern: '^[0-9]{11}$', description: "Only this person's copies; without it, every person's." },
    },
  },
  Deleted: { type: 'object', required: ['slettet'], properties: { slettet: { type: 'integer', minimum: 0 } } },
  Replay: { type: 'object', required: ['replay'], properties: { replay: { type: 'string' } } },
};

const PATHS = {
  '/api/v1/innsyn/indeks': {
    post: {
      operationId: 'indexItems',
      summary: 'Index a batch',
      description: `At most ${MAX_BATCH} items. The whole batch is checked first, each document against KS's schema; if any item is wrong nothing is written and every error is listed. A valid batch is written at once, in one transaction.`,
      requestBody: { required: true, content: json('Batch') },
      responses: {
        '200': { description: 'Every item indexed.', content: json('Indexed') },
        '400': { description: 'Nothing indexed: the items in `feil` break KS\'s schema or the index\'s rules, or the body is not a batch.', content: json('Refused') },
        '401': errorResponse('Missing or invalid access token, or a token without the innsyn scope.'),
        '404': errorResponse('`replay` names no open replay of your service.'),
        '413': errorResponse(`More than ${MAX_BATCH} items, or a body over 32 MB.`),
      },
    },
  },
  '/api/v1/innsyn/indeks/slett': {
    post: {
      operationId: 'deleteItems',
      summary: 'Delete items',
      description: 'Deletes the items of your service with these ids: what a person saw of them is gone at their next request (an exposure withdrawn).',
      requestBody: { required: true, content: json('Deletion') },
      responses: { '200': { description: 'How many copies were deleted.', content: json('Deleted') }, '400': errorResponse('Not a list of UUIDs, or a malformed personidentifikator.'), '401': errorResponse('Missing or invalid access token.') },
    },
  },
  '/api/v1/innsyn/replay': {
    post: {
      operationId: 'startReplay',
      summary: 'Start a replay',
      description: 'Opens a replay: index everything your service shares now with `replay` set, then complete it. The portal\'s copy is a cache; this rebuilds it.',
      responses: { '201': { description: 'The replay\'s id.', content: json('Replay') }, '401': errorResponse('Missing or invalid access token.') },
    },
  },
  '/api/v1/innsyn/replay/{id}/fullfor': {
    post: {
      operationId: 'completeReplay',
      summary: 'Complete a replay',
      description: 'Deletes every item of your service that the replay did not index, so the index holds exactly what you indexed again.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The id from starting the replay.' }],
      responses: { '200': { description: 'How many items the replay left out, now deleted.', content: json('Deleted') }, '401': errorResponse('Missing or invalid access token.'), '404': errorResponse('No open replay of your service with this id.') },
    },
  },
};

export function buildInnsynOpenApiDocument(baseUrl: string, tokenIssuer: string, scope: string) {
  return buildApiDocument(
    { baseUrl, tokenIssuer, scope },
    {
      title: 'Meldeportal – innsyns-API for barneverntjenester',
      description:
        "Index API for citizen services (Min barnevernssak), shaped after KS's Fiks Innsyn: a child welfare service's case system publishes, for each party of a case, the case folder (`mappe`) and the records (`journalpost`) that party may see, as KS's barnevern v1 JSON. A vendor's system that indexes for Fiks Innsyn indexes here with the same documents. The portal keeps each item encrypted and shows it only to the person it was indexed for. Citizen services are on where the operator has enabled them.",
      tokenDescription: `Maskinporten access token (JWT-bearer grant signed with the service's integration key) with the scope \`${scope}\`. The token's consumer organisation decides which service's items are written and deleted. The delivery API's scope does not reach this API. Refusals as in the delivery API (RFC 6750).`,
      scopePurpose: "Publish what each party of your service's cases may see.",
      schemas: SCHEMAS,
      paths: PATHS,
    },
  );
}

export const INNSYN_OPENAPI_PATH = '/api/v1/innsyn/openapi.json';

/** docs/api/innsyn-api.md as committed: with the dev URLs, which a reader replaces with their own. */
export function renderInnsynApiReference(): string {
  return renderReference(buildInnsynOpenApiDocument('http://localhost:3000', 'http://localhost:3000/dev/maskinporten', 'meldeportal:innsyn'), INNSYN_OPENAPI_PATH);
}
