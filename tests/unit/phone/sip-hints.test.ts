import { describe, expect, it } from 'vitest';
import { dialTargetToUri } from '../../../src-phone/engine/dial-target';
import { reconnectDelayMs } from '../../../src-phone/engine/reconnect-policy';
import { webRtcOfferProblem } from '../../../src-phone/engine/web-media';
import { autoAnswerFromHeaders, dtmfFromInfo, incomingCallInfo, sdpPutsUsOnHold } from '../../../src-phone/engine/sip-hints';

const none = { callInfo: null, alertInfo: null, answerMode: null };

describe('auto-answer headers', () => {
  it('reads the conventions PBXs and desk phones use', () => {
    expect(autoAnswerFromHeaders({ ...none, callInfo: '<sip:pbx.example>;answer-after=0' })).toEqual({ source: 'call-info', delayMs: 0 });
    expect(autoAnswerFromHeaders({ ...none, callInfo: '<sip:pbx>;Answer-After=2' })).toEqual({ source: 'call-info', delayMs: 2000 });
    expect(autoAnswerFromHeaders({ ...none, alertInfo: '<http://www.notused.com>;info=alert-autoanswer;delay=1' })).toEqual({ source: 'alert-info', delayMs: 1000 });
    expect(autoAnswerFromHeaders({ ...none, alertInfo: 'Auto Answer' })).toEqual({ source: 'alert-info', delayMs: 0 });
    expect(autoAnswerFromHeaders({ ...none, answerMode: 'Auto;require' })).toEqual({ source: 'answer-mode', delayMs: 0 });
  });

  it('does not auto-answer ordinary calls, distinctive ringing, or when configured not to', () => {
    expect(autoAnswerFromHeaders(none)).toBeNull();
    expect(autoAnswerFromHeaders({ ...none, alertInfo: '<http://127.0.0.1/ring2.wav>' })).toBeNull();
    expect(autoAnswerFromHeaders({ ...none, answerMode: 'Manual' })).toBeNull();
    const headers: Record<string, string> = { 'Call-Info': '<sip:pbx>;answer-after=0', 'X-Centralita-Item': 'item-42' };
    const info = incomingCallInfo((name) => headers[name], false);
    expect(info).toMatchObject({ autoAnswer: null, itemId: 'item-42' });
  });

  it('ignores a malformed work-item header instead of trusting it', () => {
    const info = incomingCallInfo((name) => (name === 'X-Centralita-Item' ? '<script>' : undefined), true);
    expect(info.itemId).toBeNull();
  });
});

describe('remote hold detection', () => {
  const offer = (direction: string, address = '203.0.113.5') =>
    ['v=0', 'o=- 1 2 IN IP4 x', 's=-', `c=IN IP4 ${address}`, 't=0 0', 'm=audio 4000 RTP/AVP 0', `a=${direction}`, ''].join('\r\n');

  it('sees sendonly, inactive and 0.0.0.0 offers as hold, and sendrecv as resume', () => {
    expect(sdpPutsUsOnHold(offer('sendonly'))).toBe(true);
    expect(sdpPutsUsOnHold(offer('inactive'))).toBe(true);
    expect(sdpPutsUsOnHold(offer('sendrecv', '0.0.0.0'))).toBe(true);
    expect(sdpPutsUsOnHold(offer('sendrecv'))).toBe(false);
    expect(sdpPutsUsOnHold(offer('recvonly'))).toBe(false);
  });
});

describe('dial targets', () => {
  it('dials what agents type or click, in the phone\'s own domain', () => {
    expect(dialTargetToUri('+34 600 10 02 00', 'sip:ana@lab.example')).toBe('sip:+34600100200@lab.example');
    expect(dialTargetToUri('tel:+34600100200', 'sip:ana@lab.example')).toBe('sip:+34600100200@lab.example');
    expect(dialTargetToUri('jordi', 'sip:ana@lab.example')).toBe('sip:jordi@lab.example');
    expect(dialTargetToUri('sip:sara@other.example', 'sip:ana@lab.example')).toBe('sip:sara@other.example');
    expect(dialTargetToUri('not a number!', 'sip:ana@lab.example')).toBeNull();
  });
});

describe('reconnect back-off', () => {
  it('retries quickly after a server restart and caps the wait', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 9].map((attempt) => reconnectDelayMs(attempt, 2000, noJitter))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    expect(reconnectDelayMs(2, 2000, () => 1)).toBe(600);
  });
});

describe('DTMF received by SIP INFO', () => {
  it('reads dtmf-relay and dtmf bodies, including the 10/11 codes for * and #, and nothing else', () => {
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(dtmfFromInfo('Application/DTMF-Relay; charset=utf-8', 'signal = #\r\n')).toBe('#');
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=10\r\n')).toBe('*');
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=11\r\n')).toBe('#');
    expect(dtmfFromInfo('application/dtmf', ' 7 ')).toBe('7');
    expect(dtmfFromInfo('application/dtmf-relay', 'Signal=<script>')).toBeNull();
    expect(dtmfFromInfo('application/vnd.centralita.supervision-grant', 'Signal=1')).toBeNull();
    expect(dtmfFromInfo(undefined, undefined)).toBeNull();
  });
});

describe('offers a browser cannot answer', () => {
  const webrtc = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'a=fingerprint:sha-256 AB:CD', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', ''].join('\r\n');
  it('accepts DTLS-SRTP offers and names what is missing in the others', () => {
    expect(webRtcOfferProblem(webrtc)).toBeNull();
    expect(webRtcOfferProblem(webrtc.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP'))).toContain('plain RTP (RTP/AVP)');
    expect(webRtcOfferProblem(webrtc.replace('a=fingerprint:sha-256 AB:CD\r\n', ''))).toContain('no DTLS fingerprint');
    expect(webRtcOfferProblem('v=0\r\n')).toBeNull();
  });
});
