// Phone numbers as the Fiks schema accepts them (`telefonnummer`).

/** Copied from the Fiks v2 schemas (privatMelder and offentligMelder `telefonnummer`). */
export const FIKS_PHONE_PATTERN = /^[+]?[0-9]+([- ][0-9]+)*$/;

/** Enough for Norwegian 8-digit numbers and for E.164's 15-digit maximum with country code. */
export const PHONE_MIN_DIGITS = 8;
export const PHONE_MAX_DIGITS = 15;

/** Pasted numbers come with stray and doubled spaces, which the Fiks pattern refuses. */
export function normalizePhone(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function isValidPhone(value: string): boolean {
  const phone = normalizePhone(value);
  if (!FIKS_PHONE_PATTERN.test(phone)) return false;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}
