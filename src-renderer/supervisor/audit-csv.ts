/**
 * The audit log as a CSV file (RFC 4180: comma-separated, CRLF lines, fields quoted when they
 * hold a quote, comma or line break, quotes doubled), for a supervisor to hand to whoever asks.
 */
import { csvLine, type AuditEntry } from '../../src-common/supervisor';

export interface AuditCsvText {
  headers: readonly [at: string, actor: string, action: string, target: string, outcome: string, detail: string];
  outcome: (outcome: AuditEntry['outcome']) => string;
}

/**
 * The entries with a header row in the UI language. Starts with a byte order mark so a
 * spreadsheet opens accents (Spanish, Catalan) as UTF-8.
 */
export function auditCsv(entries: readonly AuditEntry[], text: AuditCsvText): string {
  const lines = [csvLine(text.headers)];
  for (const e of entries) lines.push(csvLine([e.at, `${e.actorId} (${e.actorRole})`, e.action, e.targetId ?? '', text.outcome(e.outcome), e.detail]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "auditoria-2026-01-31T10-05-00.csv": sortable, and valid on every file system. */
export function auditFileName(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.csv`;
}
