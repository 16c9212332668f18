/**
 * The whole Electron phone path in one process, every piece real except Electron's message
 * passing (an in-memory wire with the same shapes): the renderer's IPC PhoneHost → the agent
 * preload's bridge → main's PhoneRelay (sender checks, zod) → the phone preload's API →
 * servePhoneHost → the PhoneHost in the phone window; and events and microphone levels back.
 */
import type { WebContents } from 'electron';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { newCall } from '../../../src-common/call';
import { type PhoneCommand, type PhoneEvent } from '../../../src-common/phone-contract';
import { err, ok } from '../../../src-common/result';
import { createPhoneBridgeApi } from '../../../src-main/electron/phone-bridge-api';
import { PhoneRelay, type MainIpc } from '../../../src-main/electron/phone-relay';
import { createPhoneWindowApi } from '../../../src-main/electron/phone-window-api';
import { servePhoneHost } from '../../../src-phone/window/serve-phone-host';
import { createIpcPhoneHost } from '../../../src-renderer/phone/ipc-phone-host';
import type { PhoneHost } from '../../../src-common/phone-host';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Electron's message passing, in memory: ipcMain plus one renderer side per window. */
class Wire {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  readonly mainListeners = new Map<string, Listener[]>();
  readonly mainIpc: MainIpc = {
    handle: (channel, handler) => void this.handlers.set(channel, handler as never),
    removeHandler: (channel) => void this.handlers.delete(channel),
    on: (channel, listener) => void this.mainListeners.set(channel, [...(this.mainListeners.get(channel) ?? []), listener as Listener]),
    removeListener: (channel, listener) => void this.mainListeners.set(channel, (this.mainListeners.get(channel) ?? []).filter((l) => l !== listener)),
  };

  window(id: number, url: string) {
    const rendererListeners = new Map<string, Listener[]>();
    const contents = {
      id,
      isDestroyed: () => false,
      mainFrame: { url, parent: null, frameTreeNodeId: id * 100 },
      send: (channel: string, payload: unknown) => queueMicrotask(() => rendererListeners.get(channel)?.forEach((l) => l({}, payload))),
    };
    const asSender = { sender: contents, senderFrame: contents.mainFrame };
    const ipc = {
      invoke: async (channel: string, ...args: unknown[]) => {
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return handler(asSender, ...args);
      },
      on: (channel: string, listener: Listener) => void rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: Listener) => void rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener)),
      send: (channel: string, ...args: unknown[]) => queueMicrotask(() => this.mainListeners.get(channel)?.forEach((l) => l(asSender, ...args))),
    };
    return { contents: contents as unknown as WebContents, ipc };
  }
}

/** The phone window's host: records what reaches it and lets the test push events and levels. */
function recordingHost() {
  const audio: unknown[] = [];
  const listeners = new Set<(event: PhoneEvent) => void>();
  const executed: PhoneCommand[] = [];
  const mic = { onLevel: null as ((level: number) => void) | null, stopped: 0 };
  const standby: boolean[] = [];
  const host: PhoneHost = {
    kind: 'page',
    start: async (provisioning) => (provisioning.password === 'wrong' ? err('unauthenticated', 'The SIP server refused the password.') : ok(null)),
    stop: async () => undefined,
    setCallStandby: async (on) => (standby.push(on), ok(null)),
    execute: async (command) => {
      executed.push(command as PhoneCommand);
      return ok({ callId: command.type === 'dial' ? 'call-9' : null });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: async () => ({ registration: { transport: 'connected', registration: 'registered', message: null }, calls: [], microphone: 'available', speaker: 'available', fallback: { microphone: false, speaker: false } }),
    setAudioDevices: async (choice) => (audio.push(choice), ok(null)),
    listAudioDevices: async () => ok([{ deviceId: 'mic-2', label: 'USB headset', kind: 'audioinput' as const }]),
    watchMicrophoneLevel: async (_id, onLevel) => {
      mic.onLevel = onLevel;
      return ok(() => void (mic.stopped += 1));
    },
    playSpeakerTest: async () => ok(null),
    playRingtoneTest: async (ringer) => (audio.push(ringer), ok(null)),
    remoteAudioLevel: async () => 0.25,
  };
  return { host, executed, mic, audio, standby, emit: (event: PhoneEvent) => listeners.forEach((l) => l(event)) };
}

const provisioning = { serverUrl: 'ws://127.0.0.1:5066', aor: 'sip:ana@lab.centralita', authorizationUsername: 'ana', password: 'x', displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733' as const, lab: true };

let stopRelay: (() => void) | null = null;
afterEach(() => stopRelay?.());

function chain() {
  const wire = new Wire();
  const agent = wire.window(1, 'app://centralita/index.html');
  const phone = wire.window(2, 'app://centralita/phone.html');
  const relay = new PhoneRelay({ ipc: wire.mainIpc, phoneContents: () => phone.contents, agentContents: () => [agent.contents], log: pino({ level: 'silent' }), requestTimeoutMs: 2000 });
  stopRelay = relay.register();
  const recording = recordingHost();
  const renderer = createIpcPhoneHost(createPhoneBridgeApi(agent.ipc));
  const servePhone = () => servePhoneHost(recording.host, createPhoneWindowApi(phone.ipc));
  return { relay, renderer, servePhone, ...recording };
}

describe('Electron phone relay, end to end in one process', () => {
  it('a command typed in the agent window reaches the phone window validated, and its answer comes back', async () => {
    const { renderer, servePhone, executed } = chain();
    // The agent window may ask before the phone page has loaded: the request waits for it.
    const dialled = renderer.execute({ type: 'dial', target: '+34600100200' });
    servePhone();
    expect(await dialled).toEqual({ ok: true, value: { callId: 'call-9' } });
    expect(executed).toEqual([{ type: 'dial', target: '+34600100200', itemId: null }]);
    expect(await renderer.listAudioDevices()).toEqual({ ok: true, value: [{ deviceId: 'mic-2', label: 'USB headset', kind: 'audioinput' }] });
    expect(await renderer.remoteAudioLevel('call-9')).toBe(0.25);
  });

  it('the ringer settings and the ringtone test reach the phone window; a volume out of range never leaves main', async () => {
    const { renderer, servePhone, audio } = chain();
    servePhone();
    const ringer = { ringerId: 'default', ringtone: 'digital' as const, ringerVolume: 35 };
    expect(await renderer.setAudioDevices({ microphoneId: 'mic-2', speakerId: 'spk-1', ...ringer })).toEqual({ ok: true, value: null });
    expect(await renderer.playRingtoneTest(ringer)).toEqual({ ok: true, value: null });
    expect(await renderer.playRingtoneTest({ ...ringer, ringerVolume: 150 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(audio).toEqual([{ microphoneId: 'mic-2', speakerId: 'spk-1', ...ringer }, ringer]);
  });

  it('standby (the agent is Ready or not) reaches the phone window', async () => {
    const { renderer, servePhone, standby } = chain();
    servePhone();
    expect(await renderer.setCallStandby(true)).toEqual({ ok: true, value: null });
    expect(await renderer.setCallStandby(false)).toEqual({ ok: true, value: null });
    expect(standby).toEqual([true, false]);
  });

  it('a refusal in the phone window arrives as the same error value; a malformed command never leaves main', async () => {
    const { renderer, servePhone, executed } = chain();
    servePhone();
    expect(await renderer.start({ ...provisioning, password: 'wrong' })).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'The SIP server refused the password.' } });
    expect(await renderer.execute({ type: 'hold' } as never)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(executed).toEqual([]);
  });

  it('phone events and microphone levels flow back to the agent window; stopping the meter stops it in the phone window', async () => {
    const { renderer, servePhone, emit, mic, relay } = chain();
    servePhone();
    const seen: PhoneEvent[] = [];
    renderer.subscribe((event) => seen.push(event));
    const call = newCall({ id: 'call-9', direction: 'outbound', remote: { uri: 'sip:+34600100200@lab', number: '+34600100200', displayName: null }, startedAt: '2026-11-25T03:00:00.000Z' });
    emit({ type: 'call-updated', call });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([{ type: 'call-updated', call }]);
    expect(relay.liveCalls().map((c) => c.id)).toEqual(['call-9']);

    const levels: number[] = [];
    const watching = await renderer.watchMicrophoneLevel('mic-2', (level) => levels.push(level));
    if (!watching.ok) throw new Error(watching.error.message);
    mic.onLevel?.(0.5);
    mic.onLevel?.(7); // a broken meter cannot push an out-of-range level past the checks
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(levels).toEqual([0.5, 1]);
    watching.value();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mic.stopped).toBe(1);
  });
});
