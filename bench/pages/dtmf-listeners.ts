/**
 * The DTMF bench's page: K far-end-like tracks (WebAudio sources, decoded audio as a call's
 * receiver gives it), each read either by the product's listener (remote-dtmf.ts: a
 * MediaStreamTrackProcessor, a copy of each 10 ms frame, the Goertzel detector) or by a bare
 * reader that takes each frame and closes it (the cost of the frames reaching the page at all,
 * the baseline). Each track holds key 5 (770 + 1336 Hz), so a listener that runs says so.
 */
import { listenForDtmf } from '../../src-phone/audio/remote-dtmf';
import type { DtmfListenersPage, DtmfListenersWindow } from './dtmf-listeners-contract';

interface FrameLike {
  close(): void;
}
type ProcessorConstructor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<FrameLike> };

const audio = new AudioContext();
const stops: Array<() => void> = [];
let digits = 0;
let frames = 0;

function keyFiveTrack(): MediaStreamTrack {
  const destination = audio.createMediaStreamDestination();
  for (const hz of [770, 1336]) {
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = hz;
    const gain = audio.createGain();
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    stops.push(() => oscillator.stop());
  }
  const [track] = destination.stream.getAudioTracks();
  if (!track) throw new Error('the source has no track');
  stops.push(() => track.stop());
  return track;
}

/** Reads frames and closes them, nothing else. */
function bareReader(track: MediaStreamTrack): () => void {
  const Processor = (window as unknown as { MediaStreamTrackProcessor: ProcessorConstructor }).MediaStreamTrackProcessor;
  const reader = new Processor({ track }).readable.getReader();
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const { value, done } = await reader.read();
      if (done) return;
      value.close();
      frames += 1;
    }
  })();
  return () => {
    stopped = true;
    void reader.cancel().catch(() => undefined);
  };
}

const page: DtmfListenersPage = {
  async start(mode, count) {
    await audio.resume();
    digits = 0;
    frames = 0;
    for (let index = 0; index < count; index += 1) {
      const track = keyFiveTrack();
      stops.push(mode === 'listener' ? listenForDtmf(window, track, () => (digits += 1), (error) => console.error(error)) : bareReader(track));
    }
  },
  counts: () => ({ digits, frames }),
  stop() {
    for (const stop of stops.splice(0)) stop();
  },
};

(window as unknown as DtmfListenersWindow).dtmfListeners = page;
