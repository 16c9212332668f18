/**
 * A sipp caller whose media end is this test's RTP socket (rtp-endpoint.ts): sipp places the call
 * with support/sipp-dtmf-caller.xml (PCMU + telephone-event/8000 on payload 101, then waits for
 * the phone's BYE), and once the phone's 200 OK is at sipp the socket sends its tone towards
 * the address the answer names, as a real endpoint does. Both ways of RFC 4733 DTMF use it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './phone-browser';
import { answeredMedia, freePorts, runSipp, sippScenario, toneMuLaw, type Rig, type SippRun } from './rig';
import { startRtpEndpoint, type RtpEndpoint } from './rtp-endpoint';

export interface RtpCaller {
  media: RtpEndpoint;
  sipp: SippRun;
  /** sipp's message log. */
  messages: string;
  /** Waits for the 200 OK with SDP at sipp and points the caller's media at the address it names. */
  startMedia(): Promise<void>;
  /** What to print when a test fails: sipp's output and log tail, packets by payload type, rtpengine's log. */
  explain(): string;
  close(): Promise<void>;
}

export async function callWithRtpCaller(rig: Rig, work: string, service: string): Promise<RtpCaller> {
  const media = await startRtpEndpoint({ tone: toneMuLaw(), telephoneEventPayloadType: 101 });
  const scenario = sippScenario('sipp-dtmf-caller.xml', work, { RTP_PORT: String(media.port) }, `${service}-rtp-caller.xml`);
  const [sipPort, mediaPort] = freePorts(2);
  const messages = join(work, `${service}-rtp-caller.log`);
  const sipp = runSipp({ scenario, target: `127.0.0.1:${rig.env.SIP_PORT}`, service, localPort: sipPort, mediaPort, messageLog: messages });
  return {
    media,
    sipp,
    messages,
    async startMedia() {
      const answer = await waitFor(() => answeredMedia(readFileSync(messages, 'utf8')), 'the 200 OK with SDP at sipp');
      media.sendTo(answer.address, answer.port);
    },
    explain: () => [sipp.output(), readFileSync(messages, 'utf8').slice(-3000), JSON.stringify([...media.packetsByType()]), rig.rtpengineLog(20)].join('\n'),
    async close() {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      await media.close();
    },
  };
}
