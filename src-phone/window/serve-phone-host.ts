/**
 * The hidden phone window's side of the relay: answers main's PhoneOps with a PhoneHost running
 * in this window (the same page host web mode uses) and pushes its events and microphone levels
 * to main. Params are checked again here (main already did): this page trusts only the contract.
 */
import { ZodError } from 'zod';
import type { PhoneEvent } from '../../src-common/phone-contract';
import { PhoneOps, type PhoneOpName, type PhoneWindowApi } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import type { PhoneHost } from '../../src-common/phone-host';

/** Starts serving; returns the function that stops listening to the host (used by tests). */
export function servePhoneHost(host: PhoneHost, api: PhoneWindowApi): () => void {
  const watches = new Map<string, () => void>();
  const off = host.subscribe((event: PhoneEvent) => api.push('phone', event));

  async function handle(op: PhoneOpName, params: unknown): Promise<Result<unknown>> {
    try {
      return await run(op, params);
    } catch (cause) {
      if (cause instanceof ZodError) return err('bad-request', `${op}: ${cause.issues[0]?.message ?? 'invalid parameters'}`);
      return err('internal', `The phone failed: ${String(cause)}`);
    }
  }

  /** Each case parses its own params (a ZodError becomes bad-request in handle). */
  async function run(op: PhoneOpName, params: unknown): Promise<Result<unknown>> {
    switch (op) {
      case 'phone.start':
        return host.start(PhoneOps[op].params.parse(params));
      case 'phone.stop':
        PhoneOps[op].params.parse(params);
        await host.stop();
        return ok(null);
      case 'phone.execute':
        return host.execute(PhoneOps[op].params.parse(params));
      case 'phone.setCallStandby':
        return host.setCallStandby(PhoneOps[op].params.parse(params).on);
      case 'phone.snapshot':
        PhoneOps[op].params.parse(params);
        return ok(await host.snapshot());
      case 'phone.setAudioDevices':
        return host.setAudioDevices(PhoneOps[op].params.parse(params));
      case 'phone.listAudioDevices':
        PhoneOps[op].params.parse(params);
        return host.listAudioDevices();
      case 'phone.watchMicrophone': {
        const { watchId, microphoneId } = PhoneOps[op].params.parse(params);
        watches.get(watchId)?.();
        const started = await host.watchMicrophoneLevel(microphoneId, (level) => api.push('phone-mic-level', { watchId, level: Math.min(1, Math.max(0, level)) }));
        if (!started.ok) return started;
        watches.set(watchId, started.value);
        return ok(null);
      }
      case 'phone.unwatchMicrophone': {
        const { watchId } = PhoneOps[op].params.parse(params);
        watches.get(watchId)?.();
        watches.delete(watchId);
        return ok(null);
      }
      case 'phone.playSpeakerTest':
        return host.playSpeakerTest(PhoneOps[op].params.parse(params).speakerId);
      case 'phone.playRingtoneTest':
        return host.playRingtoneTest(PhoneOps[op].params.parse(params));
      case 'phone.remoteAudioLevel':
        return ok(await host.remoteAudioLevel(PhoneOps[op].params.parse(params).callId));
    }
  }

  api.serve(handle);
  return () => {
    off();
    for (const stop of watches.values()) stop();
    watches.clear();
  };
}
