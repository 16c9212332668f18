/**
 * Our bundles decode SIP.js's grammar tables once at load instead of on every header parsed
 * (scripts/sip-grammar-tables.mjs). The step rewrites a library's generated code, so this test
 * holds it to two promises: SIP messages parse exactly as stock SIP.js parses them (good and
 * malformed alike), and the bundles the product ships really carry the step.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { resolveConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface SipParser {
  Parser: { parseMessage(data: string, logger: unknown): unknown };
  Grammar: { parse(input: string, startRule: string): unknown };
}
interface GrammarTables {
  decodeSipGrammarTablesOnce(source: string): string;
  sipGrammarTablesEsbuild: Plugin;
}

const root = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'centralita-sip-grammar-'));
const ENTRY = "export { Parser } from 'sip.js/lib/core/messages/parser.js'; export { Grammar } from 'sip.js/lib/grammar/grammar.js';";
let stock: SipParser;
let ours: SipParser;
let tables: GrammarTables;

async function bundle(name: string, plugins: Plugin[]): Promise<SipParser> {
  const outfile = path.join(work, `${name}.mjs`);
  await build({ stdin: { contents: ENTRY, resolveDir: root }, bundle: true, platform: 'node', format: 'esm', outfile, plugins, logLevel: 'error' });
  return (await import(pathToFileURL(outfile).href)) as SipParser;
}

beforeAll(async () => {
  tables = (await import(path.join(root, 'scripts/sip-grammar-tables.mjs'))) as GrammarTables;
  [stock, ours] = await Promise.all([bundle('stock', []), bundle('ours', [tables.sipGrammarTablesEsbuild])]);
}, 30_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n';

/** What a phone receives through Kamailio, and what a broken or hostile peer might send. */
const MESSAGES: Record<string, string> = {
  invite: crlf([
    'INVITE sip:agent@df7jal23ls0d.invalid;transport=ws SIP/2.0',
    'Record-Route: <sip:127.0.0.1:40295;transport=ws;r2=on;lr=on>',
    'Record-Route: <sip:127.0.0.1;r2=on;lr=on>',
    'Via: SIP/2.0/WS 127.0.0.1:40295;branch=z9hG4bK0a5c.1;rport',
    'Via: SIP/2.0/UDP 127.0.0.1:5061;received=127.0.0.1;rport=5061;branch=z9hG4bK-1-0',
    'From: "María García" <sip:+34600111222@lab.centralita>;tag=1SIPpTag001',
    'To: <sip:agent@lab.centralita>',
    'Call-ID: 1-4242@127.0.0.1',
    'CSeq: 1 INVITE',
    'Contact: <sip:sipp@127.0.0.1:5061>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000000000001>"',
    'Max-Forwards: 69',
    'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY',
    'Supported: replaces, timer',
    'Session-Expires: 1800;refresher=uac',
    'Min-SE: 90',
    'X-Centralita-Item: item-7',
    'Content-Type: application/sdp',
    `Content-Length: ${SDP.length}`,
  ]).slice(0, -2) + `\r\n${SDP}`,
  unauthorized: crlf([
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK5570719;received=127.0.0.1;rport=51234',
    'From: <sip:agent@lab.centralita>;tag=s1dr9n0a7k',
    'To: <sip:agent@lab.centralita>;tag=b27e1a1d33761e85846fc98f5f3a7e58.0a0b',
    'Call-ID: bj0tvd1s2fm9n1d9dvum',
    'CSeq: 2 REGISTER',
    'WWW-Authenticate: Digest realm="lab.centralita", nonce="Z3x9AWd8/dVZxl4Mx8d0Y1dE2c9X", qop="auth", algorithm=MD5',
    'Content-Length: 0',
  ]),
  refer: crlf([
    'REFER sip:agent@df7jal23ls0d.invalid;transport=ws SIP/2.0',
    'Via: SIP/2.0/WS 127.0.0.1:40295;branch=z9hG4bKrefer',
    'From: <sip:colleague@lab.centralita>;tag=a1',
    'To: <sip:agent@lab.centralita>;tag=b2',
    'Call-ID: refer-1',
    'CSeq: 3 REFER',
    'Refer-To: <sip:pol@lab.centralita?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'Referred-By: <sip:colleague@lab.centralita>',
    'Event: refer;id=3',
    'Subscription-State: active;expires=60',
    'Content-Length: 0',
  ]),
  'malformed via': crlf(['BYE sip:agent@host SIP/2.0', 'Via: SIP/2.0/??? nowhere', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: x', 'CSeq: 9 BYE', 'Content-Length: 0']),
  'malformed start line': crlf(['HELLO there', 'Call-ID: x', 'Content-Length: 0']),
};

const HEADERS: Array<[rule: string, text: string]> = [
  ['Via', 'SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK8ba;rport'],
  ['From', '"Jordi \\"el de Lleida\\"" <sip:jordi@lab.centralita>;tag=abc'],
  ['Contact', '*'],
  ['Contact', 'sip:bare@127.0.0.1;expires=60, <sip:second@[::1]:5060;transport=tcp>'],
  ['Name_Addr_Header', 'not an address at all'],
  ['Replaces', '425928@bobster.example.org;to-tag=7743;from-tag=6472'],
  ['CSeq', 'x INVITE'],
];

/** JSON of what a parse gave, with the logger's words: a message SIP.js refuses must be refused alike. */
function parsed(parser: SipParser, message: string): string {
  const warnings: string[] = [];
  const logger = { warn: (text: string) => warnings.push(text), error: (text: string) => warnings.push(text), log: () => undefined, debug: () => undefined };
  return JSON.stringify({ message: parser.Parser.parseMessage(message, logger) ?? null, warnings });
}

describe('SIP.js grammar tables decoded once', () => {
  it('parses every message as stock SIP.js does, malformed ones included', () => {
    for (const [name, message] of Object.entries(MESSAGES)) {
      expect(parsed(ours, message), name).toBe(parsed(stock, message));
    }
    // The corpus exercises both outcomes: real messages parse, the broken start line does not.
    expect(JSON.parse(parsed(ours, MESSAGES.invite)).message).not.toBeNull();
    expect(JSON.parse(parsed(ours, MESSAGES['malformed start line'])).message).toBeNull();
  });

  it('parses single headers (quoted names, wildcards, IPv6, failures) as stock SIP.js does, over and over', () => {
    for (let round = 0; round < 3; round += 1) {
      for (const [rule, text] of HEADERS) expect(JSON.stringify(ours.Grammar.parse(text, rule)), `${rule}: ${text}`).toBe(JSON.stringify(stock.Grammar.parse(text, rule)));
    }
    expect(ours.Grammar.parse('not an address at all', 'Name_Addr_Header')).toBe(-1);
  });

  it('refuses a grammar whose generated code changed shape, instead of shipping it half rewritten', () => {
    const grammar = readFileSync(path.join(root, 'node_modules/sip.js/lib/grammar/pegjs/dist/grammar.js'), 'utf8');
    expect(() => tables.decodeSipGrammarTablesOnce(grammar.replace('const peg$bytecode = [', 'const peg$program = ['))).toThrow(/was SIP.js upgraded/);
    expect(() => tables.decodeSipGrammarTablesOnce(tables.decodeSipGrammarTablesOnce(grammar))).toThrow(/was SIP.js upgraded/);
  });

  it('is part of the phone window bundle and of the renderer (which holds the phone in web mode)', async () => {
    const { phoneWindowBundle } = (await import(path.join(root, 'scripts/bundle-options.mjs'))) as { phoneWindowBundle: BuildOptions };
    const outfile = path.join(work, 'phone-window.js');
    await build({ ...phoneWindowBundle, minify: false, sourcemap: false, logLevel: 'error', stdin: { contents: ENTRY, resolveDir: root }, outfile });
    expect(readFileSync(outfile, 'utf8')).toContain('peg$decodeAtLoad');
    const vite = await resolveConfig({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent' }, 'build');
    expect(vite.plugins.map((p) => p.name)).toContain('sip-grammar-tables');
  });
});
