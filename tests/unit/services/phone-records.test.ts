/**
 * What the phone leaves for IT: each finished call's quality summary in
 * <data>/diagnostics/last-calls-stats.json (the newest last, at most 20, one per item; a damaged
 * file is started afresh), and the SIP trace of the last calls; a diagnostics export carries both.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallQualitySummary } from '../../../src-common/call-quality';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { recordCallStats, saveSipTrace } from '../../../src-main/services/diagnostics/phone-records';
import { SipTrace } from '../../../src-phone/engine/sip-trace';
import type { Call } from '../../../src-common/call';
import type { PhoneEvent } from '../../../src-common/phone-contract';
import { inboundCall } from '../renderer/phone-fixtures';
import { CALL_STATS_FILE, buildDiagnostics } from '../../../src-main/services/diagnostics/diagnostics';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const summary = (n: number): CallQualitySummary => ({ itemId: `wi-${n}`, seconds: 60 + n, mosAverage: 4.1, mosMin: 3.2, mainProblem: 'good', lossPercentMax: 1, jitterMsMax: 12, rttMsMax: 80 });
const report = (dataDir: string) =>
  buildDiagnostics({ dataDir, appVersion: 'test', settings: { values: DEFAULT_SETTINGS, origins: {}, locked: [], policyIssues: [], policyError: null }, logFile: path.join(dataDir, 'none.log') });

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

describe('the SIP trace of the last calls', () => {
  it('keeps the messages of calls only, and hands them over when the last call ends', () => {
    const trace = new SipTrace();
    const at = new Date(Date.UTC(2026, 11, 6, 9));
    const call = (id: string, state: Call['state']): PhoneEvent => ({ type: 'call-updated', call: { ...inboundCall(id, null), state, startedAt: at.toISOString() } });
    trace.onTransportLog('Sending WebSocket message:\n\nREGISTER sip:lab SIP/2.0\r\n', new Date(at.getTime() - 60_000));
    // The INVITE is traced before the phone knows of the call: it belongs to the call all the same.
    trace.onTransportLog('Received WebSocket text message:\n\nINVITE sip:ana@lab SIP/2.0\r\n', at);
    expect(trace.onEvent(call('k1', 'ringing-in'))).toBeNull();
    trace.onTransportLog('Received WebSocket message with CRLF Keep Alive response', at);
    expect(trace.onEvent(call('k2', 'dialing'))).toBeNull();
    trace.onTransportLog('Sending WebSocket message:\n\nINVITE sip:jordi@lab SIP/2.0\r\n', at);
    expect(trace.onEvent({ type: 'call-removed', callId: 'k1' })).toBeNull();
    const text = trace.onEvent({ type: 'call-removed', callId: 'k2' }) ?? '';
    expect(text).toContain('INVITE sip:ana@lab');
    expect(text).toContain('INVITE sip:jordi@lab');
    expect(text).not.toContain('REGISTER');
    expect(text).not.toContain('Keep Alive');
    // The next call starts a fresh trace.
    const later = new Date(at.getTime() + 60_000);
    trace.onTransportLog('Received WebSocket text message:\n\nINVITE sip:marta@lab SIP/2.0\r\n', later);
    trace.onEvent({ type: 'call-updated', call: { ...inboundCall('k3', null), startedAt: later.toISOString() } });
    const next = trace.onEvent({ type: 'call-removed', callId: 'k3' }) ?? '';
    expect(next).toContain('marta');
    expect(next).not.toContain('jordi');
  });

  it("keeps a long call's INVITE: the connection checks sent meanwhile are not traced", () => {
    const trace = new SipTrace();
    const at = new Date(Date.UTC(2026, 11, 7, 9));
    trace.onTransportLog('Received WebSocket text message:\n\nINVITE sip:ana@lab SIP/2.0\r\nCSeq: 1 INVITE\r\n', at);
    trace.onEvent({ type: 'call-updated', call: { ...inboundCall('k1', null), state: 'active', startedAt: at.toISOString() } });
    const padding = `Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK${'x'.repeat(400)}\r\n`;
    // An hour's checks, one every 10 s, each with its answer.
    for (let check = 1; check <= 360; check += 1) {
      const sent = new Date(at.getTime() + check * 10_000);
      trace.onTransportLog(`Sending WebSocket message:\n\nOPTIONS sip:lab SIP/2.0\r\n${padding}CSeq: ${check} OPTIONS\r\n\r\n`, sent);
      trace.onTransportLog(`Received WebSocket text message:\n\nSIP/2.0 200 OK\r\n${padding}cseq:${check} options\r\n\r\n`, sent);
    }
    trace.onTransportLog('Received WebSocket text message:\n\nBYE sip:ana@lab SIP/2.0\r\nCSeq: 2 BYE\r\n', new Date(at.getTime() + 3_600_000));
    const text = trace.onEvent({ type: 'call-removed', callId: 'k1' }) ?? '';
    expect(text).toContain('INVITE sip:ana@lab');
    expect(text).toContain('BYE sip:ana@lab');
    expect(text).not.toMatch(/OPTIONS/i);
  });

  it('is written for the diagnostics export, which redacts it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-sip-trace-'));
    dirs.push(dataDir);
    saveSipTrace(dataDir, 'INVITE sip:+34612345678@trunk SIP/2.0\r\nFrom: "Maria" <sip:+34612345678@trunk>\r\n');
    const traced = report(dataDir).sipTrace ?? '';
    expect(traced).toContain('INVITE sip:');
    expect(traced).not.toContain('612345678');
  });
});
