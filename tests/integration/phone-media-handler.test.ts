/**
 * Our WebRTC handler (src-phone/engine/phone-media-handler.ts) in Debian's Chromium, against a
 * plain RTCPeerConnection in the same page as the far end (no SIP; Kamailio + rtpengine calls are
 * in tests/interop). The STUN server is a closed loopback port: Chromium then keeps "gathering"
 * for half a minute, which is how an unreachable or slow STUN/TURN server looks to a phone.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../support/chromium-args';
import { serveTestPage, type ServedTestPage } from '../support/served-test-page';
import type { AnswerCase, AnswerOutcome, ComposedCase, ComposedOutcome, OfferCase, OfferOutcome } from './phone-media-page/entry';

const HERE = dirname(fileURLToPath(import.meta.url));
const SILENT_STUN = [{ urls: 'stun:127.0.0.1:9' }];
const TIMEOUT_MS = 3000;

let served: ServedTestPage;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveTestPage(join(HERE, 'phone-media-page/entry.ts'), 'phone media handler');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
  page = await browser.newPage();
  await page.goto(served.url);
  await page.waitForFunction(() => 'mediaUnderTest' in window);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const answer = (test: AnswerCase): Promise<AnswerOutcome> => page.evaluate((t) => window.mediaUnderTest.answer(t), test);
const composed = (test: ComposedCase): Promise<ComposedOutcome> => page.evaluate((t) => window.mediaUnderTest.composed(t), test);
const offer = (test: OfferCase): Promise<OfferOutcome> => page.evaluate((t) => window.mediaUnderTest.offer(t), test);

describe('our WebRTC handler answering an offer', () => {
  it('answers a far end that offers only host candidates (a media server) with its first candidate, without waiting for the STUN server', async () => {
    const outcome = await answer({ farEnd: 'distant', extraCandidates: [], iceServers: SILENT_STUN, iceGatheringTimeoutMs: TIMEOUT_MS, prepared: false });
    expect(outcome.answerMs).toBeLessThan(TIMEOUT_MS / 3);
    expect(outcome.answerCandidates).toBeGreaterThan(0);
  });

  it('waits for every candidate (here: until the gathering timeout) when the far end offers a server-reflexive one, as a NATed peer needs ours', async () => {
    const outcome = await answer({
      farEnd: 'distant',
      extraCandidates: ['a=candidate:2 1 udp 1694498815 198.51.100.7 50000 typ srflx raddr 0.0.0.0 rport 0'],
      iceServers: SILENT_STUN,
      iceGatheringTimeoutMs: TIMEOUT_MS,
      prepared: false,
    });
    expect(outcome.answerMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('the far end hears us after such an early answer', async () => {
    const outcome = await answer({ farEnd: 'reachable', extraCandidates: [], iceServers: SILENT_STUN, iceGatheringTimeoutMs: TIMEOUT_MS, prepared: false });
    expect(outcome.answerCandidates).toBeGreaterThan(0);
    expect(outcome.farEndPackets).toBeGreaterThan(0);
  });

  it('a prepared handler answers with the microphone it attached beforehand: nothing is opened during the call, and the far end hears it', async () => {
    const outcome = await answer({ farEnd: 'reachable', extraCandidates: [], iceServers: [], iceGatheringTimeoutMs: TIMEOUT_MS, prepared: true });
    expect(outcome.microphoneOpensDuringCall).toBe(0);
    expect(outcome.farEndPackets).toBeGreaterThan(0);
    const cold = await answer({ farEnd: 'reachable', extraCandidates: [], iceServers: [], iceGatheringTimeoutMs: TIMEOUT_MS, prepared: false });
    expect(cold.microphoneOpensDuringCall).toBe(1);
  });
});

describe('a prepared handler answering with the answer it composed itself', () => {
  it('answers before the browser has read the offer; the browser then installs that same answer, and audio flows both ways', async () => {
    const outcome = await composed({ garbledFingerprint: false, composerMissesALine: false });
    expect(outcome.mediaError).toBeNull();
    expect(outcome.mediaStart).toBe('as-sent');
    expect(outcome.answeredBeforeBrowser).toBe(true);
    expect(outcome.installedAsSent).toBe(true);
    expect(outcome.answerCandidates).toBe(0);
    // Our host address as the default destination: never 0.0.0.0, which some PBXs read as hold.
    expect(outcome.connectionAddress).toMatch(/^(\d+\.){3}\d+$|:/);
    expect(outcome.connectionAddress).not.toBe('0.0.0.0');
    expect(outcome.farEndPackets).toBeGreaterThan(0);
    expect(outcome.ourPackets).toBeGreaterThan(0);
  });

  it('falls back to the browser\'s own answer when the browser refuses the composed text, and the re-offer of it carries audio both ways', async () => {
    const outcome = await composed({ garbledFingerprint: false, composerMissesALine: true });
    expect(outcome.mediaError).toBeNull();
    expect(outcome.mediaStart).toBe('own-answer');
    expect(outcome.installedAsSent).toBe(false);
    expect(outcome.farEndPackets).toBeGreaterThan(0);
    expect(outcome.ourPackets).toBeGreaterThan(0);
  });

  it('leaves an offer the browser would refuse (a garbled DTLS fingerprint) to the browser, which refuses it before any answer is made', async () => {
    const outcome = await composed({ garbledFingerprint: true, composerMissesALine: false });
    expect(outcome.answeredBeforeBrowser).toBe(false);
    expect(outcome.refusedBeforeAnswer).toMatch(/fingerprint/i);
  });
});

describe('our WebRTC handler offering inside a call (the ICE restart after a network change)', () => {
  it('sends the restart to a far end that answered with host candidates only (a media server) with its first candidate, without waiting for the STUN server', async () => {
    const outcome = await offer({ farEnd: 'distant', extraCandidates: [], iceServers: [], restartIceServers: SILENT_STUN, iceGatheringTimeoutMs: TIMEOUT_MS, prepared: false, firstOffer: false });
    expect(outcome.restartsIce).toBe(true);
    expect(outcome.offerCandidates).toBeGreaterThan(0);
    expect(outcome.offerMs).toBeLessThan(TIMEOUT_MS / 3);
  });

  it('waits for every candidate when the far end is behind NAT (it gave a server-reflexive candidate), and for a call we place', async () => {
    const natted = await offer({
      farEnd: 'distant',
      extraCandidates: ['a=candidate:2 1 udp 1694498815 198.51.100.7 50000 typ srflx raddr 0.0.0.0 rport 0'],
      iceServers: [],
      restartIceServers: SILENT_STUN,
      iceGatheringTimeoutMs: TIMEOUT_MS,
      prepared: false,
      firstOffer: false,
    });
    expect(natted.restartsIce).toBe(true);
    expect(natted.offerMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    const placed = await offer({ farEnd: 'distant', extraCandidates: [], iceServers: SILENT_STUN, restartIceServers: SILENT_STUN, iceGatheringTimeoutMs: TIMEOUT_MS, prepared: false, firstOffer: true });
    expect(placed.offerMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });
});
