/**
 * "Export diagnostics": one JSON file IT can ask an agent for. It holds versions, the effective
 * settings with where each came from, policy problems, the end of the log, and the last SIP
 * trace and call statistics when the phone left them in the data folder. Everything textual
 * goes through the redactor first; the file is written to <data>/diagnostics/.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SETTING_KEYS, type EffectiveSettings } from '../../../src-common/settings';
import { redactLogLine, redactText, redactValue } from './redact';

/** Where the phone keeps its last SIP trace and the statistics of the last calls, if it does. */
export const SIP_TRACE_FILE = path.join('diagnostics', 'last-sip-trace.log');
export const CALL_STATS_FILE = path.join('diagnostics', 'last-calls-stats.json');
const LOG_FILE = path.join('logs', 'centralita.log');

/** The end of the log is what explains a problem; this much is plenty and keeps the file small. */
const LOG_TAIL_BYTES = 512 * 1024;
const LOG_TAIL_LINES = 2000;
const SIP_TRACE_BYTES = 256 * 1024;

export interface DiagnosticsInput {
  dataDir: string;
  appVersion: string;
  settings: EffectiveSettings;
  /** The log file to take the tail of; default: centralita.log in dataDir's logs folder. */
  logFile?: string;
  now?: Date;
}

export interface DiagnosticsReport {
  format: 'centralita-diagnostics/1';
  createdAt: string;
  versions: Record<string, string>;
  system: { platform: string; arch: string; release: string; memoryMb: number; cpus: number };
  settings: Array<{ key: string; value: unknown; source: string; locked: boolean }>;
  policyIssues: EffectiveSettings['policyIssues'];
  log: string[];
  sipTrace: string | null;
  callStats: unknown;
}

export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsReport {
  const { settings } = input;
  return {
    format: 'centralita-diagnostics/1',
    createdAt: (input.now ?? new Date()).toISOString(),
    versions: { centralita: input.appVersion, ...pickVersions(process.versions) },
    system: { platform: process.platform, arch: process.arch, release: os.release(), memoryMb: Math.round(os.totalmem() / 2 ** 20), cpus: os.cpus().length },
    settings: SETTING_KEYS.map((key) => ({
      key,
      value: redactValue(settings.values[key], key),
      source: settings.origins[key] ?? 'default',
      locked: settings.locked.includes(key),
    })),
    policyIssues: settings.policyIssues.map((issue) => ({ ...issue, message: redactText(issue.message) })),
    log: tailLines(input.logFile ?? path.join(input.dataDir, LOG_FILE), LOG_TAIL_BYTES, LOG_TAIL_LINES).map(redactLogLine),
    sipTrace: readTail(path.join(input.dataDir, SIP_TRACE_FILE), SIP_TRACE_BYTES)?.split(/\r?\n/).map(redactText).join('\n') ?? null,
    callStats: readCallStats(path.join(input.dataDir, CALL_STATS_FILE)),
  };
}

/** Writes the report and returns the file's name, path and text (the UI offers it as a download too). */
export function exportDiagnostics(input: DiagnosticsInput): { fileName: string; path: string; content: string } {
  const report = buildDiagnostics(input);
  const content = `${JSON.stringify(report, null, 2)}\n`;
  const dir = path.join(input.dataDir, 'diagnostics');
  mkdirSync(dir, { recursive: true });
  const fileName = `centralita-diagnostics-${report.createdAt.replace(/[:.]/g, '-')}.json`;
  const file = path.join(dir, fileName);
  writeFileSync(file, content, { mode: 0o600 });
  return { fileName, path: file, content };
}

function pickVersions(versions: NodeJS.ProcessVersions): Record<string, string> {
  const wanted = ['node', 'electron', 'chrome', 'v8', 'openssl', 'uv'] as const;
  const out: Record<string, string> = {};
  for (const name of wanted) {
    const version = (versions as Record<string, string | undefined>)[name];
    if (version) out[name] = version;
  }
  return out;
}

function readTail(file: string, maxBytes: number): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // A cut at the start lands mid-line: drop that partial line.
    return size > maxBytes ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    closeSync(fd);
  }
}

function tailLines(file: string, maxBytes: number, maxLines: number): string[] {
  const text = readTail(file, maxBytes);
  if (text === null) return [];
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-maxLines);
}

function readCallStats(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return redactValue(JSON.parse(text));
  } catch {
    return { unreadable: redactText(text.slice(0, 10_000)) };
  }
}
