/**
 * Web mode's PhoneHost: the real PhoneEngine runs in this page. It is created with the
 * provisioning the hub handed over after sign-in, registers, plays each call's remote audio
 * through the chosen speaker, opens the chosen microphone for calls (both through the system
 * default while a chosen device is unplugged, audio-routing.ts; kept open, with the next call's
 * media prepared, while the agent is on standby: call-standby.ts), plays the ringtone on the
 * ringer's output and the auto-answer beep, and unregisters on sign-out or when the page goes away.
 */
import type { Web } from 'sip.js';
import type { PhoneCommandInput, PhoneCommandResult, PhoneEvent } from '../../src-common/phone-contract';
import type { PhoneProvisioning } from '../../src-common/domain';
import { EMPTY_PHONE_SNAPSHOT, INITIAL_REGISTRATION, type AudioDevice, type PhoneHost, type PhoneSnapshot } from '../../src-common/phone-host';
import { err, ok, type Result } from '../../src-common/result';
import { CallAudio } from '../audio/call-audio';
import { microphoneConstraints, watchMicrophoneLevel } from '../audio/mic-level';
import { watchAudioDevices } from '../audio/audio-device-watch';
import { watchForWake } from './wake-watch';
import { selectedLocalEnd, watchLocalAddress, watchMediaPath, watchNetwork, type NetworkChange } from './network-watch';
import type { MicrophoneStatus, SpeakerStatus } from '../../src-common/phone-contract';
import { BEEP, SPEAKER_TEST, TonePlayer } from '../audio/tone-player';
import { RINGTONES, ringerGain } from '../audio/ringtones';
import { AudioRouting } from './audio-routing';
import type { PhoneEngine } from '../engine/phone-engine';
import type { PhoneLogger } from '../engine/phone-logger';
import { createCallAlerts } from './call-alerts';
import { StandbyMicrophone } from '../audio/standby-microphone';
import { CallStandby } from './call-standby';
import { CallQualityMeter } from '../audio/call-quality-meter';

/**
 * SIP.js and the engine load on first start (after sign-in), in their own chunk: the login screen
 * and agents of a hub without voice never download them.
 */
type WebMedia = typeof import('../engine/web-media');
const loadPhoneCode = () => Promise.all([import('../engine/phone-engine'), import('../engine/web-media')]);

/** `logger` receives the host's lines and the engine's (each page keeps its own log). */
export function createPagePhoneHost(win: Window, logger: PhoneLogger): PhoneHost {
  const doc = win.document;
  const listeners = new Set<(event: PhoneEvent) => void>();
  const callAudio = new CallAudio(doc, {
    digitHeard: (callId, digit) => engine?.dtmfHeard(callId, digit),
    listenFailed: (callId, error) => logger.log('warn', 'the far end\'s audio could not be listened to for DTMF', { callId, error: String(error) }),
  });
  const tones = new TonePlayer(doc, 'tones');
  const ringer = new TonePlayer(doc, 'ringer');
  const routing = new AudioRouting({
    calls: callAudio,
    tones,
    ringer,
    switchMicrophone: () => switchLiveMicrophones(),
    onFallback: (fallback) => {
      if (fallback.microphone || fallback.speaker) logger.log('warn', 'a chosen audio device is unplugged; using the system default', fallback);
      emit({ type: 'device-fallback', fallback });
    },
  });
  const alerts = createCallAlerts({
    startRingtone: () => ringer.startRingtone(RINGTONES[routing.ringer.ringtone], ringerGain(routing.ringer.ringerVolume)),
    stopRingtone: () => ringer.stopRingtone(),
    beep: () => void tones.play(BEEP),
  });
  let engine: PhoneEngine | null = null;
  let media: WebMedia | null = null;
  let startedWith: string | null = null;
  let offEngine: (() => void) | null = null;
  /** While the phone runs: whether a call could be answered with a voice and heard, and the watch's stop. */
  let microphone: MicrophoneStatus | null = null;
  let speaker: SpeakerStatus | null = null;
  let stopDeviceWatch: (() => void) | null = null;
  let stopWakeWatch: (() => void) | null = null;
  let stopNetworkWatch: (() => void) | null = null;
  /** Each answered call's media-path watch, by call id. */
  const mediaPathWatches = new Map<string, () => void>();
  const timers = { setTimeout: (run: () => void, ms: number) => win.setTimeout(run, ms), clearTimeout: (handle: unknown) => win.clearTimeout(handle as number), now: () => Date.now() };
  function recoverNetwork(why: NetworkChange, since: number): void {
    logger.log('warn', 'the network changed; reconnecting the phone and moving live calls', { why });
    engine?.recoverAfterNetworkChange(since);
    // Candidates prepared for the next call belong to the network they were gathered on.
    standby.networkChanged();
  }
  /** Calls the UI has heard of and not yet seen removed. */
  const openCalls = new Set<string>();
  const peerOf = (callId: string) => media?.peerConnectionOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
  const quality = new CallQualityMeter(
    {
      stats: async (callId) => {
        const report = await peerOf(callId)?.getStats();
        return report ? [...(report.values() as IterableIterator<never>)] : null;
      },
      microphoneMutedBySystem: (callId) => peerOf(callId)?.getSenders().find((sender) => sender.track?.kind === 'audio')?.track?.muted ?? false,
    },
    (event) => emit(event),
  );

  /** While on standby the microphone stays open and each call gets a clone of its track. */
  const heldMicrophone = new StandbyMicrophone<MediaStreamTrack>({ open: async (id) => (await openChosenMicrophone(id)).getAudioTracks()[0] ?? null }, logger);
  const standby = new CallStandby(heldMicrophone, () => routing.inUse.microphoneId, logger);

  /**
   * A call's microphone: a clone of the one held open on standby, or the one in use opened now;
   * one that went away since the devices were listed falls back to the default.
   */
  const openMicrophone: Web.MediaStreamFactory = async (constraints) => (constraints.audio ? callMicrophone() : new MediaStream());

  function callMicrophone(): Promise<MediaStream> {
    const { microphoneId } = routing.inUse;
    const held = heldMicrophone.trackForCall(microphoneId);
    return held ? Promise.resolve(new MediaStream([held])) : openChosenMicrophone(microphoneId);
  }

  async function openChosenMicrophone(microphoneId: string): Promise<MediaStream> {
    try {
      return await win.navigator.mediaDevices.getUserMedia(microphoneConstraints(microphoneId));
    } catch (error) {
      if (microphoneId === '') throw error;
      logger.log('warn', 'chosen microphone unavailable, using the default', { error: String(error) });
      return win.navigator.mediaDevices.getUserMedia(microphoneConstraints(''));
    }
  }

  function startDeviceWatch(): void {
    stopDeviceWatch?.();
    stopDeviceWatch = watchAudioDevices(
      { mediaDevices: win.navigator.mediaDevices, permissions: win.navigator.permissions },
      (report) => {
        if (report.microphone !== microphone) {
          microphone = report.microphone;
          if (microphone !== 'available') logger.log('warn', 'no microphone for calls', { status: microphone });
          emit({ type: 'microphone', status: microphone });
        }
        if (report.speaker !== speaker && report.speaker !== null) {
          speaker = report.speaker;
          if (speaker !== 'available') logger.log('warn', 'no speaker or headset for calls', { status: speaker });
          emit({ type: 'speaker', status: speaker });
        }
        // A headset unplugged or plugged back in: the standby microphone reopens on the one in use.
        void routing.devicesChanged(report.devices).then(() => standby.devicesChanged());
      },
      (error) => logger.log('warn', 'the audio device check failed', { error: String(error) }),
    );
  }

  function emit(event: PhoneEvent): void {
    if (event.type === 'incoming-call' || event.type === 'call-updated') openCalls.add(event.call.id);
    if (event.type === 'call-removed') openCalls.delete(event.callId);
    if (event.type === 'registration') standby.setRegistered(event.registration === 'registered');
    alerts.onEvent(event);
    quality.onEvent(event);
    if (event.type === 'call-updated' || event.type === 'incoming-call') followMedia(event.call.id, event.call.state);
    if (event.type === 'call-removed') callAudio.detach(event.callId);
    for (const listener of listeners) listener(event);
  }

  /** Remote audio is attached as soon as the call has a peer connection with a remote stream. */
  function followMedia(callId: string, state: string): void {
    if (state === 'ended') {
      callAudio.detach(callId);
      mediaPathWatches.get(callId)?.();
      mediaPathWatches.delete(callId);
      return;
    }
    const path = state === 'active' && !mediaPathWatches.has(callId) ? peerOf(callId) : undefined;
    if (path) {
      const stopPath = watchMediaPath(path, timers, () => recoverNetwork('media-path', Date.now()), (ice) => logger.log('info', 'call media path', { callId, ice }));
      const stopAddress = watchLocalAddress(
        async () => selectedLocalEnd((await path.getStats()).values() as IterableIterator<never>),
        timers,
        ({ from, to, lastSeenAt }) => {
          logger.log('info', 'the call\'s media now leaves from another address', { callId, from, to });
          recoverNetwork('local-address', lastSeenAt);
        },
      );
      mediaPathWatches.set(callId, () => {
        stopPath();
        stopAddress();
      });
    }
    if (state !== 'connecting' && state !== 'active' && state !== 'held' && state !== 'early') return;
    const stream = media?.remoteStreamOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
    if (stream) callAudio.attach(callId, stream);
  }

  async function stopEngine(): Promise<void> {
    const current = engine;
    engine = null;
    startedWith = null;
    // Stop first, then stop listening: the hang-ups it sends reach the UI as ended calls.
    if (current) {
      try {
        await current.stop();
      } catch (error) {
        logger.log('warn', 'phone stop failed', { error: String(error) });
      }
    }
    offEngine?.();
    offEngine = null;
    stopDeviceWatch?.();
    stopDeviceWatch = null;
    stopWakeWatch?.();
    stopWakeWatch = null;
    stopNetworkWatch?.();
    stopNetworkWatch = null;
    for (const stop of mediaPathWatches.values()) stop();
    mediaPathWatches.clear();
    standby.setHandlers(null);
    microphone = null;
    speaker = null;
    void routing.devicesChanged(null);
    alerts.stop();
    quality.stop();
    ringer.stopRingtone();
    callAudio.close();
    // A call whose end the engine had not reported yet must not linger on screen.
    for (const callId of [...openCalls]) emit({ type: 'call-removed', callId });
    emit({ type: 'registration', ...INITIAL_REGISTRATION });
  }

  // Unregister when the tab closes or navigates away: the SIP server must not ring a dead page.
  win.addEventListener('pagehide', () => void engine?.stop());

  return {
    kind: 'page',

    async start(provisioning: PhoneProvisioning): Promise<Result<null>> {
      const key = JSON.stringify(provisioning);
      if (engine && startedWith === key) return ok(null);
      if (engine) await stopEngine();
      let PhoneEngineClass: typeof PhoneEngine;
      try {
        const [engineModule, mediaModule] = await loadPhoneCode();
        PhoneEngineClass = engineModule.PhoneEngine;
        media = mediaModule;
      } catch (error) {
        logger.log('error', 'phone code could not be loaded', { error: String(error) });
        return err('unavailable', 'The phone could not be loaded.');
      }
      // Another start may have run while the code was loading: the newest provisioning wins.
      if (engine) await stopEngine();
      const mediaConfig = { iceServers: provisioning.iceServers, iceGatheringTimeoutMs: 500, answerBeforeCandidates: provisioning.answerBeforeCandidates ?? false };
      const prepared = media.standbyMediaHandlers(mediaConfig, openMicrophone, logger);
      const created = PhoneEngineClass.create({
        config: {
          serverUrl: provisioning.serverUrl,
          aor: provisioning.aor,
          authorizationUsername: provisioning.authorizationUsername,
          password: provisioning.password,
          displayName: provisioning.displayName,
          iceServers: provisioning.iceServers,
          dtmfMode: provisioning.dtmfMode,
        },
        sessionDescriptionHandlerFactory: media.webSessionDescriptionHandlerFactory(mediaConfig, openMicrophone, prepared),
        offerProblem: media.webRtcOfferProblem,
        onConnectionLeadsNowhere: recoverNetwork,
        traceSip: true,
        logger,
      });
      if (!created.ok) return created;
      engine = created.value;
      startedWith = key;
      offEngine = engine.onEvent(emit);
      standby.setHandlers(prepared);
      logger.log('info', 'phone starting', { aor: provisioning.aor, lab: provisioning.lab });
      startDeviceWatch();
      stopWakeWatch?.();
      stopWakeWatch = watchForWake(
        { now: () => Date.now(), setInterval: (run, ms) => win.setInterval(run, ms), clearInterval: (handle) => win.clearInterval(handle as number), isHidden: () => win.document.hidden },
        (gapMs) => {
          logger.log('warn', 'the clock jumped (the machine slept or the page was frozen); checking the phone\'s connection', { gapMs });
          engine?.recoverAfterWake();
          standby.networkChanged();
        },
      );
      stopNetworkWatch?.();
      stopNetworkWatch = watchNetwork({ window: win, connection: (win.navigator as Navigator & { connection?: EventTarget }).connection, ...timers }, recoverNetwork);
      // start() retries in the background until it connects; the registration events tell the UI.
      void engine.start().catch((error: unknown) => logger.log('warn', 'phone start failed', { error: String(error) }));
      return ok(null);
    },

    stop: stopEngine,

    async execute(command: PhoneCommandInput): Promise<Result<PhoneCommandResult>> {
      if (!engine) return err('unavailable', 'The phone is not started.');
      return engine.execute(command);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async snapshot(): Promise<PhoneSnapshot> {
      if (!engine) return EMPTY_PHONE_SNAPSHOT;
      return { registration: engine.registrationState(), calls: engine.listCalls(), microphone, speaker, fallback: routing.inUse.fallback };
    },

    async setCallStandby(on) {
      standby.setWanted(on);
      return ok(null);
    },

    async setAudioDevices(choice) {
      const microphoneBefore = routing.inUse.microphoneId;
      const routed = await routing.choose(choice);
      if (routing.inUse.microphoneId !== microphoneBefore) standby.microphoneChosen();
      return routed ? ok(null) : err('unavailable', 'The chosen speaker is not available; using the default one.');
    },

    async listAudioDevices(): Promise<Result<AudioDevice[]>> {
      try {
        const all = await win.navigator.mediaDevices.enumerateDevices();
        return ok(
          all
            .filter((d): d is MediaDeviceInfo & { kind: AudioDevice['kind'] } => d.kind === 'audioinput' || d.kind === 'audiooutput')
            .map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
        );
      } catch (error) {
        logger.log('warn', 'enumerateDevices failed', { error: String(error) });
        return err('unavailable', 'The audio devices could not be listed.');
      }
    },

    watchMicrophoneLevel: (microphoneId, onLevel) => watchMicrophoneLevel(win.navigator.mediaDevices, microphoneId, onLevel),

    async playSpeakerTest(speakerId) {
      const routed = await tones.setSpeaker(speakerId);
      await tones.play(SPEAKER_TEST);
      await tones.setSpeaker(routing.inUse.speakerId);
      return routed ? ok(null) : err('unavailable', 'That speaker is not available.');
    },

    async playRingtoneTest(choice) {
      const routed = await ringer.setSpeaker(routing.ringerOutputFor(choice));
      await ringer.play(RINGTONES[choice.ringtone].pattern, ringerGain(choice.ringerVolume));
      await ringer.setSpeaker(routing.inUse.ringerId);
      return routed ? ok(null) : err('unavailable', 'That output is not available.');
    },

    async remoteAudioLevel(callId) {
      const analysed = callAudio.level(callId);
      const reported = await statsAudioLevel(callId);
      if (analysed === null && reported === null) return null;
      return Math.max(analysed ?? 0, reported ?? 0);
    },
  };

  /** Live calls move to a newly chosen microphone at once (replaceTrack: no renegotiation). */
  async function switchLiveMicrophones(): Promise<void> {
    const current = engine;
    if (!current) return;
    const live = current.listCalls().filter((call) => call.state === 'active' || call.state === 'held');
    if (live.length === 0) return;
    try {
      const stream = await callMicrophone();
      const [track] = stream.getAudioTracks();
      if (!track) return;
      // A conference or a supervision sends a mix: the new microphone goes into the mix instead.
      const mixed = new Set(current.useMicrophoneInMixes(() => track.clone()));
      const senders = live
        .filter((call) => !mixed.has(call.id))
        .flatMap((call) => media?.peerConnectionOf(current.sessionOf(call.id)?.sessionDescriptionHandler)?.getSenders() ?? [])
        .filter((sender) => sender.track?.kind === 'audio');
      await Promise.all(
        senders.map(async (sender) => {
          // One track per call: a held call's disabled track must not silence the active one.
          const own = track.clone();
          const previous = sender.track;
          own.enabled = previous?.enabled ?? true;
          await sender.replaceTrack(own);
          previous?.stop();
        }),
      );
      track.stop();
    } catch (error) {
      logger.log('warn', 'switching the microphone mid-call failed', { error: String(error) });
    }
  }

  async function statsAudioLevel(callId: string): Promise<number | null> {
    const pc = media?.peerConnectionOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
    if (!pc) return null;
    try {
      const stats = await pc.getStats();
      let level: number | null = null;
      stats.forEach((report: { type?: string; kind?: string; audioLevel?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio' && typeof report.audioLevel === 'number') level = Math.max(level ?? 0, report.audioLevel);
      });
      return level;
    } catch {
      return null;
    }
  }
}
