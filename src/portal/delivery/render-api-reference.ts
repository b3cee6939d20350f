// Renders an API reference (docs/api/*.md) from its OpenAPI document, so the reference cannot drift
// from what the server serves and validates: the delivery API and the citizen-services index API.
import { buildOpenApiDocument } from './openapi.ts';

type Schema = { type?: string | string[]; enum?: readonly string[]; description?: string; $ref?: string; format?: string; pattern?: string; items?: Schema; properties?: Record<string, Schema>; required?: readonly string[]; minimum?: number; maximum?: number; maxLength?: number };

/** What the renderer reads of an OpenAPI document. */
export interface ReferenceSource {
  info: { title: string; version: string; description: string };
  components: { securitySchemes: { maskinporten: { description: string; flows: { clientCredentials: { tokenUrl: string } } } }; schemas: object };
  paths: object;
}

/** The delivery API's reference as committed: with the dev URLs, which a reader replaces with their own. */
export function renderApiReference(): string {
  return renderReference(buildOpenApiDocument('http://localhost:3000', 'http://localhost:3000/dev/maskinporten', 'meldeportal:mottak'), '/api/openapi.json');
}

export function renderReference(doc: ReferenceSource, servedAt: string): string {
  const lines: string[] = [];
  lines.push(`# ${doc.info.title}`, '', `Version ${doc.info.version}. Generated from \`${servedAt}\` by \`npm run docs:api\`; do not edit by hand.`, '', doc.info.description, '');
  lines.push('## Authentication', '', doc.components.securitySchemes.maskinporten.description, '', `Token endpoint (dev stand-in): \`${doc.components.securitySchemes.maskinporten.flows.clientCredentials.tokenUrl}\`. Send \`Authorization: Bearer <access_token>\` with every call.`, '');
  lines.push('## Endpoints', '');
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations as Record<string, { summary: string; description?: string; parameters?: { name: string; in: string; required: boolean; description?: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }> }>)) {
      lines.push(`### \`${method.toUpperCase()} ${path}\` — ${op.summary}`, '');
      if (op.description) lines.push(op.description, '');
      if (op.parameters?.length) {
        lines.push('| Parameter | In | Required | Schema | Description |', '|---|---|---|---|---|');
        for (const p of op.parameters) lines.push(`| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${describeSchema(p.schema)} | ${p.description ?? ''} |`);
        lines.push('');
      }
      if (op.requestBody) {
        for (const [type, body] of Object.entries(op.requestBody.content)) lines.push(`Request body (\`${type}\`): ${describeSchema(body.schema)}`, '');
      }
      lines.push('| Status | Meaning | Body |', '|---|---|---|');
      for (const [status, response] of Object.entries(op.responses)) {
        const body = response.content ? Object.entries(response.content).map(([type, c]) => `\`${type}\` ${describeSchema(c.schema)}`).join(', ') : '';
        lines.push(`| ${status} | ${response.description} | ${body} |`);
      }
      lines.push('');
    }
  }
  lines.push('## Schemas', '');
  for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Schema>)) {
    lines.push(`### ${name}`, '');
    if (schema.description) lines.push(schema.description, '');
    lines.push('| Field | Required | Schema | Description |', '|---|---|---|---|');
    for (const [field, prop] of Object.entries(schema.properties ?? {})) {
      lines.push(`| \`${field}\` | ${schema.required?.includes(field) ? 'yes' : 'no'} | ${describeSchema(prop)} | ${prop.description ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function describeSchema(schema: Schema): string {
  if (schema.$ref) return `[${schema.$ref.split('/').at(-1)}](#${schema.$ref.split('/').at(-1)!.toLowerCase()})`;
  const type = Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
  const extras = [
    schema.enum ? `one of ${schema.enum.map((e) => `\`${e}\``).join(', ')}` : '',
    schema.format ? `format ${schema.format}` : '',
    schema.pattern ? `pattern \`${schema.pattern}\`` : '',
    schema.minimum !== undefined ? `min ${schema.minimum}` : '',
    schema.maximum !== undefined ? `max ${schema.maximum}` : '',
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : '',
    schema.items ? `of ${describeSchema(schema.items)}` : '',
  ].filter(Boolean);
  return extras.length ? `${type} (${extras.join('; ')})` : type;
}
