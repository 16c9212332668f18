/** A single-row lookup's answer: the mapped row, or null when the statement found none. */
export function rowOrNull<R, T>(record: R | undefined, toRow: (record: R) => T): T | null {
  return record === undefined ? null : toRow(record);
}
