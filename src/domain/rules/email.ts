// E-mail addresses as the Fiks offentlig schema accepts them (`offentligMelder.epost`, required).
// Stricter than RFC 5322 (no '+', TLD letters only) and looser in one way (æøå allowed): we copy it
// rather than use a general e-mail rule because an address the schema refuses makes the whole report
// undeliverable through Fiks.

/**
 * Verbatim from offentlig.bekymringsmelding.v2.json. Compiled with the `u` flag because that is how
 * the JSON Schema validators (Ajv) evaluate `pattern`.
 */
export const FIKS_EMAIL_PATTERN = new RegExp(
  '^[A-Za-zæøåÆØÅ0-9-_]+(\\.[A-Za-zæøåÆØÅ0-9-_]+)*@[A-Za-zæøåÆØÅ0-9-]+(\\.[A-Za-zæøåÆØÅ0-9-]+)*(\\.[A-Za-z]{2,})$',
  'u',
);

/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

export function isValidEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && FIKS_EMAIL_PATTERN.test(value);
}
