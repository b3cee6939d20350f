// The delivery API's contract: served at /api/openapi.json, the source of docs/api/mottak-api.md,
// and the schemas the handlers validate request bodies with. One source for all three: the schemas
// in openapi-schemas.ts, the operations in openapi-paths.ts, put together here with the server's
// own address and token issuer.
import { COMPONENT_SCHEMAS } from './openapi-schemas.ts';
import { PATHS } from './openapi-paths.ts';

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
        maskinporten: maskinportenScheme(
          tokenIssuer,
          scope,
          `Maskinporten access token (JWT-bearer grant signed with the service's integration key). Scope \`${scope}\`. The token's consumer organisation decides which service's messages are reachable. Send it as \`Authorization: Bearer <access_token>\` (the scheme in any case). Refusals follow RFC 6750: without a bearer token, 401 with \`WWW-Authenticate: Bearer realm="meldeportal"\`; an Authorization header that is not \`Bearer <token>\`, 400 with \`error="invalid_request"\`; a token that is not a valid Maskinporten token for a receiving service, 401 with \`error="invalid_token"\`. The JSON body's \`message\` says which.`,
          'Receive reports of concern for your own service.',
        ),
      },
      schemas: COMPONENT_SCHEMAS,
    },
    paths: PATHS,
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** How both APIs take their Maskinporten token: the OAuth 2 scheme of their OpenAPI documents. */
export function maskinportenScheme(tokenIssuer: string, scope: string, description: string, purpose: string) {
  return {
    type: 'oauth2',
    description,
    flows: { clientCredentials: { tokenUrl: `${tokenIssuer.replace(/\/$/, '')}/token`, scopes: { [scope]: purpose } } },
  };
}
