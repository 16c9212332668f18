/**
 * The conference test page: three real phone engines in one Chromium page (the agent and two far
 * ends), each sending its own pure tone instead of a microphone (WebAudio oscillator injected as the
 * local media), each playing and analysing (FFT) what it receives on every call. The test asks
 * "how loud is frequency F in what party P hears on call C?".
 */
import { PhoneEngine } from '../../../src-phone/engine/phone-engine';
import { peerConnectionOf, webSessionDescriptionHandlerFactory } from '../../../src-phone/engine/web-media';
import { PhoneConfig, type PhoneConfigInput, type PhoneEvent } from '../../../src-common/phone-contract';
import { ToneRecorder, type ToneSample } from '../support/tone-recorder';

interface Party {
  engine: PhoneEngine;
  events: PhoneEvent[];
  analysers: Map<string, AnalyserNode>;
  /** What the party hears on each call, for recorders. */
  streams: Map<string, MediaStream>;
  recorder: ToneRecorder | null;
}

export interface MediaState {
  packets: number;
  level: number;
  sent: number;
  state: string;
  ice: string;
  gathering: string;
  localCandidates: number;
  remoteCandidates: number;
}

const candidatesIn = (sdp: string | undefined): number => (sdp?.match(/^a=candidate:/gm) ?? []).length;

interface ConferenceUnderTest {
  startParty(name: string, config: PhoneConfigInput, toneHz: number): Promise<string | null>;
  execute(name: string, command: unknown): Promise<unknown>;
  events(name: string): PhoneEvent[];
  /** dB (FFT magnitude, max over ±2 bins) of each frequency in what `name` hears on `callId`; null without audio yet. */
  levels(name: string, callId: string, frequencies: number[]): number[] | null;
  /**
   * Inbound audio packets and level on a call, from getStats (proves media before the FFT), with
   * what a call whose media never starts needs looked at: its ICE and gathering states and the
   * candidates each description carries.
   */
  inbound(name: string, callId: string): Promise<MediaState>;
  /** Starts recording how loud `hz` is in what `name` hears on `callId` (every 10 ms); false before audio. */
  record(name: string, callId: string, hz: number): boolean;
  recording(name: string): ToneSample[];
  /**
   * The party switches to another microphone (here: another tone) mid-call, as the page host does
   * when the agent picks one or theirs is unplugged; the ids of the calls whose mix took it.
   */
  switchMicrophone(name: string, hz: number): string[];
  stop(): Promise<void>;
}

declare global {
  interface Window {
    conferenceUnderTest: ConferenceUnderTest;
  }
}

const audio = new AudioContext();
const parties = new Map<string, Party>();

/** A fresh tone per call: SIP.js stops the local tracks when a call ends. */
function toneStream(hz: number): MediaStream {
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = hz;
  const gain = audio.createGain();
  gain.gain.value = 0.3;
  const destination = audio.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
}

function listen(party: Party, callId: string): void {
  if (party.analysers.has(callId)) return;
  const peer = peerConnectionOf(party.engine.sessionOf(callId)?.sessionDescriptionHandler);
  const tracks = peer?.getReceivers().map((receiver) => receiver.track).filter((track) => track.kind === 'audio') ?? [];
  if (tracks.length === 0) return;
  const stream = new MediaStream(tracks);
  // Chromium delivers remote WebRTC audio to WebAudio only while the stream also plays in an element.
  const element = document.createElement('audio');
  element.srcObject = stream;
    element.autoplay = true;
  document.body.append(element);
  const analyser = audio.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0.5;
  audio.createMediaStreamSource(stream).connect(analyser);
  party.analysers.set(callId, analyser);
  party.streams.set(callId, stream);
}

window.conferenceUnderTest = {
  async startParty(name, input, toneHz) {
    await audio.resume();
    const config = PhoneConfig.parse(input);
    const created = PhoneEngine.create({
      config,
      sessionDescriptionHandlerFactory: webSessionDescriptionHandlerFactory(config, async () => toneStream(toneHz)),
    });
    if (!created.ok) return created.error.message;
    const party: Party = { engine: created.value, events: [], analysers: new Map(), streams: new Map(), recorder: null };
    parties.set(name, party);
    party.engine.onEvent((event) => {
      party.events.push(event);
      if (event.type === 'call-updated' && event.call.state === 'active') listen(party, event.call.id);
    });
    await party.engine.start();
    return null;
  },
  async execute(name, command) {
    const party = parties.get(name);
    if (!party) throw new Error(`no party ${name}`);
    return party.engine.execute(command);
  },
  events: (name) => parties.get(name)?.events ?? [],
  levels(name, callId, frequencies) {
    const analyser = parties.get(name)?.analysers.get(callId);
    if (!analyser) return null;
    const spectrum = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(spectrum);
    const binHz = audio.sampleRate / analyser.fftSize;
    return frequencies.map((hz) => {
      const centre = Math.round(hz / binHz);
      let loudest = -Infinity;
      for (let bin = centre - 2; bin <= centre + 2; bin += 1) loudest = Math.max(loudest, spectrum[bin] ?? -Infinity);
      return loudest;
    });
  },
  async inbound(name, callId) {
    const peer = peerConnectionOf(parties.get(name)?.engine.sessionOf(callId)?.sessionDescriptionHandler);
    const found: MediaState = {
      packets: -1,
      level: -1,
      sent: -1,
      state: peer?.connectionState ?? 'none',
      ice: peer?.iceConnectionState ?? 'none',
      gathering: peer?.iceGatheringState ?? 'none',
      localCandidates: candidatesIn(peer?.localDescription?.sdp),
      remoteCandidates: candidatesIn(peer?.remoteDescription?.sdp),
    };
    (await peer?.getStats())?.forEach((report: { type: string; kind?: string; packetsReceived?: number; audioLevel?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        found.packets = report.packetsReceived ?? 0;
        found.level = report.audioLevel ?? 0;
      }
      if (report.type === 'outbound-rtp' && report.kind === 'audio') found.sent = (report as { packetsSent?: number }).packetsSent ?? 0;
    });
    return found;
  },
  record(name, callId, hz) {
    const party = parties.get(name);
    const stream = party?.streams.get(callId);
    if (!party || !stream) return false;
    party.recorder?.stop();
    party.recorder = new ToneRecorder(audio, stream, hz);
    return true;
  },
  recording: (name) => parties.get(name)?.recorder?.samples ?? [],
  switchMicrophone(name, hz) {
    const party = parties.get(name);
    if (!party) throw new Error(`no party ${name}`);
    return party.engine.useMicrophoneInMixes(() => {
      const [track] = toneStream(hz).getAudioTracks();
      if (!track) throw new Error('the tone has no track');
      return track;
    });
  },
  async stop() {
    for (const party of parties.values()) party.recorder?.stop();
    await Promise.all([...parties.values()].map((party) => party.engine.stop()));
  },
};
