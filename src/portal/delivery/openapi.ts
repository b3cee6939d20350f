// The delivery API's contract: served at /api/openapi.json, the source of docs/api/mottak-api.md,
// and the schemas the handlers validate request bodies with. One source for all three: the schemas
// in openapi-schemas.ts, the operations in openapi-paths.ts, put together here with the server's
// own address and token issuer.
import { COMPONENT_SCHEMAS } from './openapi-schemas.ts';
import { PATHS } from './openapi-paths.ts';

export function buildOpenApiDocument(baseUrl: string, tokenIssuer: string, scope: string) {
  return buildApiDocument(
    { baseUrl, tokenIssuer, scope },
    {
      title: 'Meldeportal – leveranse-API for barneverntjenester',
      description:
        'Pull API for receiving systems, shaped after KS Fiks. A receiving system lists the reports of concern waiting for its service, downloads each encrypted package (CMS EnvelopedData to its certificate, holding an ASiC-E container with `bekymringsmelding.json` in the Fiks v2 format, `bekymringsmelding.pdf`, attachments and a CAdES signature by the portal), and answers with a receipt. Without `mottatt` within 2 working days, the report is sent by post instead.',
      tokenDescription: `Maskinporten access token (JWT-bearer grant signed with the service's integration key). Scope \`${scope}\`. The token's consumer organisation decides which service's messages are reachable. Send it as \`Authorization: Bearer <access_token>\` (the scheme in any case). Refusals follow RFC 6750: without a bearer token, 401 with \`WWW-Authenticate: Bearer realm="meldeportal"\`; an Authorization header that is not \`Bearer <token>\`, 400 with \`error="invalid_request"\`; a token that is not a valid Maskinporten token for a receiving service, 401 with \`error="invalid_token"\`. The JSON body's \`message\` says which.`,
      scopePurpose: 'Receive reports of concern for your own service.',
      schemas: COMPONENT_SCHEMAS,
      paths: PATHS,
    },
  );
}

/** What sets one of the portal's machine APIs apart in its OpenAPI document. */
export interface ApiDocumentParts<Schemas, Paths> {
  title: string;
  description: string;
  /** How the API takes its Maskinporten token, and what the scope is for. */
  tokenDescription: string;
  scopePurpose: string;
  schemas: Schemas;
  paths: Paths;
}

/**
 * The frame both machine APIs' documents share (the delivery API and the citizen-services index):
 * OpenAPI 3.1, this server, and a Maskinporten token of the API's scope on every operation.
 */
export function buildApiDocument<Schemas, Paths>(where: { baseUrl: string; tokenIssuer: string; scope: string }, parts: ApiDocumentParts<Schemas, Paths>) {
  const { baseUrl, tokenIssuer, scope } = where;
  return {
    openapi: '3.1.0',
    info: { title: parts.title, version: '1.0.0', description: parts.description },
    servers: [{ url: baseUrl }],
    security: [{ maskinporten: [scope] }],
    components: {
      securitySchemes: {
        maskinporten: {
          type: 'oauth2',
          description: parts.tokenDescription,
          flows: { clientCredentials: { tokenUrl: `${tokenIssuer.replace(/\/$/, '')}/token`, scopes: { [scope]: parts.scopePurpose } } },
        },
      },
      schemas: parts.schemas,
    },
    paths: parts.paths,
  };
}
