import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../src-common/result';
import type { Intents } from '../../../src-renderer/intents';
import { createPhoneController, noOutboundItem } from '../../../src-renderer/phone/phone-controller';
import { needsWorkItem } from '../../../src-renderer/phone/outbound-item';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { AT, connected, inboundCall, step, viewWith, voiceItem, voiceOffer } from './phone-fixtures';
import { recordingHost, phoneControllerSetup as setup } from './recording-phone-host';

const info = { itemId: 'i-1', autoAnswer: null, callInfo: null, alertInfo: null, assertedIdentity: null };

describe('the phone follows the session', () => {
  it('starts with the hub\'s provisioning after sign-in, applies the devices, and stops on sign-out', () => {
    const { app, rec } = setup();
    app.getState().applyView(viewWith([], []));
    app.getState().applySettings({
      values: { hubUrl: '', language: 'es', notifications: true, autoUpdate: 'off', keyboardShortcuts: true, logLevel: 'info', microphoneId: 'mic-2', speakerId: 'spk-1', ringerId: '', ringtone: 'classic', ringerVolume: 60, updateChannel: 'stable', updateUrl: '', startAtLogin: false, globalShortcuts: false, shortcutAnswer: 'CommandOrControl+Alt+A', shortcutHangUp: 'CommandOrControl+Alt+E', shortcutMute: 'CommandOrControl+Alt+M', voiceInterfaces: 'default-route' },
      locked: [],
      policyError: null,
      policyIssues: [],
      origins: {},
    });
    expect(app.getState().phone.provisioned).toBe(true);
    app.getState().applyView({ ...viewWith([], []), status: 'signed-out', user: null, config: null });
    expect(app.getState().phone.provisioned).toBe(false);
    expect(rec.log).toEqual(['start sip:ana@lab', 'devices mic-2/spk-1', 'stop']);
  });

  it('reconnects a registered phone once when the hub sets the agent Not Ready as "phone offline" (the SIP server could not reach it)', () => {
    const { app, rec } = setup();
    const presence = (state: 'ready' | 'not-ready', reasonCode: string | null, since: string) => ({ agentId: 'ana', state, reasonCode, since });
    const reconnects = () => rec.commands.filter((command) => command.type === 'reconnect').length;
    app.getState().applyView(viewWith([], []));
    rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready', null, AT) });
    expect(reconnects()).toBe(0);

    app.getState().applyView({ ...viewWith([], []), presence: presence('not-ready', 'phone-offline', '2026-12-07T09:00:05.000Z') });
    expect(reconnects()).toBe(1);
    // The same spell seen again (another view update) asks nothing more.
    app.getState().applyView({ ...viewWith([], []), presence: presence('not-ready', 'phone-offline', '2026-12-07T09:00:05.000Z') });
    expect(reconnects()).toBe(1);

    // The hub's ordinary "phone offline" (the phone reported unregistered): registering later is the cure, no reconnect.
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready', null, '2026-12-07T09:00:07.000Z') });
    rec.emit({ type: 'registration', transport: 'disconnected', registration: 'registering', message: null });
    app.getState().applyView({ ...viewWith([], []), presence: presence('not-ready', 'phone-offline', '2026-12-07T09:00:20.000Z') });
    rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    expect(reconnects()).toBe(1);
    // A break the agent chose is not the phone's fault.
    app.getState().applyView({ ...viewWith([], []), presence: presence('not-ready', 'break', '2026-12-07T09:01:00.000Z') });
    expect(reconnects()).toBe(1);
  });

  it('keeps the phone on standby only while the agent is Ready, and takes it off on sign-out', () => {
    const { app, rec } = setup();
    const presence = (state: 'ready' | 'not-ready' | 'busy') => ({ agentId: 'ana', state, reasonCode: null, since: AT });
    app.getState().applyView(viewWith([], []));
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready') });
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready') });
    app.getState().applyView({ ...viewWith([], []), presence: presence('busy') });
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready') });
    app.getState().applyView({ ...viewWith([], []), presence: presence('not-ready') });
    app.getState().applyView({ ...viewWith([], []), presence: presence('ready') });
    app.getState().applyView({ ...viewWith([], []), status: 'signed-out', user: null, config: null, presence: presence('ready') });
    expect(rec.log).toEqual(['start sip:ana@lab', 'standby on', 'standby off', 'standby on', 'standby off', 'standby on', 'stop', 'standby off']);
  });

  it('a hub without voice leaves the phone off', () => {
    const { app, rec } = setup();
    app.getState().applyView(viewWith([], [], false));
    expect(app.getState().phone.provisioned).toBe(false);
    expect(rec.log.filter((l) => l.startsWith('start'))).toEqual([]);
  });
});

describe('voice offers and calls', () => {
  it('Answer answers the ringing call; with no call ringing it falls back to the hub accept', async () => {
    const { app, rec, hub, controller } = setup();
    app.getState().applyView(viewWith([voiceOffer('i-1'), voiceOffer('i-2')], []));
    rec.emit({ type: 'incoming-call', call: inboundCall('k1', 'i-1'), info });
    await controller.answerOffer(voiceOffer('i-1'));
    await controller.answerOffer(voiceOffer('i-2'));
    expect(rec.commands).toEqual([{ type: 'answer', callId: 'k1' }]);
    expect(hub).toEqual(['accept o-i-2']);
  });

  it('Answer pressed before the call rings on a registered phone waits for it and answers it, without accepting at the hub', async () => {
    const { app, rec, hub, controller } = setup();
    app.getState().applyView(viewWith([voiceOffer('i-1')], []));
    rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    const answering = controller.answerOffer(voiceOffer('i-1'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rec.commands).toEqual([]);
    // The card says it is waiting for the call (progress, not a dead button).
    expect(app.getState().answeringOfferIds).toEqual(['o-i-1']);
    rec.emit({ type: 'incoming-call', call: inboundCall('k1', 'i-1'), info });
    await answering;
    expect(rec.commands).toEqual([{ type: 'answer', callId: 'k1' }]);
    expect(hub).toEqual([]);
    expect(app.getState().answeringOfferIds).toEqual([]);
  });

  it('on a registered phone, a call item that never rings here is taken at the hub after a 3 s wait; a refusal then says the call did not reach this phone', async () => {
    vi.useFakeTimers();
    try {
      const { app, rec, hub, controller } = setup();
      app.getState().applyView(viewWith([voiceOffer('i-1')], []));
      rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
      const answering = controller.answerOffer(voiceOffer('i-1'));
      await vi.advanceTimersByTimeAsync(2_900);
      expect(hub).toEqual([]);
      await vi.advanceTimersByTimeAsync(200);
      await answering;
      expect(hub).toEqual(['accept o-i-1 (if refused: callNotHere)']);
      expect(rec.commands).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a wait for the ring ends when the offer goes (the caller hung up), with nothing accepted; a second press waits with the first', async () => {
    const { app, rec, hub, controller } = setup();
    app.getState().applyView(viewWith([voiceOffer('i-1')], []));
    rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    const first = controller.answerOffer(voiceOffer('i-1'));
    const second = controller.answerOffer(voiceOffer('i-1'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.getState().applyView(viewWith([], []));
    await Promise.all([first, second]);
    expect(hub).toEqual([]);
    expect(rec.commands).toEqual([]);

    // Pressed twice before the call rings: it is answered once.
    app.getState().applyView(viewWith([voiceOffer('i-2')], []));
    // (The stand-in host's snapshot landed meanwhile, saying unregistered.)
    rec.emit({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
    const again = [controller.answerOffer(voiceOffer('i-2')), controller.answerOffer(voiceOffer('i-2'))];
    rec.emit({ type: 'incoming-call', call: inboundCall('k2', 'i-2'), info: { ...info, itemId: 'i-2' } });
    await Promise.all(again);
    expect(rec.commands).toEqual([{ type: 'answer', callId: 'k2' }]);
  });

  it('Decline rejects the ringing call with 603 so the hub offers it to someone else', async () => {
    const { app, rec, hub, controller } = setup();
    app.getState().applyView(viewWith([voiceOffer('i-1')], []));
    rec.emit({ type: 'incoming-call', call: inboundCall('k1', 'i-1'), info });
    await controller.declineOffer(voiceOffer('i-1'));
    expect(rec.commands).toEqual([{ type: 'reject', callId: 'k1', sipCode: 603 }]);
    expect(hub).toEqual([]);
  });

  it('hanging up a connected call ends its item (wrap-up follows); a missed call does not', () => {
    const { app, rec, hub } = setup();
    app.getState().applyView(viewWith([], [voiceItem('i-1', 'accepted'), voiceItem('i-2', 'accepted')]));
    const live = connected(inboundCall('k1', 'i-1'));
    rec.emit({ type: 'call-updated', call: live });
    expect(app.getState().selectedItemId).toBe(null);
    rec.emit({ type: 'call-updated', call: step(live, { type: 'ended', at: AT, reason: 'remote-hangup' }) });
    rec.emit({ type: 'call-removed', callId: 'k1' });
    const missed = inboundCall('k2', 'i-2');
    rec.emit({ type: 'incoming-call', call: missed, info: { ...info, itemId: 'i-2' } });
    rec.emit({ type: 'call-updated', call: step(missed, { type: 'ended', at: AT, reason: 'cancelled' }) });
    rec.emit({ type: 'call-removed', callId: 'k2' });
    expect(hub).toEqual(['end i-1']);
  });
});

describe('outbound calls', () => {
  it('creates the work item first, then dials with its id and shows it', async () => {
    const app = createAppStore();
    const hub: string[] = [];
    const intents = { endItem: async (id: string) => void hub.push(`end ${id}`) } as Pick<Intents, 'endItem'> as Intents;
    const rec = recordingHost();
    const asked: string[] = [];
    const controller = createPhoneController({
      host: rec.host, app, intents,
      startOutboundItem: async (number, customerId) => (asked.push(`${number} ${customerId}`), ok({ ...voiceItem('out-1', 'accepted'), direction: 'outbound' as const })),
    });
    const dialled = await controller.dial('+34600100200', 'c-1');
    expect(dialled).toEqual({ ok: true, value: { callId: 'new-call' } });
    expect(asked).toEqual(['+34600100200 c-1']);
    expect(rec.commands).toEqual([{ type: 'dial', target: '+34600100200', itemId: 'out-1' }]);
    expect(app.getState().selectedItemId).toBe('out-1');
    expect(hub).toEqual([]);
  });

  it('ends the new item when the phone cannot place the call, so it does not wait forever', async () => {
    const app = createAppStore();
    const hub: string[] = [];
    const intents = { endItem: async (id: string) => void hub.push(`end ${id}`) } as Pick<Intents, 'endItem'> as Intents;
    const rec = recordingHost();
    rec.host.execute = async () => ({ ok: false, error: { code: 'unavailable', message: 'The phone is not connected to the SIP server.' } });
    const controller = createPhoneController({ host: rec.host, app, intents, startOutboundItem: async () => ok(voiceItem('out-2', 'accepted')) });
    const dialled = await controller.dial('600', null);
    expect(dialled.ok).toBe(false);
    expect(hub).toEqual(['end out-2']);
    expect(app.getState().notice?.action).toBe('phone');
  });
});

describe('which outbound calls become work items', () => {
  it('numbers of the outside world do; colleagues, SIP addresses and our own queue numbers do not', () => {
    const config = { queues: [{ id: 'soporte-voz', name: 'Soporte', channel: 'voice' as const, dialNumber: '5000' }] };
    expect(needsWorkItem('+34 600 10 02 00', config)).toBe(true);
    expect(needsWorkItem('tel:+34600100200', config)).toBe(true);
    expect(needsWorkItem('5000', config)).toBe(false);
    expect(needsWorkItem('jordi', config)).toBe(false);
    expect(needsWorkItem('sip:jordi@lab.centralita', config)).toBe(false);
  });

  it('still places the call when the hub cannot open the item, and says it will not be in the history', async () => {
    const app = createAppStore();
    const rec = recordingHost();
    const intents = { endItem: async () => undefined } as Pick<Intents, 'endItem'> as Intents;
    const controller = createPhoneController({
      host: rec.host, app, intents,
      startOutboundItem: async () => ({ ok: false, error: { code: 'unavailable', message: 'The hub is not reachable.' } }),
    });
    await expect(controller.dial('+34600100200', null)).resolves.toEqual({ ok: true, value: { callId: 'new-call' } });
    expect(rec.commands).toEqual([{ type: 'dial', target: '+34600100200', itemId: null }]);
    expect(app.getState().notice?.action).toBe('callRecord');
  });

  it('asks the hub nothing for a colleague', async () => {
    const asked: string[] = [];
    const rec = recordingHost();
    const intents = {} as Intents;
    const controller = createPhoneController({ host: rec.host, app: createAppStore(), intents, startOutboundItem: async (n) => (asked.push(n), ok(null)) });
    await controller.dial('jordi', null);
    expect(asked).toEqual([]);
    expect(rec.commands).toEqual([{ type: 'dial', target: 'jordi', itemId: null }]);
  });
});

describe('transferring a call to a colleague (segments)', () => {
  const jordi = { agentId: 'jordi', sipUri: 'sip:jordi@lab.centralita' };
  async function withCall(startTransferItem: Parameters<typeof createPhoneController>[0]['startTransferItem']) {
    const app = createAppStore();
    const rec = recordingHost();
    const controller = createPhoneController({ host: rec.host, app, intents: {} as Intents, startOutboundItem: noOutboundItem, startTransferItem });
    // The host's snapshot (no calls yet) lands first, as it does in the window.
    await new Promise((resolve) => setTimeout(resolve, 0));
    rec.emit({ type: 'call-updated', call: connected(inboundCall('k1', 'i-1')) });
    return { app, rec, controller };
  }

  it('blind: asks the hub for Jordi\'s item with the note, then sends the REFER naming it', async () => {
    const asked: string[] = [];
    const { rec, controller } = await withCall(async (itemId, to, note) => (asked.push(`${itemId}→${to}: ${note}`), ok({ itemId: 'i-2' })));
    await expect(controller.transferToAgent('k1', jordi, 'Cambio de tarifa', 'blind')).resolves.toMatchObject({ ok: true });
    expect(asked).toEqual(['i-1→jordi: Cambio de tarifa']);
    expect(rec.commands).toEqual([{ type: 'blindTransfer', callId: 'k1', target: jordi.sipUri, itemId: 'i-2' }]);
  });

  it('does not transfer when the hub says the colleague cannot take it', async () => {
    const { rec, controller } = await withCall(async () => ({ ok: false, error: { code: 'conflict', message: 'Jordi Puig cannot take the call right now.' } }));
    const result = await controller.transferToAgent('k1', jordi, '', 'blind');
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(rec.commands).toEqual([]);
  });

  it('attended: consults first, and names Jordi\'s item only when completing', async () => {
    const asked: string[] = [];
    const { rec, controller } = await withCall(async (itemId, to, note) => (asked.push(`${itemId}→${to}: ${note}`), ok({ itemId: 'i-3' })));
    await controller.transferToAgent('k1', jordi, 'Ya verificado', 'consult');
    expect(asked).toEqual([]);
    expect(rec.commands).toEqual([{ type: 'attendedTransferStart', callId: 'k1', target: jordi.sipUri }]);
    await controller.completeAttendedTransfer('k1', 'k2');
    expect(asked).toEqual(['i-1→jordi: Ya verificado']);
    expect(rec.commands[1]).toEqual({ type: 'attendedTransferComplete', callId: 'k1', consultCallId: 'k2', itemId: 'i-3' });
  });
});
