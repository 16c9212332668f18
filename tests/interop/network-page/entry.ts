/**
 * The agent's phone for the network tests (a network change, loss and jitter): the product's own
 * page phone host (the one web mode runs: engine, WebRTC media, the chosen microphone, the
 * network and media-path watches, the call-quality meter), with Chromium's fake microphone
 * playing a tone file. The test drives it through `window.networkUnderTest` and records what the
 * agent hears from the far end (a tone's level every 10 ms, or the samples themselves).
 */
import { createPagePhoneHost } from '../../../src-phone/host/page-phone-host';
import type { PhoneEvent } from '../../../src-common/phone-contract';
import type { PhoneProvisioning } from '../../../src-common/domain';
import type { PhoneHost } from '../../../src-common/phone-host';
import { PcmCapture } from '../support/pcm-capture';
import { ToneRecorder, type ToneSample } from '../support/tone-recorder';
import { recordPeerConnections } from '../support/recorded-peer-connections';

interface NetworkUnderTest {
  start(provisioning: PhoneProvisioning): Promise<string | null>;
  execute(command: unknown): Promise<unknown>;
  events: Array<PhoneEvent & { at: number }>;
  log: string[];
  pathLog: string[];
  /** Starts recording how loud `hz` is in what the agent hears on the call; false before its audio plays. */
  record(callId: string, hz: number): boolean;
  recording(): ToneSample[];
  /** Starts keeping the samples the agent hears on the call; false before its audio plays. */
  capture(callId: string): Promise<boolean>;
  /** Stops keeping them and hands them over (16-bit mono, base64) with the moment capture began. */
  captured(): { sampleRate: number; pcm16: string; startedAt: number } | null;
  stop(): Promise<void>;
}

declare global {
  interface Window {
    networkUnderTest: NetworkUnderTest;
  }
}

const audio = new AudioContext();
/** The phone's peer connections, for the media-path timeline a failing run prints (diagnostics only). */
const peers = recordPeerConnections(window);
const pathLog: string[] = [];
setInterval(() => {
  for (const peer of peers) {
    void peer.getStats().then((stats) => {
      let line = `ice=${peer.iceConnectionState}`;
      stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
        if (report.type !== 'transport' || !report.selectedCandidatePairId) return;
        const pair = stats.get(report.selectedCandidatePairId) as { localCandidateId: string; state: string } | undefined;
        const local = pair ? (stats.get(pair.localCandidateId) as { address?: string } | undefined) : undefined;
        line += ` pair=${local?.address ?? '?'} ${(local as { candidateType?: string } | undefined)?.candidateType ?? '?'} ${pair?.state ?? '?'}`;
      });
      if (pathLog.at(-1)?.endsWith(line) !== true) pathLog.push(`${new Date().toISOString()} ${line}`);
    });
  }
}, 50);
const events: Array<PhoneEvent & { at: number }> = [];
const log: string[] = [];
let host: PhoneHost | null = null;
let recorder: ToneRecorder | null = null;
let capture: { pcm: PcmCapture; startedAt: number } | null = null;

function remoteStreamOf(callId: string): MediaStream | null {
  const element = document.querySelector<HTMLAudioElement>(`audio[data-call-id="${CSS.escape(callId)}"]`);
  return element?.srcObject instanceof MediaStream ? element.srcObject : null;
}

window.networkUnderTest = {
  events,
  log,
  pathLog,
  async start(provisioning) {
    await audio.resume();
    host = createPagePhoneHost(window, { log: (level, message, fields) => log.push(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(fields ?? {})}`) });
    host.subscribe((event) => events.push({ ...event, at: Date.now() }));
    const started = await host.start(provisioning);
    return started.ok ? null : started.error.message;
  },
  async execute(command) {
    if (!host) throw new Error('not started');
    return host.execute(command as never);
  },
  record(callId, hz) {
    const stream = remoteStreamOf(callId);
    if (!stream) return false;
    recorder?.stop();
    recorder = new ToneRecorder(audio, stream, hz);
    return true;
  },
  recording: () => recorder?.samples ?? [],
  async capture(callId) {
    const stream = remoteStreamOf(callId);
    if (!stream) return false;
    capture?.pcm.stop();
    capture = { pcm: await PcmCapture.start(audio, stream), startedAt: Date.now() };
    return true;
  },
  captured() {
    if (!capture) return null;
    const { pcm, startedAt } = capture;
    capture = null;
    return { ...pcm.stop(), startedAt };
  },
  async stop() {
    recorder?.stop();
    await host?.stop();
  },
};
