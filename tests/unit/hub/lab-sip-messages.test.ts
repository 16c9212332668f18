/**
 * The lab SIP proxy's message layer: SIP.js's parser with the proxy's extra checks, the header
 * editing used when forwarding, digest authentication with stateless nonces, and the voice
 * settings of the hub file.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../../src-hub/config/load-config';
import { DEMO_CONFIG_YAML } from '../../../src-hub/demo/demo-config';
import { DigestAuth, NONCE_TTL_MS, parseDigestCredentials } from '../../../src-hub/channels/voice/lab-sip/digest-auth';
import { LabSipCredentials } from '../../../src-hub/channels/voice/lab-sip/lab-credentials';
import { parseSip, SipFrame } from '../../../src-hub/channels/voice/lab-sip/sip-message';
import { ProxyHops } from '../../../src-hub/channels/voice/lab-sip/proxy-hops';

const INVITE = [
  'INVITE sip:5000@lab.centralita SIP/2.0',
  'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1, SIP/2.0/WS b.invalid;branch=z9hG4bK2',
  'Max-Forwards: 70',
  'f: "María" <sip:+34600100200@lab.centralita>;tag=x1',
  't: <sip:5000@lab.centralita>',
  'i: call-1',
  'CSeq: 1 INVITE',
  'Subject: a folded',
  '  subject line',
  'Content-Type: text/plain',
  'Content-Length: 3',
  '',
  'olé',
].join('\r\n');

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('lab SIP messages', () => {
  it('parses with SIP.js and names what is wrong with a malformed message', () => {
    const ok = parseSip(INVITE);
    expect(ok.ok && ok.kind === 'request' && ok.message.ruri?.user).toBe('5000');
    expect(parseSip(INVITE.replace('i: call-1\r\n', ''))).toEqual({ ok: false, reason: 'missing call-id header' });
    expect(parseSip(INVITE.replace('CSeq: 1 INVITE', 'CSeq: 1 BYE'))).toEqual({ ok: false, reason: 'CSeq method does not match the request method' });
    expect(parseSip('GARBAGE\r\n\r\n')).toMatchObject({ ok: false, reason: expect.stringContaining('first line') });
    expect(parseSip('INVITE sip:x SIP/2.0')).toMatchObject({ ok: false });
  });

  it('edits headers for forwarding: compact forms, folded lines, Via lists, Content-Length in bytes', () => {
    const frame = SipFrame.fromText(INVITE);
    expect(frame.all('via')).toEqual(['SIP/2.0/WSS a.invalid;branch=z9hG4bK1', 'SIP/2.0/WS b.invalid;branch=z9hG4bK2']);
    expect(frame.get('subject')).toBe('a folded subject line');
    const hops = new ProxyHops();
    hops.sentBy = '127.0.0.1:8400';
    const out = hops.forward(frame, { requestUri: 'sip:abc@x.invalid;transport=ws', branch: 'z9hG4bKlab.1', fromConnectionId: '7', recordRoute: true, extraHeaders: [['X-Centralita-Item', 'wi-1']] }).toString();
    expect(out.startsWith('INVITE sip:abc@x.invalid;transport=ws SIP/2.0\r\n')).toBe(true);
    expect(out).toContain('Via: SIP/2.0/WS 127.0.0.1:8400;branch=z9hG4bKlab.1;cid=7\r\nVia: SIP/2.0/WSS a.invalid');
    expect(out).toContain('Record-Route: <sip:lab-proxy@127.0.0.1:8400;transport=ws;lr>');
    expect(out).toContain('Max-Forwards: 69');
    expect(out).toContain('Content-Length: 4\r\n\r\nolé');
    const reparsed = SipFrame.fromText(out);
    expect(hops.ownTopVia(reparsed)).toEqual({ branch: 'z9hG4bKlab.1', connectionId: '7' });
    // Stateless branches: CANCEL and the non-2xx ACK of an INVITE get the INVITE's branch.
    expect(hops.statelessBranch('7', 'z9hG4bK1')).toBe(hops.statelessBranch('7', 'z9hG4bK1'));
    expect(hops.statelessBranch('7', 'z9hG4bK1')).not.toBe(hops.statelessBranch('8', 'z9hG4bK1'));
  });

  it('checks digest answers (MD5, qop=auth) with signed nonces that expire', () => {
    let now = 1_000_000;
    const secrets = new LabSipCredentials(Buffer.alloc(32, 7));
    const auth = new DigestAuth('lab.centralita', secrets, () => now);
    const challenge = auth.challenge();
    const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const password = secrets.passwordFor('ana');
    expect(password).toHaveLength(24);
    expect(secrets.passwordFor('jordi')).not.toBe(password);
    const answer = (pwd: string, nonceValue = nonce): string => {
      const ha1 = md5(`ana:lab.centralita:${pwd}`);
      const ha2 = md5('REGISTER:sip:lab.centralita');
      const response = md5(`${ha1}:${nonceValue}:00000001:c0ffee:auth:${ha2}`);
      return `Digest algorithm=MD5, username="ana", realm="lab.centralita", nonce="${nonceValue}", uri="sip:lab.centralita", response="${response}", qop=auth, cnonce="c0ffee", nc=00000001`;
    };
    const creds = parseDigestCredentials(answer(password));
    expect(creds).toMatchObject({ username: 'ana', realm: 'lab.centralita', qop: 'auth', nc: '00000001' });
    expect(auth.verify(creds!, 'REGISTER', password)).toBe('ok');
    expect(auth.verify(parseDigestCredentials(answer('wrong'))!, 'REGISTER', password)).toBe('bad');
    // A nonce the hub did not sign is refused even with the right password.
    const forged = `${(now + NONCE_TTL_MS).toString(36)}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect(auth.verify(parseDigestCredentials(answer(password, forged))!, 'REGISTER', password)).toBe('bad');
    now += NONCE_TTL_MS + 1;
    expect(auth.verify(creds!, 'REGISTER', password)).toBe('stale');
    expect(auth.challenge(true)).toContain('stale=true');
    expect(parseDigestCredentials('Basic YW5hOnB3')).toBeNull();
  });

  it('allows the built-in proxy only in a lab file, naming file and key path otherwise', () => {
    const demo = parseHubConfig(DEMO_CONFIG_YAML, 'demo.yaml');
    expect(demo.ok && demo.config.voice.labProxy.enabled).toBe(true);
    const production = [
      'users:',
      '  - id: ana',
      '    username: ana',
      '    displayName: Ana',
      '    role: agent',
      "    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo'",
      'queues: [{ id: voz, name: Voz, channel: voice }]',
      'reasonCodes: [{ id: missed, label: Perdidas }]',
      'dispositions: [{ id: ok, label: Ok }]',
      'voice: { labProxy: { enabled: true } }',
      '',
    ].join('\n');
    const result = parseHubConfig(production, 'hub.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(['hub.yaml: voice.labProxy.enabled: the built-in SIP proxy is for the lab only: it needs "lab: true" (production uses Kamailio, Asterisk or FreeSWITCH)']);
    const badServer = parseHubConfig(DEMO_CONFIG_YAML.replace('labProxy: { enabled: true }', 'phoneServer: { url: "http://pbx" }'), 'hub.yaml');
    expect(badServer.ok).toBe(false);
    if (!badServer.ok) expect(badServer.problems[0]).toMatch(/^hub\.yaml: voice\.phoneServer\.url: /);
  });
});
