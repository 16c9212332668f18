/**
 * Call quality under loss and jitter, by ear and by the phone's own meter. The agent's network
 * (a namespace, support/agent-netns.ts) loses 3 % of the media packets each way at random
 * (iptables `statistic` inside it, support/media-loss.ts; SIP is never touched) and each packet
 * coming to it is held a random 0–90 ms (support/jitter-relay.ts; no netem in this kernel).
 * "30 ms jitter" is meant as a receiver reports it: RFC 3550 interarrival jitter, which estimates
 * the mean change in transit time between consecutive packets, E|D| = 90 / 3 for independent
 * uniform holds; the relay measures it on what it sends. Two phones sit in that network and take
 * the same call at the same time: ours (the product's page phone host in Chromium) and baresip 1.0
 * (Debian's native SIP phone, Opus with in-band FEC and loss concealment on).
 *
 * The far end is this process: a tone encoded once by libopus (Chromium's WebCodecs, FEC on; the
 * tone wavers so the encoder takes it for speech and really sends FEC) sent as RTP every 20 ms,
 * through the delaying relay, to rtpengine's plain-RTP side, while sipp does the SIP
 * (support/opus-caller.ts). rtpengine forwards packets as they arrive, so the jitter reaches each
 * phone unchanged: as plain RTP to baresip, re-encrypted (DTLS-SRTP) to the browser. It is added
 * before rtpengine rather than on the agent's link because a relay there would have to stand in
 * the middle of ICE and DTLS; the phones cannot tell the difference. Only the holds are on the far
 * side: the loss is on the agent's own link, both ways.
 *
 * Measured and printed: the tone's continuity in what each phone played (20 ms windows, one
 * analysis for both, support/tone-continuity.ts; ours captured after Chromium's jitter buffer,
 * baresip's recorded at its real-time player), which must be no worse for ours; and the MOS our
 * phone's meter reported each second against the E-model (src-common/call-quality.ts) fed with
 * the conditions measured on the wire (iptables' counters, the relay's own timing), which must
 * agree within 0.3.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eModel } from '../../src-common/call-quality';
import type { PhoneProvisioning } from '../../src-common/domain';
import { openAgentNetwork, type AgentNetwork } from './support/agent-netns';
import { startBaresipListener, type BaresipCaller } from './support/baresip';
import { comparisonTable, lossShare, mosComparison, type PhoneUnderLoss } from './support/loss-report';
import { imposeMediaLoss, type MediaLoss } from './support/media-loss';
import { openNamespacedAgent, type NamespacedAgent } from './support/namespaced-agent';
import { placeOpusCall, type OpusCall } from './support/opus-caller';
import { readOpusPacket } from './support/opus-packets';
import { encodeOpusTone, type OpusTone } from './support/opus-tone-sender';
import { waitFor } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';
import { toneContinuity } from './support/tone-continuity';
import { readWavMono } from './support/wav-file';

const DOMAIN = 'lab.centralita';
const FAR_HZ = 1000;
const AGENT_MIC_HZ = 600;
const LOSS_PROBABILITY = 0.03;
/** Uniform 0–90 ms per packet: E|D| = 90 / 3 = 30 ms, the RFC 3550 jitter a receiver reports. */
const MAX_DELAY_MS = 90;
/** Time for the jitter buffers to settle after the loss starts, then the span that is measured. */
const SETTLE_MS = 4_000;
const MEASURE_MS = 20_000;
const MOS_TOLERANCE = 0.3;
/**
 * How much lower than baresip's our continuity may read and still count as "no worse". Over 23
 * runs on a loaded 2-core machine ours read 99.3–100 % and baresip's 98.2–100 %; ours minus
 * baresip's ranged from −0.2 to +1.2 points (a window or two of 20 ms either way, more when the
 * machine stalls). One point is five times the worst shortfall seen, and a third of what a phone
 * that did not conceal 3 % loss at all would lose.
 */
const CONTINUITY_TOLERANCE = 0.01;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('call quality under 3 % loss and 30 ms jitter on the agent\'s network', () => {
  let work: string;
  let network: AgentNetwork;
  let rig: Rig;
  let agent: NamespacedAgent;
  let baresip: BaresipCaller;
  let tone: OpusTone;
  let loss: MediaLoss | null = null;
  const calls: OpusCall[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'centralita-loss-'));
    network = await openAgentNetwork();
    rig = await startRig({ staticAor: `sip:agent@${DOMAIN}`, phoneAddress: network.hostAddress });
    agent = await openNamespacedAgent(network, AGENT_MIC_HZ);
    tone = await encodeOpusTone(agent.page, FAR_HZ, (SETTLE_MS + MEASURE_MS) / 1000 + 15);
    const provisioning: PhoneProvisioning = { serverUrl: rig.env.PHONE_WS_URL ?? '', aor: `sip:agent@${DOMAIN}`, authorizationUsername: 'agent', password: '', displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733', lab: false, answerBeforeCandidates: true };
    await agent.start(provisioning);
    baresip = await startBaresipListener({ netns: network.namespace, address: network.agentAddress, registrar: rig.env.PHONE_SIP_ADDRESS ?? '', user: 'baresip' });
  }, 180_000);

  afterAll(async () => {
    // Each step on its own: one failing must not leave the others running.
    const steps: Array<() => Promise<unknown> | undefined> = [
      ...calls.map((call) => () => call.close()),
      () => loss?.remove(),
      () => baresip?.stop(),
      () => agent?.close(),
      () => rig?.stop(),
      () => network?.close(),
    ];
    for (const step of steps) await Promise.resolve(step()).catch((error: unknown) => console.error('cleanup:', error));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('our phone hears the tone at least as continuously as baresip, and its MOS matches the E-model of the measured conditions', async () => {
    const explain = async () => `${rig.kamailioLog(40)}\n${rig.rtpengineLog(30)}\n${baresip.log(30)}\n${await agent.diagnostics()}\n${calls.map((call) => call.messages().slice(-3000)).join('\n')}`;
    const place = async (callee: string) => {
      const call = await placeOpusCall({ sipPort: rig.env.SIP_PORT ?? '', callee, tone, mediaAddress: network.hostAddress, maxDelayMs: MAX_DELAY_MS, workDir: work });
      calls.push(call);
      return call;
    };
    // The same call to both phones at once: same tone, same path, same moment on this machine.
    const toAgent = await place('agent');
    const toBaresip = await place('baresip');
    const agentCallId = await waitFor(async () => (await agent.events()).flatMap((event) => (event.type === 'incoming-call' ? [event.call.id] : []))[0], 'the agent rings');
    expect(await agent.execute({ type: 'answer', callId: agentCallId })).toMatchObject({ ok: true });
    await Promise.all([toAgent.startMediaWhenAnswered(), toBaresip.startMediaWhenAnswered()]).catch(async (cause: unknown) => {
      throw new Error(`${String(cause)}\n${await explain()}`, { cause });
    });
    await waitFor(() => (baresip.events.some((event) => event.type === 'CALL_RTPESTAB') ? true : undefined), 'baresip receives the tone', 15_000).catch(async (cause: unknown) => {
      throw new Error(`${String(cause)}\n${await explain()}`, { cause });
    });

    loss = await imposeMediaLoss(network, { rigAddress: network.hostAddress, rigPorts: [Number(rig.env.RTP_PORT_MIN), Number(rig.env.RTP_PORT_MAX)], probability: LOSS_PROBABILITY, phones: [{ name: 'baresip', ports: baresip.rtpPorts }, { name: 'agent' }] });
    await sleep(SETTLE_MS);
    await loss.reset();
    const from = Date.now();
    await agent.capture(agentCallId);
    await sleep(MEASURE_MS);
    const to = Date.now();
    const counts = await loss.counts();
    const heardByAgent = await agent.captured();

    // Hang up from both phones; baresip closes its recording when its call ends.
    expect(await agent.execute({ type: 'hangup', callId: agentCallId })).toMatchObject({ ok: true });
    const baresipHungUpAt = Date.now();
    await baresip.command('hangup');
    await waitFor(() => (baresip.events.some((event) => event.type === 'CALL_CLOSED') ? true : undefined), 'baresip\'s call ends');
    expect(await toAgent.sipp.exit).toBe(0);
    expect(await toBaresip.sipp.exit).toBe(0);

    // What each phone played over the same span, measured the same way. baresip's recordings run
    // until its hang-up: the span is counted back from their end.
    const recording = (suffix: string) => {
      const dir = baresip.recordings ?? '';
      // A file per start of the call's audio: the call's own recording is the longest.
      const files = readdirSync(dir).map((file) => ({ file, bytes: statSync(join(dir, file)).size }));
      const name = files.filter((entry) => entry.file.endsWith(suffix)).sort((a, b) => b.bytes - a.bytes)[0]?.file;
      if (!name) throw new Error(`baresip left no *${suffix} recording\n${baresip.log(40)}`);
      const audio = readWavMono(join(dir, name));
      const end = audio.samples.length - Math.round(((baresipHungUpAt - to) * audio.sampleRate) / 1000);
      const span = audio.samples.subarray(Math.max(0, end - Math.round(((to - from) * audio.sampleRate) / 1000)), Math.max(0, end));
      return toneContinuity(span, audio.sampleRate, FAR_HZ);
    };
    const ours = toneContinuity(heardByAgent.samples, heardByAgent.sampleRate, FAR_HZ);
    const theirs = recording('-enc.wav');

    // The conditions on the wire during the span.
    const fecShare = tone.packets.filter((packet) => readOpusPacket(packet).fec).length / tone.packets.length;
    const none = { in: { packets: 0, dropped: 0 }, out: { packets: 0, dropped: 0 } };
    const phones: PhoneUnderLoss[] = [
      { label: `our phone (Chromium ${agent.page.context().browser()?.version() ?? ''})`, wire: toAgent.relay.figures(from, to), loss: counts.agent ?? none, heard: ours },
      { label: `baresip ${/baresip v(\S+)/.exec(baresip.sipTrace())?.[1] ?? ''} (Debian)`, wire: toBaresip.relay.figures(from, to), loss: counts.baresip ?? none, heard: theirs, decoded: recording('-dec.wav') },
    ];
    const agentSide = phones[0] as PhoneUnderLoss;

    // The MOS the call panel showed each second of the span, against the E-model of what was done
    // to the wire: the loss iptables counted, the jitter the relay put in, and the relay's mean hold
    // as the agent's one-way network delay (the model takes half a round trip).
    const seconds = (await agent.events()).flatMap((event) => (event.type === 'call-quality' && event.callId === agentCallId && event.at > from + 1000 && event.at <= to ? [event.quality] : []));
    const meterMos = seconds.reduce((sum, second) => sum + second.mos, 0) / Math.max(1, seconds.length);
    const wire = { rttMs: 2 * agentSide.wire.meanDelayMs, jitterMs: agentSide.wire.meanTransitChangeMs, lossPercent: lossShare(agentSide.loss.in) * 100, codec: 'opus' };
    const expected = eModel(wire);
    console.log(`${comparisonTable({ measuredMs: to - from, settleMs: SETTLE_MS, hz: FAR_HZ, fecShare, lossProbability: LOSS_PROBABILITY, maxDelayMs: MAX_DELAY_MS, phones })}\n${mosComparison(seconds, expected, wire)}`);

    // The conditions are the ones asked for (or the comparison says nothing).
    expect(fecShare).toBeGreaterThan(0.9);
    for (const phone of phones) {
      for (const count of [phone.loss.in, phone.loss.out]) {
        expect(count.packets).toBeGreaterThan(600);
        expect(lossShare(count)).toBeGreaterThan(0.01);
        expect(lossShare(count)).toBeLessThan(0.06);
      }
      expect(phone.wire.meanTransitChangeMs).toBeGreaterThan(24);
      expect(phone.wire.meanTransitChangeMs).toBeLessThan(45);
    }
    // Both phones heard the tone (the analysis found its steady level), and ours no worse than baresip.
    expect(ours.steadyDb).toBeGreaterThan(-30);
    expect(theirs.steadyDb).toBeGreaterThan(-30);
    expect(ours.share).toBeGreaterThanOrEqual(theirs.share - CONTINUITY_TOLERANCE);
    // The MOS the agent saw is the E-model's for the conditions the test made.
    expect(seconds.length).toBeGreaterThanOrEqual((MEASURE_MS - 2000) / 1000);
    expect(seconds.every((second) => second.codec === 'opus')).toBe(true);
    expect(Math.abs(meterMos - expected.mos)).toBeLessThanOrEqual(MOS_TOLERANCE);
  }, 120_000);
});
