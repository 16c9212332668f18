/**
 * The last calls' statistics kept for IT: each finished call's quality summary is added to
 * <data>/diagnostics/last-calls-stats.json (the newest last, at most 20, one per item), survives a
 * damaged file, and a diagnostics export carries it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallQualitySummary } from '../../../src-common/call-quality';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { recordCallStats } from '../../../src-main/services/diagnostics/call-stats-file';
import { CALL_STATS_FILE, buildDiagnostics } from '../../../src-main/services/diagnostics/diagnostics';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const summary = (n: number): CallQualitySummary => ({ itemId: `wi-${n}`, seconds: 60 + n, mosAverage: 4.1, mosMin: 3.2, mainProblem: 'good', lossPercentMax: 1, jitterMsMax: 12, rttMsMax: 80 });
const report = (dataDir: string) =>
  buildDiagnostics({ dataDir, appVersion: 'test', settings: { values: DEFAULT_SETTINGS, origins: {}, locked: [], policyIssues: [] }, logFile: path.join(dataDir, 'none.log') });

describe('the last calls’ statistics for IT', () => {
  it('keeps the newest 20 calls, one per item, and the diagnostics export carries them', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-call-stats-'));
    dirs.push(dataDir);
    for (let n = 1; n <= 25; n += 1) recordCallStats(dataDir, summary(n), new Date(Date.UTC(2026, 11, 6, 9, 0, n)));
    // The outbox may send a call's summary again: it replaces the earlier one.
    recordCallStats(dataDir, { ...summary(25), mosAverage: 3.9 }, new Date(Date.UTC(2026, 11, 6, 9, 1)));
    const calls = report(dataDir).callStats as Array<{ itemId: string; mosAverage: number; at: string }>;
    expect(calls).toHaveLength(20);
    expect(calls[0]?.itemId).toBe('wi-6');
    expect(calls.at(-1)).toMatchObject({ itemId: 'wi-25', mosAverage: 3.9, at: '2026-12-06T09:01:00.000Z' });
  });

  it('starts afresh over a damaged file instead of failing the call', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-call-stats-'));
    dirs.push(dataDir);
    mkdirSync(path.join(dataDir, 'diagnostics'), { recursive: true });
    writeFileSync(path.join(dataDir, CALL_STATS_FILE), '{not json');
    recordCallStats(dataDir, summary(1), new Date());
    expect((report(dataDir).callStats as unknown[]).length).toBe(1);
  });
});
