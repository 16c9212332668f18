import { describe, expect, it } from 'vitest';
import { createCallAlerts } from '../../../src-phone/host/call-alerts';
import { AT, inboundCall, step } from '../renderer/phone-fixtures';

const info = { itemId: 'i-1', autoAnswer: null, callInfo: null, alertInfo: null, assertedIdentity: null };

function listening(): { heard: string[]; alerts: ReturnType<typeof createCallAlerts> } {
  const heard: string[] = [];
  const alerts = createCallAlerts({ startRingtone: () => heard.push('ring'), stopRingtone: () => heard.push('stop'), beep: () => heard.push('beep') });
  return { heard, alerts };
}

describe('call alerts the phone host plays by itself', () => {
  it('rings while a call rings, stops on answer, and beeps once for an auto-answered call', () => {
    const { heard, alerts } = listening();
    const ringing = inboundCall('k1', 'i-1');
    alerts.onEvent({ type: 'incoming-call', call: ringing, info });
    alerts.onEvent({ type: 'call-updated', call: step(ringing, { type: 'answering' }) });
    alerts.onEvent({ type: 'incoming-call', call: inboundCall('k2', 'i-2', { autoAnswer: true }), info: { ...info, itemId: 'i-2' } });
    expect(heard).toEqual(['ring', 'stop', 'beep']);
  });

  it('never rings for a supervisor’s call: the desktop answers or refuses it after the hub’s check', () => {
    const { heard, alerts } = listening();
    const supervisor = { ...inboundCall('k9', null), supervision: { side: 'agent' as const, mode: null } };
    alerts.onEvent({ type: 'call-updated', call: supervisor });
    alerts.onEvent({ type: 'supervision-request', callId: 'k9', grant: 'grant1AAAAAAAAAAAAAAAA.signature1' });
    expect(heard).toEqual([]);
  });

  it('does not ring for an auto-answered call', () => {
    const { heard, alerts } = listening();
    alerts.onEvent({ type: 'incoming-call', call: inboundCall('k1', 'i-1', { autoAnswer: true }), info });
    expect(heard).toEqual(['beep']);
  });

  it('stops ringing when the caller gives up', () => {
    const { heard, alerts } = listening();
    const ringing = inboundCall('k1', 'i-1');
    alerts.onEvent({ type: 'incoming-call', call: ringing, info });
    alerts.onEvent({ type: 'call-updated', call: step(ringing, { type: 'ended', at: AT, reason: 'cancelled' }) });
    expect(heard).toEqual(['ring', 'stop']);
  });

  it('keeps ringing while a second call still rings, and stops when the host removes it', () => {
    const { heard, alerts } = listening();
    const first = inboundCall('k1', 'i-1');
    alerts.onEvent({ type: 'incoming-call', call: first, info });
    alerts.onEvent({ type: 'incoming-call', call: inboundCall('k2', 'i-2'), info: { ...info, itemId: 'i-2' } });
    alerts.onEvent({ type: 'call-updated', call: step(first, { type: 'answering' }) });
    expect(heard).toEqual(['ring']);
    alerts.onEvent({ type: 'call-removed', callId: 'k2' });
    expect(heard).toEqual(['ring', 'stop']);
  });
});
