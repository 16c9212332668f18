/**
 * Errors are values at every boundary: a user-facing message plus a machine code.
 * The log-facing cause stays on the side that produced it and is never sent across.
 */
export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export type ErrorCode =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'rate-limited'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** Safe to show to the user (English; the renderer may translate by code). */
  message: string;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Err => ({ ok: false, error: { code, message } });

/** An Error that carries an AppError, for code paths that throw instead of returning a Result. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppFailure';
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message };
  }
}
