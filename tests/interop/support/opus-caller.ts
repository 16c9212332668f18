/**
 * One call of the call-quality test's far end: sipp places it through Kamailio (signalling only),
 * offering Opus at a delaying relay (jitter-relay.ts) in front of an Opus tone sender
 * (opus-tone-sender.ts). Once the callee answers, the relay forwards to the media address in the
 * answer (rtpengine's plain-RTP side) and the tone starts. rtpengine relays packets as they come
 * (no jitter buffer of its own), so the jitter added here reaches the callee unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startJitterRelay, type JitterRelay } from './jitter-relay';
import { openOpusToneSender, type OpusTone, type OpusToneSender } from './opus-tone-sender';
import { waitFor } from './phone-browser';
import { answeredMedia, freePorts, runSipp, sippScenario, type SippRun } from './rig';

const OPUS_PAYLOAD_TYPE = 111;

export interface OpusCall {
  relay: JitterRelay;
  sender: OpusToneSender;
  sipp: SippRun;
  /** Waits for the answer, points the relay at its media address and starts the tone. */
  startMediaWhenAnswered(): Promise<void>;
  /** sipp's SIP messages, for a failing run's report. */
  messages(): string;
  /** Stops the tone, the relay and (if the call is still up) sipp, by its PID. */
  close(): Promise<void>;
}

export async function placeOpusCall(options: { sipPort: string; callee: string; tone: OpusTone; mediaAddress: string; maxDelayMs: number; workDir: string }): Promise<OpusCall> {
  const relay = await startJitterRelay({ address: options.mediaAddress, maxDelayMs: options.maxDelayMs, clockRate: 48_000 });
  const sender = await openOpusToneSender(options.tone, { address: options.mediaAddress, payloadType: OPUS_PAYLOAD_TYPE });
  const scenario = sippScenario('sipp-opus-caller.xml', options.workDir, { RTP_ADDRESS: relay.address, RTP_PORT: String(relay.port) }, `opus-caller-${options.callee}.xml`);
  const [sipPort, mediaPort] = freePorts(2);
  const messageLog = join(options.workDir, `sipp-${options.callee}.log`);
  const sipp = runSipp({ scenario, target: `127.0.0.1:${options.sipPort}`, service: options.callee, localPort: sipPort as number, mediaPort: mediaPort as number, messageLog });
  const messages = (): string => {
    try {
      return readFileSync(messageLog, 'utf8');
    } catch {
      return '(no sipp messages yet)';
    }
  };
  return {
    relay,
    sender,
    sipp,
    messages,
    async startMediaWhenAnswered() {
      const answer = await waitFor(() => answeredMedia(messages()), `${options.callee} answers (200 OK with SDP at sipp)`, 15_000);
      relay.connect(answer.address, answer.port);
      sender.start({ address: relay.address, port: relay.port });
    },
    async close() {
      await sender.close();
      await relay.close();
      if (sipp.process.exitCode === null && sipp.process.pid !== undefined) sipp.process.kill('SIGTERM');
    },
  };
}
