// Validates a Fiks bekymringsmelding document against KS's JSON schemas before it leaves the portal:
// a document the receiving case system rejects falls back to letter post, days later.
import ajv2019Module from 'ajv/dist/2019.js';
import ajvFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { isValidIsoDate } from '../rules/iso-date.ts';
import { loadFiksSchemas, type FiksSchemas } from './fiks-schemas.ts';
import { FIKS_MESSAGE_TYPES, type FiksSchemaMessageType } from './message-types.ts';

// Both packages are CommonJS. Seen from ESM under NodeNext the default import is `module.exports`, and
// TypeScript only types the class/plugin on its `.default`, which both packages also set at runtime.
const Ajv2019 = ajv2019Module.default;
const addFormats = ajvFormatsModule.default;

export type FiksValidationResult = { valid: true } | { valid: false; errors: string[] };

/**
 * ISO 8601 date-time with the zone OPTIONAL. The schemas say `format: date-time` (RFC 3339, zone
 * required), but the protocol defines `sendingstidspunkt` as Norwegian local time without zone and
 * KS's own examples send "2020-03-16T13:29:33". Whatever KS validates with does not enforce the
 * zone; ajv-formats does, and would reject every conforming message. We keep the format check (a real date and
 * time, 'T' separator) and only relax the zone.
 */
const DATE_TIME_OPTIONAL_ZONE =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))?$/i;

function isDateTimeWithOptionalZone(value: string): boolean {
  const match = DATE_TIME_OPTIONAL_ZONE.exec(value);
  if (!match) return false;
  const [, date = '', hour, minute, second, zoneHour = '00', zoneMinute = '00'] = match;
  return (
    isValidIsoDate(date) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(zoneHour) <= 23 &&
    Number(zoneMinute) <= 59
  );
}

export type FiksValidator = (messageType: FiksSchemaMessageType, document: unknown) => FiksValidationResult;

let defaultValidator: FiksValidator | undefined;

export function validateFiksDocument(messageType: FiksSchemaMessageType, document: unknown): FiksValidationResult {
  defaultValidator ??= makeFiksValidator(loadFiksSchemas());
  return defaultValidator(messageType, document);
}

/** A validator for a given set of schemas: the running app's, or a new copy `reference-data refresh` checks. */
export function makeFiksValidator(schemas: FiksSchemas): FiksValidator {
  const validators = compileValidators(schemas);
  return (messageType, document) => validateWith(validators, messageType, document);
}

function compileValidators(schemas: FiksSchemas): Map<FiksSchemaMessageType, ValidateFunction> {
  // strict: false because the privat schemas put `minLength` on the children array (KS's slip for
  // `minItems`), which Ajv's strict mode refuses to compile. Ajv then ignores it, so the emptiness check
  // KS meant is added back in validateFiksDocument.
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isDateTimeWithOptionalZone });
  ajv.addSchema(schemas.adresse);
  const compiled = new Map<FiksSchemaMessageType, ValidateFunction>();
  for (const [type, schema] of Object.entries(schemas.byMessageType)) {
    compiled.set(type as FiksSchemaMessageType, ajv.compile(schema));
  }
  return compiled;
}

function validateWith(validators: Map<FiksSchemaMessageType, ValidateFunction>, messageType: FiksSchemaMessageType, document: unknown): FiksValidationResult {
  const validate = validators.get(messageType);
  if (!validate) return { valid: false, errors: [`Unknown Fiks message type: ${String(messageType)}`] };
  const schemaValid = validate(document);
  const errors = schemaValid
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`.trim());
  if (!schemaValid && errors.length === 0) errors.push('/ invalid document');
  if (isPrivateMessageType(messageType) && hasEmptyChildren(document)) {
    errors.push('/privatBarn must NOT have fewer than 1 items (the schema says minLength; the protocol means minItems)');
  }
  return errors.length === 0 ? { valid: true } : { valid: false, errors };
}

function isPrivateMessageType(messageType: FiksSchemaMessageType): boolean {
  return messageType === FIKS_MESSAGE_TYPES.privatV2 || messageType === FIKS_MESSAGE_TYPES.privatV1;
}

function hasEmptyChildren(document: unknown): boolean {
  if (typeof document !== 'object' || document === null) return false;
  const children = (document as { privatBarn?: unknown }).privatBarn;
  return Array.isArray(children) && children.length === 0;
}

export { FIKS_MESSAGE_TYPES };
