/**
 * The diagnostics file goes to IT and often on to a vendor: no token, password, email or
 * customer phone number may survive in it. The data folder is seeded with what real logs, a SIP
 * trace and call statistics contain; the exported file is searched for every secret.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EffectiveSettings } from '../../../src-common/settings';
import { CALL_STATS_FILE, SIP_TRACE_FILE, exportDiagnostics } from '../../../src-main/services/diagnostics/diagnostics';

const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-diagnostics-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbmEiLCJyb2xlIjoiYWdlbnQiLCJleHAiOjE3MzM0MzYwMDB9.Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0';
const refreshToken = 'rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc';
const password = 'S3cr3t!Pa55w0rd';
const basic = 'YW5hOlMzY3IzdCFQYTU1dzByZA==';
const digestResponse = '6629fae49393a05397450978507c4ef1';
const email = 'maria.garcia@cliente.example.es';
const customerName = 'María García';
/** Every way a customer's number shows up: E.164, Spanish national forms, SIP and tel: URIs. */
const phones = ['+34612345678', '+34 612 34 56 78', '612 34 56 78', '612-345-678', '612.345.678', '612345678', '91 123 45 67', '0034 612 345 678', '+44 20 7183 8750'];
const phoneDigits = ['612345678', '911234567', '2071838750'];

const t0 = 1_733_436_000_000;
const logLines = [
  { level: 30, time: t0, app: 'centralita-desktop', msg: 'signed in', user: 'ana', hub: 'https://hub.example.es' },
  { level: 30, time: t0 + 1, msg: 'hub request', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' } },
  { level: 30, time: t0 + 2, msg: 'session resumed', accessToken: jwt, refreshToken },
  { level: 40, time: t0 + 3, msg: `login retry with password=${password} for ${email}` },
  { level: 30, time: t0 + 4, msg: 'offer', customer: { name: customerName, phone: '+34612345678', email } },
  { level: 30, time: t0 + 5, msg: `dialling 612 34 56 78 then 91 123 45 67 and 612-345-678, 612.345.678 or 0034 612 345 678; also +44 20 7183 8750` },
  { level: 30, time: t0 + 6, msg: `click-to-dial tel:612345678 and sip:+34612345678@trunk.example.es` },
  { level: 50, time: t0 + 7, msg: 'proxy said 401', response: `WWW-Authenticate: Digest realm="centralita", nonce="abc123def456"`, body: `{"refresh_token":"${refreshToken}","password":"${password}"}` },
].map((line) => JSON.stringify(line));
const plainLines = [`authorization: Basic ${basic}`, `Authorization: Bearer ${jwt}`, `refresh_token=${refreshToken}&grant_type=refresh_token`];

const sipTrace = [
  'INVITE sip:1001@192.168.1.20:5060;transport=ws SIP/2.0',
  `From: "${customerName}" <sip:+34612345678@trunk.example.es>;tag=a73kszlfl`,
  'To: <sip:1001@centralita.local>',
  'Call-ID: 3848276298220188511@trunk.example.es',
  `Authorization: Digest username="1001", realm="centralita.local", nonce="5f1a2b3c4d5e6f", uri="sip:centralita.local", response="${digestResponse}", algorithm=MD5`,
  `P-Asserted-Identity: "${customerName}" <tel:+34612345678>`,
  'Contact: <sip:+34612345678@203.0.113.9:5060>',
  '',
  'v=0',
].join('\r\n');

const callStats = [{ callId: 'c-1', remote: 'sip:+34612345678@trunk.example.es', caller: '612 34 56 78', mos: 4.2, jitterMs: 3.1, packetsLost: 2, durationS: 184 }];

function settings(): EffectiveSettings {
  return {
    values: { ...DEFAULT_SETTINGS, hubUrl: `https://ana:${password}@hub.example.es/?token=${refreshToken}`, language: 'ca' },
    locked: ['hubUrl'],
    policyError: null,
    policyIssues: [],
    origins: { hubUrl: 'HKLM\\Software\\Policies\\Centralita', language: 'user' },
  };
}

describe('Export diagnostics', () => {
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  mkdirSync(path.join(dataDir, 'diagnostics'), { recursive: true });
  writeFileSync(path.join(dataDir, 'logs', 'centralita.log'), [...logLines, ...plainLines].join('\n') + '\n');
  writeFileSync(path.join(dataDir, SIP_TRACE_FILE), sipTrace);
  writeFileSync(path.join(dataDir, CALL_STATS_FILE), JSON.stringify(callStats));
  const exported = exportDiagnostics({ dataDir, appVersion: '1.4.2', settings: settings(), now: new Date(t0) });
  const content = readFileSync(exported.path, 'utf8');

  it('writes one JSON file into the data folder and returns the same text', () => {
    expect(path.dirname(exported.path)).toBe(path.join(dataDir, 'diagnostics'));
    expect(exported.fileName).toMatch(/^centralita-diagnostics-.*\.json$/);
    expect(content).toBe(exported.content);
  });

  it('leaves no token, password, digest answer, email or customer name', () => {
    for (const secret of [jwt, jwt.split('.')[1] ?? jwt, refreshToken, password, basic, digestResponse, email, customerName, 'abc123def456', '5f1a2b3c4d5e6f']) {
      expect(content, secret).not.toContain(secret);
    }
  });

  it('leaves no customer phone number in any format', () => {
    for (const phone of phones) expect(content, phone).not.toContain(phone);
    const digitsOnly = content.replace(/[\s().+-]/g, '');
    for (const digits of phoneDigits) expect(digitsOnly, digits).not.toContain(digits);
  });

  it('keeps what IT needs: versions, settings with their source, log messages, the SIP trace shape and call quality', () => {
    const report = JSON.parse(content) as {
      versions: Record<string, string>;
      settings: Array<{ key: string; value: unknown; source: string; locked: boolean }>;
      log: string[];
      sipTrace: string;
      callStats: Array<Record<string, unknown>>;
    };
    expect(report.versions).toMatchObject({ centralita: '1.4.2', node: process.versions.node });
    expect(report.settings.find((s) => s.key === 'hubUrl')).toMatchObject({ source: 'HKLM\\Software\\Policies\\Centralita', locked: true });
    expect(String(report.settings.find((s) => s.key === 'hubUrl')?.value)).toContain('hub.example.es');
    expect(report.settings.find((s) => s.key === 'language')).toEqual({ key: 'language', value: 'ca', source: 'user', locked: false });
    expect(report.settings.find((s) => s.key === 'logLevel')).toMatchObject({ source: 'default' });
    expect(report.log).toHaveLength(logLines.length + plainLines.length);
    expect(JSON.parse(report.log[0] ?? '{}')).toMatchObject({ level: 30, time: t0, msg: 'signed in', hub: 'https://hub.example.es' });
    expect(report.sipTrace).toContain('INVITE sip:1001@');
    expect(report.sipTrace).toContain('Call-ID: 3848276298220188511@trunk.example.es');
    expect(report.callStats[0]).toMatchObject({ mos: 4.2, jitterMs: 3.1, packetsLost: 2, durationS: 184 });
  });

  it('exports without a SIP trace or call statistics when the phone left none', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'centralita-diagnostics-empty-'));
    try {
      const report = JSON.parse(exportDiagnostics({ dataDir: empty, appVersion: '1.4.2', settings: settings() }).content) as Record<string, unknown>;
      expect(report).toMatchObject({ log: [], sipTrace: null, callStats: null });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
