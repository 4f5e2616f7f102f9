import { fill, vi, type ErrorCode } from '../i18n/vi';

/** The shape every error takes when it crosses the API boundary. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

/**
 * An error the core raises on purpose: it carries a code the UI can branch on and a Vietnamese
 * message a clerk can act on. Anything else thrown inside the core becomes INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string | number>;

  constructor(code: ErrorCode, details: Record<string, string | number> = {}) {
    super(fill(vi.errors[code], details));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Thrown on the UI side when a call comes back with an error body. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
  }
}
