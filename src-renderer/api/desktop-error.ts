/**
 * Every failed invoke, whatever the transport, surfaces as a DesktopError: an AppError code the
 * UI translates plus the English message main sent (kept for the log).
 */
import { ERROR_CODES, type AppError, type ErrorCode } from '../../src-common/result';


export class DesktopError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DesktopError';
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message };
  }
}

/**
 * Errors thrown through Electron's contextBridge lose their class and custom fields; the preload
 * is expected to reject with an AppError-shaped object or an Error whose message is user-facing.
 */
export function toAppError(caught: unknown): AppError {
  if (caught instanceof DesktopError) return caught.toAppError();
  if (typeof caught === 'object' && caught !== null) {
    const candidate = caught as { code?: unknown; message?: unknown };
    const message = typeof candidate.message === 'string' ? candidate.message : 'Unexpected error';
    const code = ERROR_CODES.find((c) => c === candidate.code) ?? 'internal';
    return { code, message };
  }
  return { code: 'internal', message: typeof caught === 'string' ? caught : 'Unexpected error' };
}
