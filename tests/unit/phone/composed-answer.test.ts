/**
 * The SDP answer the phone writes itself (src-phone/engine/composed-answer.ts), against
 * descriptions captured from Debian's Chromium (our prepared connection's own offer, a browser
 * caller's offer) and from rtpengine as Kamailio hands it to a browser (tests/fixtures/sdp).
 * That Chromium installs such an answer and audio flows both ways is in
 * tests/integration/phone-media-handler.test.ts and every interop call.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'sdp-transform';
import { describe, expect, it } from 'vitest';
import { answerTemplateFrom, composeAnswer, type AnswerTemplate } from '../../../src-phone/engine/composed-answer';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sdp');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const OWN_OFFER = fixture('chromium-prepared-own-offer.sdp');
const RTPENGINE_OFFER = fixture('rtpengine-offer.sdp');
const BROWSER_OFFER = fixture('chromium-caller-offer.sdp');
const HOST = '192.168.1.20';

function template(): AnswerTemplate {
  const made = answerTemplateFrom(OWN_OFFER, HOST);
  if (!made) throw new Error('no template from Chromium’s own offer');
  return made;
}

function audioOf(sdp: string): ReturnType<typeof parse>['media'][number] {
  const media = parse(sdp).media[0];
  if (!media) throw new Error('no media section');
  return media;
}

/** The offer with lines changed: each [pattern, replacement]; a replacement of null drops the line. */
function edited(sdp: string, ...changes: Array<[RegExp, string | null]>): string {
  return sdp
    .split('\r\n')
    .flatMap((line) => {
      for (const [pattern, replacement] of changes) if (pattern.test(line)) return replacement === null ? [] : [replacement];
      return [line];
    })
    .join('\r\n');
}

describe('our side of the answer, read from the prepared connection’s own offer', () => {
  it('is what that connection will use: its certificate, ICE credentials, sender and codecs', () => {
    const ours = template();
    expect(ours.fingerprint).toEqual({ type: 'sha-256', hash: 'FA:08:F5:66:EE:89:D9:53:04:09:F0:B9:25:3A:42:FD:5C:20:8A:7E:9C:8F:91:60:93:C3:E5:20:EC:97:D9:F1' });
    expect([ours.iceUfrag, ours.icePwd]).toEqual(['1sUB', 'TYhBxDBKGKyDPhr0Jz5wgcO0']);
    expect(ours.ssrc).toBe(1693151964);
    expect(ours.cname).toBe('5KqDFCb5P4XHAn9F');
    expect(ours.msid).toBe('56d81226-e62c-4f31-ae07-06619e97f2d8 86d9b0af-b859-4726-9f55-1c5d1f0aedb4');
    expect(ours.origin).toEqual({ sessionId: '13168131907760132', sessionVersion: 2 });
    expect(ours.rtcpXr).toBe('rcvr-rtt=all');
    expect(ours.codecs.map((codec) => codec.key)).toEqual(['opus/48000/2', 'red/48000/2', 'g722/8000', 'pcmu/8000', 'pcma/8000', 'cn/8000', 'telephone-event/48000', 'telephone-event/8000']);
  });

  it('is not read from an offer without a sender (no microphone attached) or without ICE credentials', () => {
    expect(answerTemplateFrom(edited(OWN_OFFER, [/^a=ssrc:/, null], [/^a=msid:/, null]), HOST)).toBeNull();
    expect(answerTemplateFrom(edited(OWN_OFFER, [/^a=ice-pwd:/, null]), HOST)).toBeNull();
  });
});

describe('the composed answer', () => {
  it('answers rtpengine’s offer with its payload types, our credentials and sender, our host address, and no candidate', () => {
    const answer = composeAnswer(RTPENGINE_OFFER, template());
    expect(answer).not.toBeNull();
    const sdp = answer ?? '';
    const audio = audioOf(sdp);
    expect(audio.protocol).toBe('RTP/SAVPF');
    expect(audio.payloads).toBe('0 101');
    expect(audio.rtp.map((codec) => `${codec.payload} ${codec.codec}/${codec.rate}`)).toEqual(['0 PCMU/8000', '101 telephone-event/8000']);
    expect(String(audio.mid)).toBe('1');
    expect(audio.setup).toBe('active');
    expect(audio.iceUfrag).toBe('1sUB');
    expect(audio.icePwd).toBe('TYhBxDBKGKyDPhr0Jz5wgcO0');
    expect(audio.fingerprint?.hash).toBe(template().fingerprint.hash);
    expect(audio.direction).toBe('sendrecv');
    expect(audio.rtcpMux).toBe('rtcp-mux');
    expect(audio.ssrcs).toEqual([{ id: 1693151964, attribute: 'cname', value: '5KqDFCb5P4XHAn9F' }]);
    // Our host address as the default destination, never 0.0.0.0 (read as hold by some PBXs).
    expect(audio.connection).toEqual({ version: 4, ip: HOST });
    expect(audio.port).toBe(9);
    expect(audio.candidates).toBeUndefined();
    // The browser keeps its own o= line for the offers it makes later in the call.
    expect(parse(sdp).origin.sessionId).toBe(13168131907760132);
    expect(parse(sdp).groups).toBeUndefined();
    expect(audio.invalid).toBeUndefined();
  });

  it('answers a browser’s offer with the codecs both support, our codec parameters and the extensions both know', () => {
    const audio = audioOf(composeAnswer(BROWSER_OFFER, template()) ?? '');
    // The offer's numbers and order, as the browser's own answer has them; RED keeps the offer's parameters (they name Opus by its number).
    expect(audio.payloads).toBe('111 63 9 0 8 13 110 126');
    expect(audio.fmtp).toEqual([
      { payload: 111, config: 'minptime=10;useinbandfec=1' },
      { payload: 63, config: '111/111' },
    ]);
    expect(audio.rtcpFb).toEqual([{ payload: 111, type: 'transport-cc' }]);
    expect(audio.ext?.map((extension) => `${extension.value} ${extension.uri}`)).toEqual([
      '1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
      '2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      '3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      '4 urn:ietf:params:rtp-hdrext:sdes:mid',
    ]);
    expect(audio.rtcpRsize).toBe('rtcp-rsize');
    // Chromium refuses a local answer that drops the a=rtcp-xr line its own would carry.
    expect(audio.invalid).toEqual([{ value: 'rtcp-xr:rcvr-rtt=all' }]);
    expect(parse(composeAnswer(BROWSER_OFFER, template()) ?? '').groups?.map((group) => `${group.type} ${group.mids}`)).toEqual(['BUNDLE 0']);
  });

  it('keeps the offer’s payload numbers where they differ from ours, and takes an offer’s wildcard feedback', () => {
    const renumbered = edited(BROWSER_OFFER, [/^m=audio/, 'm=audio 41773 UDP/TLS/RTP/SAVPF 96 63 0'], [/^a=rtpmap:111 /, 'a=rtpmap:96 opus/48000/2'], [/^a=fmtp:111 /, 'a=fmtp:96 useinbandfec=1'], [/^a=rtcp-fb:111 /, 'a=rtcp-fb:* transport-cc']);
    const audio = audioOf(composeAnswer(renumbered, template()) ?? '');
    // RED is offered but its parameters name 111, which this offer no longer lists: it is left out.
    expect(audio.rtp.map((codec) => `${codec.payload} ${codec.codec}`)).toEqual(['96 opus', '0 PCMU']);
    expect(audio.fmtp).toEqual([{ payload: 96, config: 'minptime=10;useinbandfec=1' }]);
    expect(audio.rtcpFb).toEqual([{ payload: 96, type: 'transport-cc' }]);
  });

  it('answers static payload types an offer lists without an rtpmap line', () => {
    const bare = edited(RTPENGINE_OFFER, [/^a=rtpmap:0 /, null]);
    expect(audioOf(composeAnswer(bare, template()) ?? '').rtp.map((codec) => `${codec.payload} ${codec.codec}/${codec.rate}`)).toEqual(['0 PCMU/8000', '101 telephone-event/8000']);
  });

  it('takes the DTLS role the offer leaves to us', () => {
    expect(audioOf(composeAnswer(edited(RTPENGINE_OFFER, [/^a=setup:/, 'a=setup:active']), template()) ?? '').setup).toBe('passive');
    expect(audioOf(composeAnswer(edited(RTPENGINE_OFFER, [/^a=setup:/, 'a=setup:passive']), template()) ?? '').setup).toBe('active');
    expect(composeAnswer(edited(RTPENGINE_OFFER, [/^a=setup:/, 'a=setup:holdconn']), template())).toBeNull();
  });

  it('answers an ICE-lite offer with session-level credentials, fingerprint and role, as Asterisk and FreeSWITCH may write them', () => {
    const lite = edited(
      RTPENGINE_OFFER,
      [/^t=0 0/, 't=0 0\r\na=ice-lite\r\na=ice-ufrag:zXdWi2GK\r\na=ice-pwd:GRwHLqLlnMaGz70xtpniDC7l8m\r\na=fingerprint:sha-256 B3:F1:60:E6:39:47:06:4B:1A:41:E9:17:CC:97:DE:F2:60:35:C7:CA:49:53:1D:D3:67:2F:4F:1F:34:C4:B3:3D\r\na=setup:actpass'],
      [/^a=ice-ufrag:/, null],
      [/^a=ice-pwd:/, null],
      [/^a=fingerprint:/, null],
      [/^a=setup:/, null],
      [/^a=candidate:/, 'a=candidate:1 1 UDP 2130706431 198.51.100.7 46000 typ srflx raddr 10.0.0.7 rport 46000'],
    );
    const audio = audioOf(composeAnswer(lite, template()) ?? '');
    expect(audio.setup).toBe('active');
    expect(audio.iceUfrag).toBe('1sUB');
  });

  it('leaves out a header extension offered with a direction rather than answer it with the wrong one', () => {
    const directed = edited(BROWSER_OFFER, [/^a=extmap:1 /, 'a=extmap:1/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level']);
    expect(audioOf(composeAnswer(directed, template()) ?? '').ext?.map((extension) => extension.value)).toEqual([2, 3, 4]);
  });

  it('names an IPv6 host address as such', () => {
    const audio = audioOf(composeAnswer(RTPENGINE_OFFER, { ...template(), address: '2001:db8::20' }) ?? '');
    expect(audio.connection).toEqual({ version: 6, ip: '2001:db8::20' });
  });

  it('is not made when the far end needs our candidates (it is behind NAT or a relay)', () => {
    const natted = RTPENGINE_OFFER.replace(/\r\n$/, '\r\na=candidate:2 1 udp 1694498815 198.51.100.7 50000 typ srflx raddr 10.0.0.7 rport 50000\r\n');
    expect(composeAnswer(natted, template())).toBeNull();
  });

  it('is not made for an offer outside the common shape: the browser answers those itself', () => {
    const cases: Array<[string, string]> = [
      ['plain RTP', edited(RTPENGINE_OFFER, [/^m=audio/, 'm=audio 46000 RTP/AVP 0 101'])],
      ['no DTLS fingerprint', edited(RTPENGINE_OFFER, [/^a=fingerprint:/, null])],
      ['no ICE credentials', edited(RTPENGINE_OFFER, [/^a=ice-ufrag:/, null])],
      ['a call put on hold', edited(RTPENGINE_OFFER, [/^a=sendrecv/, 'a=sendonly'])],
      ['no rtcp-mux', edited(RTPENGINE_OFFER, [/^a=rtcp-mux/, null])],
      ['no mid', edited(RTPENGINE_OFFER, [/^a=mid:/, null])],
      ['no codec in common', edited(RTPENGINE_OFFER, [/^m=audio/, 'm=audio 46000 RTP/SAVPF 18'], [/^a=rtpmap:0 /, 'a=rtpmap:18 G729/8000'], [/^a=rtpmap:101 /, null], [/^a=fmtp:101 /, null])],
      ['only digits in common', edited(RTPENGINE_OFFER, [/^m=audio/, 'm=audio 46000 RTP/SAVPF 18 101'], [/^a=rtpmap:0 /, 'a=rtpmap:18 G729/8000'])],
      ['video beside the audio', `${RTPENGINE_OFFER}m=video 46002 RTP/SAVPF 96\r\na=mid:2\r\na=rtpmap:96 VP8/90000\r\na=rtcp-mux\r\n`],
      ['a rejected stream', edited(RTPENGINE_OFFER, [/^m=audio/, 'm=audio 0 RTP/SAVPF 0 101'])],
      // What the browser would refuse after a 200 OK had left: the call would connect and drop.
      ['a garbled fingerprint', edited(RTPENGINE_OFFER, [/^a=fingerprint:/, 'a=fingerprint:sha-256 ZZ:F1:60'])],
      ['an unknown fingerprint hash', edited(RTPENGINE_OFFER, [/^a=fingerprint:/, 'a=fingerprint:md5 B3:F1:60:E6'])],
      ['an ICE ufrag too short', edited(RTPENGINE_OFFER, [/^a=ice-ufrag:/, 'a=ice-ufrag:abc'])],
      ['an ICE password too short', edited(RTPENGINE_OFFER, [/^a=ice-pwd:/, 'a=ice-pwd:short'])],
      // No a=setup: the offerer's default is active (RFC 4145), so both ends would be DTLS clients.
      ['no DTLS role', edited(RTPENGINE_OFFER, [/^a=setup:/, null])],
    ];
    for (const [label, offer] of cases) expect(composeAnswer(offer, template()), label).toBeNull();
  });

  it('never throws on a damaged offer: every line cut short at every few characters gives an answer or null', () => {
    const lines = BROWSER_OFFER.split('\r\n');
    let answered = 0;
    for (const [index, line] of lines.entries()) {
      for (let cut = 0; cut < line.length; cut += 3) {
        const damaged = [...lines.slice(0, index), line.slice(0, cut), ...lines.slice(index + 1)].join('\r\n');
        const answer = composeAnswer(damaged, template());
        if (answer !== null) answered += 1;
      }
    }
    // Most cuts hit lines an answer does not need; the point is that none threw.
    expect(answered).toBeGreaterThan(0);
    // Values that read as numbers (a RED fmtp cut to "111", a codec named "123").
    expect(composeAnswer(edited(BROWSER_OFFER, [/^a=fmtp:63 /, 'a=fmtp:63 111']), template())).not.toBeNull();
    expect(composeAnswer(edited(BROWSER_OFFER, [/^a=rtpmap:111 /, 'a=rtpmap:111 123/48000/2']), template())).not.toBeNull();
  });
});
