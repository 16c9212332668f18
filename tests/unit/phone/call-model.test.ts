import { describe, expect, it } from 'vitest';
import { applyCallEvent, availableActions, conferenceCandidates, newCall, type Call, type CallEvent } from '../../../src-common/call';
import { PhoneCommand, PhoneConfig } from '../../../src-common/phone-contract';

const T0 = '2026-11-02T10:00:00.000Z';
const T1 = '2026-11-02T10:00:05.000Z';
const remote = { uri: 'sip:+34600100200@lab', number: '+34600100200', displayName: 'María García López' };

function run(call: Call, ...events: CallEvent[]): Call {
  return events.reduce((current, event) => {
    const next = applyCallEvent(current, event);
    if (!next.ok) throw new Error(`${event.type} refused in ${current.state}: ${next.error.message}`);
    return next.value;
  }, call);
}

const inbound = (): Call => newCall({ id: 'c1', direction: 'inbound', remote, startedAt: T0 });
const outbound = (): Call => newCall({ id: 'c2', direction: 'outbound', remote, startedAt: T0 });

describe('call model', () => {
  it('walks an inbound call from ringing to answered to ended, keeping the times the call log shows', () => {
    const ringing = inbound();
    expect(ringing.state).toBe('ringing-in');
    expect(availableActions(ringing)).toEqual(['answer', 'reject']);
    const active = run(ringing, { type: 'answering' }, { type: 'established', at: T1 });
    expect(active).toMatchObject({ state: 'active', answeredAt: T1, startedAt: T0 });
    const ended = run(active, { type: 'ending' }, { type: 'ended', at: T1, reason: 'local-hangup' });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'local-hangup', endedAt: T1 });
    expect(availableActions(ended)).toEqual([]);
  });

  it('walks an outbound call through early media and records the refusal code', () => {
    const early = run(outbound(), { type: 'progress' });
    expect(early.state).toBe('early');
    expect(availableActions(early)).toEqual(['hangup']);
    const refused = run(early, { type: 'ended', at: T1, reason: 'refused', sipCode: 486 });
    expect(refused).toMatchObject({ state: 'ended', endReason: 'refused', sipCode: 486, answeredAt: null });
  });

  it('holds only after the far end confirms, and blocks a second hold while one is pending', () => {
    const active = run(inbound(), { type: 'established', at: T1 });
    const pending = run(active, { type: 'hold-requested' });
    expect(pending).toMatchObject({ state: 'active', holdPending: true });
    expect(availableActions(pending)).not.toContain('hold');
    expect(applyCallEvent(pending, { type: 'hold-requested' }).ok).toBe(false);
    const held = run(pending, { type: 'hold-confirmed' });
    expect(held).toMatchObject({ state: 'held', holdPending: false });
    expect(availableActions(held)).toContain('resume');
    expect(availableActions(held)).not.toContain('sendDtmf');
    const resumed = run(held, { type: 'resume-requested' }, { type: 'resume-confirmed' });
    expect(resumed.state).toBe('active');
  });

  it('stays active when the far end refuses the hold', () => {
    const call = run(inbound(), { type: 'established', at: T1 }, { type: 'hold-requested' }, { type: 'hold-failed' });
    expect(call).toMatchObject({ state: 'active', holdPending: false });
  });

  it('refuses steps that make no sense, so the UI never shows an impossible call', () => {
    const ringing = inbound();
    for (const event of [{ type: 'hold-requested' }, { type: 'resume-requested' }, { type: 'dtmf-sent', digits: '1' }, { type: 'progress' }] as CallEvent[]) {
      const result = applyCallEvent(ringing, event);
      expect(result.ok, event.type).toBe(false);
    }
    const ended = run(ringing, { type: 'ended', at: T1, reason: 'cancelled' });
    expect(applyCallEvent(ended, { type: 'established', at: T1 }).ok).toBe(false);
  });

  it('tracks mute, remote hold and digits independently of our own hold', () => {
    const call = run(
      outbound(),
      { type: 'established', at: T1 },
      { type: 'muted', on: true },
      { type: 'remote-hold', on: true },
      { type: 'dtmf-sent', digits: '12' },
      { type: 'dtmf-sent', digits: '#' },
    );
    expect(call).toMatchObject({ state: 'active', muted: true, onHoldByRemote: true, dtmfSent: '12#' });
    expect(availableActions(call)).toContain('unmute');
  });
});

describe('phone contract', () => {
  it('rejects DTMF that a phone cannot send and fills defaults for the rest', () => {
    expect(PhoneCommand.safeParse({ type: 'sendDtmf', callId: 'c1', digits: '12x' }).success).toBe(false);
    const dial = PhoneCommand.parse({ type: 'dial', target: '+34600100200' });
    expect(dial).toEqual({ type: 'dial', target: '+34600100200', itemId: null });
    const reject = PhoneCommand.parse({ type: 'reject', callId: 'c1' });
    expect(reject).toMatchObject({ sipCode: 486 });
  });

  it('reads a phone config with sensible defaults and explains a bad server address', () => {
    const config = PhoneConfig.parse({ serverUrl: 'wss://sip.example:8443', aor: 'sip:ana@example' });
    expect(config).toMatchObject({ iceGatheringTimeoutMs: 500, dtmfMode: 'rfc4733', honourAutoAnswerHeaders: true, iceServers: [] });
    const bad = PhoneConfig.safeParse({ serverUrl: 'http://sip.example', aor: 'sip:ana@example' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/ws:\/\/ or wss:\/\//);
  });

  it('joins a conference only while connected, leaves it at any time, and forgets it when the call ends', () => {
    const active = run(outbound(), { type: 'established', at: T1 });
    expect(run(active, { type: 'conference', with: 'c9' }).conferenceWith).toBe('c9');
    expect(applyCallEvent(outbound(), { type: 'conference', with: 'c9' }).ok).toBe(false);
    const joined = run(active, { type: 'conference', with: 'c9' });
    expect(run(joined, { type: 'ending' }, { type: 'conference', with: null }).conferenceWith).toBeNull();
    expect(run(joined, { type: 'ended', at: T1, reason: 'remote-hangup' }).conferenceWith).toBeNull();
  });

  it('offers the conference only for exactly two connected calls, none busy with a hold or already joined', () => {
    const first = run(outbound(), { type: 'established', at: T1 });
    const second = { ...run(inbound(), { type: 'answering' }, { type: 'established', at: T1 }, { type: 'hold-requested' }, { type: 'hold-confirmed' }), id: 'c3' };
    expect(conferenceCandidates([first, second])).toEqual(['c2', 'c3']);
    expect(conferenceCandidates([first])).toBeNull();
    expect(conferenceCandidates([first, run(second, { type: 'resume-requested' })])).toBeNull();
    expect(conferenceCandidates([run(first, { type: 'conference', with: 'c3' }), second])).toBeNull();
    expect(conferenceCandidates([first, { ...inbound(), id: 'c4' }])).toBeNull();
    // A call that is going away does not count: the two others can still join.
    expect(conferenceCandidates([first, second, { ...run(inbound(), { type: 'ending' }), id: 'c5' }])).toEqual(['c2', 'c3']);
  });
});
