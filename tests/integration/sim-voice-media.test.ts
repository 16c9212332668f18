/**
 * The simulated callers' media, proven against Chromium's WebRTC with no SIP and no relay in
 * between: werift offers (as a caller's INVITE does) or answers (as the outside world answers an
 * agent), ICE and DTLS-SRTP connect, Chromium hears the simulated voice (audioLevel > 0 on the
 * PCMU stream) and the handler counts the packets Chromium's fake microphone sends back.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WeriftMediaHandler } from '../../src-hub/sim/voice/werift-media-handler';
import { openChromiumPeer, type ChromiumPeer } from './helpers/sim-voice-chromium';
import { until } from './helpers/sim-voice-phone';

const silent = pino({ level: 'silent' });

describe('simulated party media (werift) with Chromium WebRTC', () => {
  let chromium: ChromiumPeer | null = null;
  let handler: WeriftMediaHandler | null = null;
  afterEach(async () => {
    handler?.close();
    await chromium?.close();
    handler = null;
    chromium = null;
  });

  it('a caller offer is answered by Chromium and audio flows both ways', async () => {
    chromium = await openChromiumPeer();
    const caller = new WeriftMediaHandler({ sound: 'voice', logger: silent });
    handler = caller;
    const offer = await caller.getDescription();
    expect(offer.contentType).toBe('application/sdp');
    expect(offer.body).toMatch(/a=fingerprint:sha-256/);
    expect(offer.body).toMatch(/a=candidate:/);
    await caller.setDescription(await chromium.answer(offer.body));

    const heard = await until(async () => {
      const inbound = await chromium!.inbound();
      return inbound.packetsReceived > 50 && inbound.audioLevel > 0.02 ? inbound : undefined;
    }, 'Chromium to hear the simulated caller');
    expect(heard.codec).toBe('audio/PCMU');
    const report = await until(async () => {
      const r = caller.report();
      return r.received.packets > 50 ? r : undefined;
    }, 'the caller to receive Chromium audio');
    expect(report.connection).toBe('connected');
    expect(report.received.peakLevel).toBeGreaterThan(0.01);
    console.log(`caller→chromium audioLevel ${heard.audioLevel.toFixed(3)}, packets ${heard.packetsReceived}; chromium→caller packets ${report.received.packets}, peak ${report.received.peakLevel.toFixed(3)}`);
  });

  it('answers a Chromium offer (the outside world answering an agent) and plays its tone', async () => {
    chromium = await openChromiumPeer();
    const world = new WeriftMediaHandler({ sound: 'tone', logger: silent });
    handler = world;
    await world.setDescription(await chromium.offer());
    const answer = await world.getDescription();
    expect(answer.body).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0\b/);
    await chromium.acceptAnswer(answer.body);
    const heard = await until(async () => {
      const inbound = await chromium!.inbound();
      return inbound.packetsReceived > 25 && inbound.audioLevel > 0.02 ? inbound : undefined;
    }, 'Chromium to hear the tone');
    expect(heard.codec).toBe('audio/PCMU');
    await until(async () => (world.report().received.packets > 20 ? true : undefined), 'the tone side to receive Chromium audio');
  });
});
