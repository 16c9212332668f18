import { describe, expect, it } from 'vitest';
import {
  INITIAL_PHONE_STATE,
  consultCallFor,
  mainCallForItem,
  phoneAvailability,
  reducePhoneEvent,
  ringingCallForItem,
  type PhoneState,
} from '../../../src-renderer/phone/phone-state';
import { AT, connected, inboundCall, step } from './phone-fixtures';

const info = { itemId: 'i-1', autoAnswer: null, callInfo: null, alertInfo: null, assertedIdentity: null };

function provisioned(state: PhoneState = INITIAL_PHONE_STATE): PhoneState {
  return { ...state, provisioned: true };
}

describe('the phone store folds phone events into what the agent sees', () => {
  it('says why the phone cannot ring, from provisioning and registration', () => {
    expect(phoneAvailability(INITIAL_PHONE_STATE)).toBe('not-provisioned');
    expect(phoneAvailability({ ...INITIAL_PHONE_STATE, hostMissing: true })).toBe('no-host');
    let state = provisioned();
    expect(phoneAvailability(state)).toBe('unregistered');
    state = reducePhoneEvent(state, { type: 'registration', transport: 'connecting', registration: 'unregistered', message: null });
    expect(phoneAvailability(state)).toBe('starting');
    state = reducePhoneEvent(state, { type: 'registration', transport: 'connected', registration: 'registered', message: null });
    expect(phoneAvailability(state)).toBe('ready');
    state = reducePhoneEvent(state, { type: 'registration', transport: 'connected', registration: 'failed', message: 'wrong password' });
    expect(phoneAvailability(state)).toBe('failed');
    expect(state.registration.message).toBe('wrong password');
  });

  it('rings for the offer whose item the INVITE named, and stops when answered', () => {
    const ringing = inboundCall('k1', 'i-1');
    let state = reducePhoneEvent(provisioned(), { type: 'incoming-call', call: ringing, info });
    expect(ringingCallForItem(state, 'i-1')?.id).toBe('k1');
    expect(ringingCallForItem(state, 'i-2')).toBeNull();
    state = reducePhoneEvent(state, { type: 'call-updated', call: connected(ringing) });
    expect(ringingCallForItem(state, 'i-1')).toBeNull();
    expect(mainCallForItem(state, 'i-1')?.state).toBe('active');
  });

  it('keeps an ended call after the host removes it, so the panel can say how it ended', () => {
    const live = connected(inboundCall('k1', 'i-1'));
    let state = reducePhoneEvent(provisioned(), { type: 'incoming-call', call: inboundCall('k1', 'i-1'), info });
    state = reducePhoneEvent(state, { type: 'call-updated', call: live });
    const ended = step(live, { type: 'ended', at: AT, reason: 'remote-hangup' });
    state = reducePhoneEvent(state, { type: 'call-updated', call: ended });
    state = reducePhoneEvent(state, { type: 'call-removed', callId: 'k1' });
    expect(state.calls).toEqual({});
    expect(mainCallForItem(state, 'i-1')?.endReason).toBe('remote-hangup');
    // A removal the store never saw changes nothing.
    expect(reducePhoneEvent(state, { type: 'call-removed', callId: 'nope' })).toBe(state);
  });

  it('shows the consultation leg with the call it consults for, not as the item\'s call', () => {
    const main = step(connected(inboundCall('k1', 'i-1')), { type: 'hold-requested' }, { type: 'hold-confirmed' });
    const consult = { ...inboundCall('k2', 'i-1'), direction: 'outbound' as const, state: 'dialing' as const, consultFor: 'k1' };
    let state = reducePhoneEvent(provisioned(), { type: 'call-updated', call: main });
    state = reducePhoneEvent(state, { type: 'call-updated', call: consult });
    expect(mainCallForItem(state, 'i-1')?.id).toBe('k1');
    expect(consultCallFor(state, 'k1')?.id).toBe('k2');
  });

  it('keeps supervision calls apart from the agent’s calls, and forgets them and their supervisor when they end', () => {
    const customer = connected(inboundCall('k1', 'i-1'));
    const listener = { ...connected(inboundCall('k2', null)), supervision: { side: 'agent' as const, mode: 'monitor' as const } };
    let state = reducePhoneEvent(provisioned(), { type: 'call-updated', call: customer });
    state = reducePhoneEvent(state, { type: 'call-updated', call: listener });
    state = reducePhoneEvent(state, { type: 'supervision-request', callId: 'k2', grant: 'grant1AAAAAAAAAAAAAAAA.signature1' });
    expect(Object.keys(state.calls)).toEqual(['k1']);
    expect(Object.keys(state.supervisionCalls)).toEqual(['k2']);
    expect(mainCallForItem(state, 'i-1')?.id).toBe('k1');
    state = { ...state, supervisorNames: { k2: 'Sara Vidal' } };
    state = reducePhoneEvent(state, { type: 'call-removed', callId: 'k2' });
    expect(state.supervisionCalls).toEqual({});
    expect(state.supervisorNames).toEqual({});
    expect(Object.keys(state.calls)).toEqual(['k1']);
  });
});
