/**
 * A `<input type="datetime-local">` value ("2026-03-02T09:30", the agent's local time) as the
 * ISO-8601 UTC instant the hub stores; null when the browser handed us something else.
 */
export function dueAtFromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
