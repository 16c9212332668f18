/**
 * Early media through real Kamailio + rtpengine: our phone (SIP.js + WebRTC in Debian's Chromium)
 * dials a PBX line played by sipp that answers 183 Session Progress with SDP and sends an
 * announcement (a µ-law tone from the test's RTP endpoint) for a few seconds before its 200 OK.
 * The agent must hear it while the call is still ringing, not only after the answer: the phone's
 * own inbound RTP counter grows while the call is `early`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPhoneBrowser, waitFor, type PhoneBrowser } from './support/phone-browser';
import { freePorts, runSipp, startRig, toneMuLaw, type Rig } from './support/rig';
import { startRtpEndpoint, type RtpEndpoint } from './support/rtp-endpoint';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:agent@lab.centralita';
/** How long the line plays its announcement before answering. */
const EARLY_MS = 4000;

let rig: Rig;
let work: string;
let phone: PhoneBrowser;
let line: RtpEndpoint;
let sipp: ChildProcess | null = null;
let sippOutput = '';
let sipPort: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-early-'));
  [sipPort] = freePorts(2);
  rig = await startRig({ staticAor: AGENT_AOR });
  line = await startRtpEndpoint({ tone: toneMuLaw(), telephoneEventPayloadType: 101 });
  const scenario = join(work, 'line.xml');
  writeFileSync(scenario, readFileSync(join(HERE, 'support/sipp-early-media-uas.xml'), 'utf8').replaceAll('@@MEDIA_PORT@@', String(line.port)).replaceAll('@@EARLY_MS@@', String(EARLY_MS)));
  const [, sippMediaPort] = freePorts(2);
  sipp = spawn('sipp', ['-sf', scenario, '-i', '127.0.0.1', '-p', String(sipPort), '-mi', '127.0.0.1', '-mp', String(sippMediaPort), '-m', '1', '-timeout', '60s', '-nostdin', '-trace_msg', '-message_file', join(work, 'sipp-messages.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  sipp.stdout?.on('data', (chunk: Buffer) => (sippOutput += chunk.toString()));
  sipp.stderr?.on('data', (chunk: Buffer) => (sippOutput += chunk.toString()));
  // The line registers as "announce" (a second, short sipp run), so Kamailio routes calls to it.
  const register = join(work, 'register.xml');
  writeFileSync(register, readFileSync(join(HERE, 'support/sipp-register.xml'), 'utf8').replaceAll('@@CONTACT@@', `sip:announce@127.0.0.1:${sipPort}`));
  const [registerPort] = freePorts(1);
  const registered = runSipp({ scenario: register, target: `127.0.0.1:${rig.env.SIP_PORT}`, service: 'announce', localPort: registerPort, mediaPort: registerPort + 1, messageLog: join(work, 'register.log') });
  expect(await registered.exit, registered.output()).toBe(0);
  phone = await openPhoneBrowser();
  await phone.startPhone({ serverUrl: rig.env.WS_URL, aor: AGENT_AOR, iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
}, 120_000);

afterAll(async () => {
  await phone?.close();
  if (sipp && sipp.exitCode === null && sipp.signalCode === null) sipp.kill('SIGTERM');
  await line?.close();
  await rig?.stop();
  if (work && !process.env.KEEP_WORK) rmSync(work, { recursive: true, force: true });
});

const explain = () => `${sippOutput.slice(-1500)}\n${(() => {
  try {
    return readFileSync(join(work, 'sipp-messages.log'), 'utf8').slice(-3000);
  } catch {
    return '(no sipp message log)';
  }
})()}\n${rig.kamailioLog(30)}\n${rig.rtpengineLog(20)}`;

describe('early media (183 with SDP) through Kamailio + rtpengine', () => {
  it('the announcement reaches the agent while the call still rings, and the call then connects', async () => {
    const dialled = (await phone.execute({ type: 'dial', target: 'announce' })) as { ok: boolean; value?: { callId: string | null } };
    expect(dialled.ok).toBe(true);
    const callId = dialled.value?.callId ?? '';
    await waitFor(async () => (await phone.events()).find((event) => event.call?.id === callId && event.call.state === 'early'), 'the call in early state', 10_000).catch(async (cause: unknown) => {
      throw new Error(`${String(cause)}\n${JSON.stringify((await phone.events()).filter((event) => event.call?.id === callId).map((event) => event.call))}\n${explain()}`, { cause });
    });
    const earlyAt = Date.now();
    // Heard before any answer: a second of the announcement (50 packets) while still early.
    const heardEarly = await waitFor(async () => ((await phone.inboundPackets(callId)) >= 50 ? Date.now() : undefined), 'announcement packets while early', EARLY_MS - 500).catch((cause: unknown) => {
      throw new Error(`${String(cause)}\n${explain()}`, { cause });
    });
    const events = await phone.events();
    expect(events.some((event) => event.call?.id === callId && event.call.state === 'active')).toBe(false);
    console.log(`early media: 50 announcement packets at the phone within ${heardEarly - earlyAt} ms of seeing the call early, before the answer`);
    // The line's side heard the agent too (early media is two-way here: sendrecv).
    expect(line.packetsByType().get(0) ?? 0).toBeGreaterThan(0);

    await waitFor(async () => (await phone.events()).find((event) => event.call?.id === callId && event.call.state === 'active'), 'the line answers', EARLY_MS + 5000);
    await phone.execute({ type: 'hangup', callId });
    await waitFor(async () => (await phone.events()).find((event) => event.call?.id === callId && event.call.state === 'ended'), 'the call ends');
  }, 60_000);
});
