/**
 * A 3-way conference mixed in the browser with WebAudio, as desk phones do it locally: no
 * conference server needed. For legs A and B:
 *
 *   microphone ─┬─ gain ─▶ mix for A ◀── B's far end        A's sender sends "mix for A"
 *               └─ gain ─▶ mix for B ◀── A's far end        B's sender sends "mix for B"
 *
 * Each far end hears us and the other far end; we hear both because both calls' remote audio
 * keeps playing as before. The mixes replace the senders' tracks (RTCRtpSender.replaceTrack: no
 * renegotiation); ending puts each leg's own microphone track back.
 */
import { err, ok, type Result } from '../../src-common/result';
import type { ConferenceBridge, ConferenceLeg } from './conference-bridge';
import { peerConnectionOf } from './web-media';

export interface LegMedia {
  callId: string;
  peer: RTCPeerConnection;
  sender: RTCRtpSender;
  /** The leg's own microphone track, put back when the conference ends. */
  microphone: MediaStreamTrack;
  remote: MediaStream;
}

/** A leg's sender, its own microphone track and its far end's audio, or null while not connected. */
export function legMedia(leg: ConferenceLeg): LegMedia | null {
  const peer = peerConnectionOf(leg.sessionDescriptionHandler);
  if (!peer || peer.connectionState === 'closed') return null;
  const sender = peer.getSenders().find((candidate) => candidate.track?.kind === 'audio');
  const remoteTracks = peer.getReceivers().map((receiver) => receiver.track).filter((track) => track.kind === 'audio' && track.readyState === 'live');
  if (!sender?.track || remoteTracks.length === 0) return null;
  return { callId: leg.callId, peer, sender, microphone: sender.track, remote: new MediaStream(remoteTracks) };
}

export async function webAudioConferenceBridge(legs: readonly [ConferenceLeg, ConferenceLeg]): Promise<Result<ConferenceBridge>> {
  const a = legMedia(legs[0]);
  const b = legMedia(legs[1]);
  if (!a || !b) return err('conflict', 'Both calls need connected audio to join a conference.');

  const { context, microphone } = await openMixing(a.microphone);
  const toA = context.createGain();
  const toB = context.createGain();
  const mixForA = context.createMediaStreamDestination();
  const mixForB = context.createMediaStreamDestination();
  toA.connect(mixForA);
  toB.connect(mixForB);
  const source = new MixedMicrophone(context, microphone, [toA, toB], [a, b]);
  context.createMediaStreamSource(b.remote).connect(mixForA);
  context.createMediaStreamSource(a.remote).connect(mixForB);

  const sent = await sendMixes(context, [
    [a, mixForA],
    [b, mixForB],
  ]);
  if (!sent.ok) return err('internal', `The conference audio could not be mixed (${sent.error.message}).`);
  const [mixTrackA, mixTrackB] = sent.value;

  let ended = false;
  return ok({
    setMicrophoneMuted(muted) {
      toA.gain.value = muted ? 0 : 1;
      toB.gain.value = muted ? 0 : 1;
    },
    replaceMicrophone: (track) => source.replace(track),
    async end() {
      if (ended) return;
      ended = true;
      await restore([a, b]);
      mixTrackA.stop();
      mixTrackB.stop();
      await context.close().catch(() => undefined);
    },
  });
}

/** A running audio context for a mix, with the microphone as its source. */
export async function openMixing(microphoneTrack: MediaStreamTrack): Promise<{ context: AudioContext; microphone: MediaStreamAudioSourceNode }> {
  const context = new AudioContext();
  // The hidden phone window and web mode may start without a user gesture; a suspended context is silent.
  await context.resume().catch(() => undefined);
  return { context, microphone: context.createMediaStreamSource(new MediaStream([microphoneTrack])) };
}

/**
 * The microphone a mix is fed from. When the agent switches microphone (or theirs is unplugged)
 * mid-mix, the new one is wired into the same nodes and becomes the microphone each leg gets
 * back when the mix ends; the one it replaces is released. The senders keep sending the mix.
 */
export class MixedMicrophone {
  constructor(
    private readonly context: AudioContext,
    private source: MediaStreamAudioSourceNode,
    private readonly feeds: readonly AudioNode[],
    private readonly legs: readonly LegMedia[],
  ) {
    for (const feed of feeds) source.connect(feed);
  }

  replace(track: MediaStreamTrack): void {
    const next = this.context.createMediaStreamSource(new MediaStream([track]));
    for (const feed of this.feeds) next.connect(feed);
    this.source.disconnect();
    this.source = next;
    // Each leg its own track: after the mix, muting or holding one call must not silence another.
    for (const [index, leg] of this.legs.entries()) {
      if (leg.microphone !== track) leg.microphone.stop();
      leg.microphone = index === 0 ? track : track.clone();
    }
  }
}

/**
 * Each leg's sender sends its mix instead of the microphone (replaceTrack: no renegotiation).
 * If one cannot, every leg gets its microphone back and the mixing context is closed.
 */
export async function sendMixes(context: AudioContext, pairs: ReadonlyArray<readonly [LegMedia, MediaStreamAudioDestinationNode]>): Promise<Result<MediaStreamTrack[]>> {
  const tracks = pairs.map(([, mix]) => mix.stream.getAudioTracks()[0]);
  try {
    for (const [index, [leg]] of pairs.entries()) await leg.sender.replaceTrack(tracks[index] ?? null);
  } catch (cause) {
    await restore(pairs.map(([leg]) => leg));
    await context.close().catch(() => undefined);
    return err('internal', String(cause));
  }
  return ok(tracks.filter((track): track is MediaStreamTrack => track !== undefined));
}

/** Gives every leg that is still connected its own microphone back (a leg that ended is skipped). */
export async function restore(legs: readonly LegMedia[]): Promise<void> {
  for (const leg of legs) {
    if (leg.peer.connectionState === 'closed' || leg.microphone.readyState === 'ended') continue;
    await leg.sender.replaceTrack(leg.microphone).catch(() => undefined);
  }
}
