/**
 * Test page for the page PhoneHost (src-phone/host/page-phone-host.ts: what web mode's agent
 * page and Electron's phone window run) against the interop rig, with the browser's microphone
 * and peer connections counted, so a test can tell what a call opened and when, and the calls'
 * received digits as they show.
 */
import type { PhoneProvisioning } from '../../../src-common/domain';
import type { PhoneCommand } from '../../../src-common/phone-contract';
import { createPagePhoneHost } from '../../../src-phone/host/page-phone-host';
import { recordPeerConnections } from '../support/recorded-peer-connections';

interface HostUnderTest {
  start(provisioning: PhoneProvisioning): Promise<string | null>;
  setCallStandby(on: boolean): Promise<void>;
  /** getUserMedia calls so far. */
  microphoneOpens(): number;
  /** Microphone tracks getUserMedia returned that are still live (the device is open). */
  liveMicrophones(): number;
  /**
   * RTCPeerConnections made so far for calls: those carrying audio. The phone's probe of its
   * host address (a data channel only, closed at once) is not one.
   */
  peerConnectionsMade(): number;
  /** Calls that reached `active`. */
  answeredCalls(): number;
  /** Audio RTP packets sent, summed over the peer connections still open. */
  sentPackets(): Promise<number>;
  /** The id of the newest call that rang, or null. */
  lastIncomingCall(): string | null;
  /** Runs a phone command (answer, hangup…); the error message, or null. */
  execute(command: PhoneCommand): Promise<string | null>;
  /** The digits the far end sent in this call, as the call shows them. */
  digitsReceived(callId: string): string;
}

declare global {
  interface Window {
    hostUnderTest: HostUnderTest;
  }
}

const opened: MediaStreamTrack[] = [];
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  opened.push(...stream.getAudioTracks());
  return stream;
};
const peers = recordPeerConnections(window);

const host = createPagePhoneHost(window, { log: () => undefined });
const answered = new Set<string>();
const digits = new Map<string, string>();
let registered = false;
let lastIncoming: string | null = null;
host.subscribe((event) => {
  if (event.type === 'registration') registered = event.registration === 'registered';
  if (event.type === 'incoming-call') lastIncoming = event.call.id;
  if (event.type === 'call-updated' && event.call.state === 'active') answered.add(event.call.id);
  if (event.type === 'call-updated') digits.set(event.call.id, event.call.dtmfReceived ?? '');
});

window.hostUnderTest = {
  async start(provisioning) {
    const started = await host.start(provisioning);
    if (!started.ok) return started.error.message;
    for (let waited = 0; !registered && waited < 10_000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    return registered ? null : 'not registered after 10 s';
  },
  async setCallStandby(on) {
    await host.setCallStandby(on);
  },
  microphoneOpens: () => opened.length,
  liveMicrophones: () => opened.filter((track) => track.readyState === 'live').length,
  peerConnectionsMade: () => peers.filter((peer) => peer.getTransceivers().length > 0).length,
  answeredCalls: () => answered.size,
  lastIncomingCall: () => lastIncoming,
  async execute(command) {
    const result = await host.execute(command);
    return result.ok ? null : result.error.message;
  },
  digitsReceived: (callId) => digits.get(callId) ?? '',
  async sentPackets() {
    let packets = 0;
    for (const peer of peers.filter((p) => p.connectionState !== 'closed')) {
      (await peer.getStats()).forEach((report: { type: string; kind?: string; packetsSent?: number }) => {
        if (report.type === 'outbound-rtp' && report.kind === 'audio') packets += report.packetsSent ?? 0;
      });
    }
    return packets;
  },
};
