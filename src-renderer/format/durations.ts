/** "m:ss" under an hour, "h:mm:ss" above; negative spans read as zero (a countdown that ran out). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/** Whole seconds left until `deadlineIso` on the hub's clock; rounds up so 0 means "now". */
export function secondsUntil(deadlineIso: string, localNowMs: number, serverTimeOffsetMs: number): number {
  const left = Date.parse(deadlineIso) - (localNowMs + serverTimeOffsetMs);
  return Math.max(0, Math.ceil(left / 1000));
}

/** Milliseconds elapsed since `sinceIso` on the hub's clock. */
export function msSince(sinceIso: string, localNowMs: number, serverTimeOffsetMs: number): number {
  return Math.max(0, localNowMs + serverTimeOffsetMs - Date.parse(sinceIso));
}
