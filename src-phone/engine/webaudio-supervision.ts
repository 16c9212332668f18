/**
 * The supervision mix on the agent's phone (WebAudio), for the customer's call C and the
 * supervisor's call S:
 *
 *   microphone ─┬──────────────▶ to supervisor ◀── C's far end (the caller)   S's sender
 *               └──────────────▶ to customer   ◀── S's far end × barge gain   C's sender
 *
 * The supervisor always hears caller and agent. The agent hears the supervisor through S's own
 * audio element, so S's received track is enabled only in whisper and barge (disabled it plays
 * silence, in the element and in the mix). The caller hears the supervisor only in barge.
 * Senders switch tracks with RTCRtpSender.replaceTrack: no re-INVITE, instant mode changes.
 */
import { err, ok, type Result } from '../../src-common/result';
import type { VoiceSupervisionMode } from '../../src-common/voice-supervision';
import type { SupervisionMix, SupervisionMixFactory } from './supervision-mix';
import { legMedia, MixedMicrophone, openMixing, restore, sendMixes } from './webaudio-conference';

/** Longer than ICE + DTLS through a media relay; a call still not connected then is mixed anyway. */
const MEDIA_START_TIMEOUT_MS = 5000;

/** Resolves when the peer connection is connected, closed or failed, or after `timeoutMs`. */
function connectedOrGone(peer: RTCPeerConnection, timeoutMs: number): Promise<void> {
  const settled = (): boolean => ['connected', 'closed', 'failed'].includes(peer.connectionState);
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      peer.removeEventListener('connectionstatechange', check);
      resolve();
    };
    const check = (): void => {
      if (settled()) done();
    };
    const timer = setTimeout(done, timeoutMs);
    peer.addEventListener('connectionstatechange', check);
  });
}

export const webAudioSupervisionMix: SupervisionMixFactory = async (legs, initialMode): Promise<Result<SupervisionMix>> => {
  const customer = legMedia(legs.customer);
  const supervisor = legMedia(legs.supervisor);
  if (!customer || !supervisor) return err('conflict', 'Both calls need connected audio to supervise.');
  // The supervisor's call was answered a moment ago and its media may not be connected yet
  // (the answer leaves before ICE and DTLS are done). A Chromium mix built on a remote track that
  // has not started stayed silent for the customer, so it is built once that call is connected.
  await connectedOrGone(supervisor.peer, MEDIA_START_TIMEOUT_MS);

  const { context, microphone } = await openMixing(customer.microphone);
  const toSupervisor = context.createMediaStreamDestination();
  const toCustomer = context.createMediaStreamDestination();
  const bargeGain = context.createGain();
  const source = new MixedMicrophone(context, microphone, [toSupervisor, toCustomer], [customer]);
  context.createMediaStreamSource(customer.remote).connect(toSupervisor);
  context.createMediaStreamSource(supervisor.remote).connect(bargeGain).connect(toCustomer);

  const setMode = (mode: VoiceSupervisionMode): void => {
    bargeGain.gain.value = mode === 'barge' ? 1 : 0;
    for (const track of supervisor.remote.getAudioTracks()) track.enabled = mode !== 'monitor';
  };
  setMode(initialMode);

  const sent = await sendMixes(context, [
    [supervisor, toSupervisor],
    [customer, toCustomer],
  ]);
  if (!sent.ok) return err('internal', `The supervision audio could not be mixed (${sent.error.message}).`);
  const [supervisorTrack, customerTrack] = sent.value;

  let ended = false;
  return ok({
    setMode,
    replaceMicrophone: (track) => source.replace(track),
    async end() {
      if (ended) return;
      ended = true;
      await restore([customer]);
      supervisorTrack.stop();
      customerTrack.stop();
      await context.close().catch(() => undefined);
    },
  });
};
