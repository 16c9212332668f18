/** When our SDP answer may leave before ICE gathering has finished (src-phone/engine/ice-answer-readiness.ts). */
import { describe, expect, it } from 'vitest';
import { farEndReachableDirectly, hasUsableLocalCandidate } from '../../../src-phone/engine/ice-answer-readiness';

const offer = (...lines: string[]): string =>
  ['v=0', 'o=- 1 1 IN IP4 203.0.113.10', 's=-', 'c=IN IP4 203.0.113.10', 't=0 0', 'm=audio 30000 UDP/TLS/RTP/SAVPF 0 101', 'a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdef0123', ...lines, ''].join('\r\n');

describe('the far end of an offer', () => {
  it('is reachable directly when it offers only host candidates (a media server on its own address)', () => {
    // rtpengine's offer to a browser: its interface addresses, nothing reflexive or relayed.
    expect(farEndReachableDirectly(offer('a=candidate:Hhv4ZnOa1S3FvdrN 1 UDP 2130706431 203.0.113.10 30000 typ host', 'a=candidate:Hhv4ZnOa1S3FvdrN 1 UDP 2130706175 2001:db8::10 30000 typ host'))).toBe(true);
  });

  it('is reachable directly when it says it is ICE-lite, whatever its candidates', () => {
    // Session level, as Asterisk and FreeSWITCH write it, even beside a reflexive candidate.
    const lite = offer('a=candidate:2 1 udp 1694498815 198.51.100.7 50000 typ srflx raddr 10.0.0.7 rport 50000').replace('t=0 0\r\n', 't=0 0\r\na=ice-lite\r\n');
    expect(farEndReachableDirectly(lite)).toBe(true);
  });

  it('needs our reflexive and relayed candidates when it is behind NAT or a relay itself', () => {
    expect(farEndReachableDirectly(offer('a=candidate:1 1 udp 2130706431 192.168.1.20 50000 typ host', 'a=candidate:2 1 udp 1694498815 198.51.100.7 50000 typ srflx raddr 192.168.1.20 rport 50000'))).toBe(false);
    expect(farEndReachableDirectly(offer('a=candidate:3 1 udp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0'))).toBe(false);
  });

  it('is not assumed reachable when the offer carries no candidate at all', () => {
    expect(farEndReachableDirectly(offer())).toBe(false);
    expect(farEndReachableDirectly('')).toBe(false);
  });
});

describe('our local description', () => {
  it('is usable once it carries a UDP candidate', () => {
    expect(hasUsableLocalCandidate(offer())).toBe(false);
    expect(hasUsableLocalCandidate(offer('a=candidate:1467250027 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active'))).toBe(false);
    expect(hasUsableLocalCandidate(offer('a=candidate:1467250027 1 udp 2122260223 192.168.1.20 54321 typ host generation 0 network-id 1'))).toBe(true);
    // mDNS-obfuscated host candidates count: the far end learns the real address from our checks.
    expect(hasUsableLocalCandidate(offer('a=candidate:1 1 udp 2122260223 6f1c2d3e-aaaa-bbbb-cccc-0123456789ab.local 54321 typ host'))).toBe(true);
  });
});
