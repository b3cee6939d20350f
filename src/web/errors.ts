// One AppError with a stable code, mapped once to an HTTP status and a localized message.
// Handlers throw AppError; only the error handler in web/error-handler.ts turns them into responses.

export const ERROR_STATUS = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  // An API call without a valid access token (missing, expired, wrong issuer or scope).
  UNAUTHORIZED: 401,
  // The request is understood but the resource is no longer in a state that allows it.
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // Feedback the law lets a service give professional reporters only, asked for a private one:
  // well-formed and in order, but never allowed, so a retry will not help (unlike CONFLICT).
  NOT_FOR_PRIVATE_REPORTER: 422,
  // A form was posted without a valid CSRF token (stale tab, foreign site): re-render with input kept.
  CSRF: 403,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  // The database is unreachable: the reporter's answers are safe, ask them to retry.
  UNAVAILABLE: 503,
  // The draft's key is gone or the draft expired: nothing to decrypt, start again.
  DRAFT_EXPIRED: 410,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly messageKey?: string,
    /** The WWW-Authenticate challenge for a refused credential (RFC 6750 §3), sent as it is. */
    readonly challenge?: string,
  ) {
    super(message ?? code);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
