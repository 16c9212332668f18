/**
 * Errors are values at every boundary: a user-facing message plus a machine code.
 * The log-facing cause stays on the side that produced it and is never sent across.
 */
import { z } from 'zod';

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

/** Every error code the product uses, defined once: the type, the wire schema and the UI's checks. */
export const ERROR_CODES = ['bad-request', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'unavailable', 'rate-limited', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** Safe to show to the user (English; the renderer may translate by code). */
  message: z.string(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

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
