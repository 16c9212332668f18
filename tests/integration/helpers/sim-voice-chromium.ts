/**
 * A bare WebRTC peer in Debian's Chromium (fake microphone, remote audio playing in an <audio>
 * element), for proving media against the simulated callers' werift handler without any SIP in
 * between: the test shuttles SDP by hand. Served from a loopback origin so getUserMedia works.
 */
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';

export interface InboundAudio {
  packetsReceived: number;
  audioLevel: number;
  codec: string;
}

export interface ChromiumPeer {
  page: Page;
  /** Answers an SDP offer with the fake microphone; resolves with the complete answer (all candidates). */
  answer(offerSdp: string): Promise<string>;
  /** Makes an offer with the fake microphone (complete, non-trickle). */
  offer(): Promise<string>;
  acceptAnswer(answerSdp: string): Promise<void>;
  connectionState(): Promise<string>;
  inbound(): Promise<InboundAudio>;
  packetsSent(): Promise<number>;
  close(): Promise<void>;
}

// Runs in the page (a plain script, so the test needs no bundler for it).
const PAGE_SCRIPT = `
let pc = null;
async function ready() {
  pc = new RTCPeerConnection({ bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' });
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  pc.ontrack = (event) => {
    const audio = document.createElement('audio');
    audio.srcObject = event.streams[0] || new MediaStream([event.track]);
    audio.autoplay = true;
    document.body.append(audio);
  };
}
function gathered() {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); }));
}
window.peer = {
  async answer(sdp) {
    await ready();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered();
    return pc.localDescription.sdp;
  },
  async offer() {
    await ready();
    await pc.setLocalDescription(await pc.createOffer());
    await gathered();
    return pc.localDescription.sdp;
  },
  acceptAnswer: (sdp) => pc.setRemoteDescription({ type: 'answer', sdp }),
  state: () => pc ? pc.connectionState : 'none',
  async inbound() {
    const result = { packetsReceived: 0, audioLevel: 0, codec: '' };
    const stats = await pc.getStats();
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        result.packetsReceived += r.packetsReceived || 0;
        result.audioLevel = Math.max(result.audioLevel, r.audioLevel || 0);
        const codec = r.codecId && stats.get(r.codecId);
        if (codec) result.codec = codec.mimeType;
      }
    });
    return result;
  },
  async packetsSent() {
    let sent = 0;
    (await pc.getStats()).forEach((r) => { if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.packetsSent || 0; });
    return sent;
  },
};
`;

interface PeerWindow {
  peer: {
    answer(sdp: string): Promise<string>;
    offer(): Promise<string>;
    acceptAnswer(sdp: string): Promise<void>;
    state(): string;
    inbound(): Promise<InboundAudio>;
    packetsSent(): Promise<number>;
  };
}

export async function openChromiumPeer(): Promise<ChromiumPeer> {
  const server: Server = createServer((request, response) => {
    if (request.url === '/peer.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(PAGE_SCRIPT);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><meta charset="utf-8"><title>peer</title><script src="/peer.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'peer' in window);
    const opened = browser;
    // Playwright sends each function's source to the page; the casts vanish at compile time.
    return {
      page,
      answer: (sdp) => page.evaluate((a) => (window as unknown as PeerWindow).peer.answer(a), sdp),
      offer: () => page.evaluate(() => (window as unknown as PeerWindow).peer.offer()),
      acceptAnswer: (sdp) => page.evaluate((a) => (window as unknown as PeerWindow).peer.acceptAnswer(a), sdp),
      connectionState: () => page.evaluate(() => (window as unknown as PeerWindow).peer.state()),
      inbound: () => page.evaluate(() => (window as unknown as PeerWindow).peer.inbound()),
      packetsSent: () => page.evaluate(() => (window as unknown as PeerWindow).peer.packetsSent()),
      async close() {
        await opened.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (cause) {
    await browser?.close();
    server.close();
    throw cause;
  }
}
