/**
 * Moving a live call onto a new network path. After the phone's network changed (Wi-Fi to cable,
 * a new address, a route that dropped and came back) both ends still hold the call but its media
 * path leads nowhere. A re-INVITE whose offer restarts ICE makes the browser gather candidates on
 * the network it has now and the far end (rtpengine, a PBX, another browser) check them, so the
 * audio resumes without hanging up; DTLS keys are kept, so no new handshake is needed. The same
 * re-INVITE refreshes the dialog's target: the SIP server learns the phone's new connection, which
 * the far end's re-INVITEs and BYE must now use.
 */
import { SessionState, type Session } from 'sip.js';
import type { PhoneLogger } from './phone-logger';

type ReInviteOptions = Session['sessionDescriptionHandlerOptionsReInvite'];

/** Pauses between tries: a hold re-INVITE may be in flight, or the far end answered 491 (glare). */
const RETRY_DELAYS_MS = [300, 1_000, 3_000];

type Attempt = { outcome: 'accepted' } | { outcome: 'retry'; why: string } | { outcome: 'gave-up'; why: string };

function withoutIceRestart(options: ReInviteOptions): ReInviteOptions {
  const { offerOptions: _dropped, ...rest } = options as ReInviteOptions & { offerOptions?: RTCOfferOptions };
  return rest as ReInviteOptions;
}

function sendOnce(session: Session): Promise<Attempt> {
  // SIP.js keeps the options of the last re-INVITE for the next one (hold, resume): the restart
  // flag is for this offer only, and the hold state already in the options is kept in it.
  const kept = withoutIceRestart(session.sessionDescriptionHandlerOptionsReInvite);
  const restart = { ...kept, offerOptions: { iceRestart: true } } as ReInviteOptions;
  return new Promise<Attempt>((resolve) => {
    session
      .invite({
        sessionDescriptionHandlerOptions: restart,
        requestDelegate: {
          onAccept: () => resolve({ outcome: 'accepted' }),
          onReject: (response) => {
            const code = response.message.statusCode ?? 500;
            // 491: both ends re-INVITEd at once; 500 with Retry-After / 503: the far end is busy.
            resolve(code === 491 || code === 500 || code === 503 ? { outcome: 'retry', why: `${code}` } : { outcome: 'gave-up', why: `${code} ${response.message.reasonPhrase}` });
          },
        },
      })
      .catch((error: unknown) => resolve({ outcome: 'retry', why: String(error) }));
  }).finally(() => {
    session.sessionDescriptionHandlerOptionsReInvite = withoutIceRestart(session.sessionDescriptionHandlerOptionsReInvite);
  });
}

/**
 * Sends the ICE-restart re-INVITE, retrying while another re-INVITE is pending or on glare.
 * Resolves true once the far end accepted it; false if the call ended or the far end refused.
 */
export async function restartCallMedia(session: Session, logger: PhoneLogger, sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<boolean> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    if (session.state !== SessionState.Established) return false;
    const result = await sendOnce(session);
    if (result.outcome === 'accepted') {
      logger.log('info', 'the far end accepted the call\'s new media path', { ms: Date.now() - started, attempts: attempt + 1 });
      return true;
    }
    const delay = RETRY_DELAYS_MS[attempt];
    if (result.outcome === 'gave-up' || delay === undefined) {
      logger.log('warn', 'the call\'s media could not be moved to the new network', { why: result.why, attempts: attempt + 1 });
      return false;
    }
    logger.log('debug', 'media restart re-INVITE will be retried', { why: result.why, delayMs: delay });
    await sleep(delay);
  }
}
