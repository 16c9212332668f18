/**
 * What the phone leaves for IT beside the diagnostics. The SIP trace of the last calls, as the
 * phone reported it (redacted when exported). The statistics of the last calls: each finished call's
 * quality summary (MOS, the problem seen longest, the worst loss, jitter and round trip), the
 * newest last, at most CALLS_KEPT. A diagnostics export carries the file. Holds no personal data:
 * work item ids and figures only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CallQualitySummary } from '../../../src-common/call-quality';
import { CALL_STATS_FILE, SIP_TRACE_FILE } from './diagnostics';

const CALLS_KEPT = 20;
const StoredCalls = z.array(CallQualitySummary.extend({ at: z.string() }));

/** Adds a call to the file (a damaged file is started afresh: it is a convenience, not a record). */
export function recordCallStats(dataDir: string, summary: CallQualitySummary, at: Date): void {
  const file = path.join(dataDir, CALL_STATS_FILE);
  let calls: z.infer<typeof StoredCalls> = [];
  try {
    const parsed = StoredCalls.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) calls = parsed.data;
  } catch {
    // Missing or unreadable: this call starts the list.
  }
  const next = [...calls.filter((call) => call.itemId !== summary.itemId), { ...summary, at: at.toISOString() }].slice(-CALLS_KEPT);
  writeWhole(file, `${JSON.stringify(next, null, 2)}\n`);
}

/** Replaces the kept SIP trace with the phone's newest one (written whole, then renamed). */
export function saveSipTrace(dataDir: string, text: string): void {
  writeWhole(path.join(dataDir, SIP_TRACE_FILE), text);
}

function writeWhole(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
