/**
 * Answering a ringing call, for customer calls and supervision calls alike. A prepared handler
 * sends an answer it composed itself before the browser has taken the offer
 * (phone-media-handler.ts), so answering is not over when the 200 OK leaves:
 *  - when the browser refuses the offer itself, the call has no media: it is hung up and the
 *    answer fails with the cause, instead of a connected call nobody can hear;
 *  - when it refuses only the composed text and answers its own way, the far end holds an answer
 *    the browser does not use: once the caller's ACK is in (RFC 3261 forbids a re-INVITE before
 *    it), the call re-INVITEs with the browser's own offer, the same re-INVITE that moves a call
 *    to a new network path (ice-restart.ts), and goes on.
 */
import { SessionState, type Invitation, type SessionDescriptionHandler } from 'sip.js';
import { AUDIO_ONLY, type CallEntry, type CallTable } from './call-table';
import { restartCallMedia } from './ice-restart';
import type { PhoneLogger } from './phone-logger';
import type { MediaStart } from './phone-media-handler';

/** A handler whose answer may leave before the browser took the offer. */
interface ReportsMediaStart {
  mediaStarted(): Promise<MediaStart>;
}

function reportsMediaStart(sdh: SessionDescriptionHandler | undefined): sdh is SessionDescriptionHandler & ReportsMediaStart {
  return typeof (sdh as Partial<ReportsMediaStart> | undefined)?.mediaStarted === 'function';
}

/** The answer left but the browser refused the offer behind it: the call was hung up. */
export class AnswerRefusedError extends Error {}

/** Re-INVITEs with the browser's own offer once the call is connected (the ACK is in), unless it ended first. */
function offerOwnAnswerOnceConnected(entry: CallEntry, invitation: Invitation, table: CallTable, logger: PhoneLogger): void {
  const offer = (): void => {
    logger.log('warn', 'the browser answered this call its own way after the composed answer left; offering its description to the far end', { callId: entry.call.id });
    void restartCallMedia(invitation, logger);
  };
  if (entry.call.state === 'active') return offer();
  if (entry.call.state === 'ending' || entry.call.state === 'ended') return;
  const stop = table.onEvent((event) => {
    if (event.type !== 'call-updated' || event.call.id !== entry.call.id) return;
    if (event.call.state === 'active') {
      stop();
      offer();
    } else if (event.call.state === 'ended') stop();
  });
}

/** Answers the call's INVITE and settles once its media has started (see the top of this file). */
export async function answerCall(entry: CallEntry, invitation: Invitation, table: CallTable, logger: PhoneLogger): Promise<void> {
  await invitation.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
  const sdh = invitation.sessionDescriptionHandler;
  if (!reportsMediaStart(sdh)) return;
  let started: MediaStart;
  try {
    started = await sdh.mediaStarted();
  } catch (error) {
    // Hung up (by either side) while the browser was still at it: nothing failed that the agent must hear of.
    if (invitation.state === SessionState.Terminating || invitation.state === SessionState.Terminated) return;
    // Not awaited: a BYE waits for its answer (up to 32 s), and SIP.js throws at once in some dialog states.
    void Promise.resolve()
      .then(() => invitation.bye())
      .catch(() => undefined);
    const cause = error instanceof Error ? error.message : String(error);
    throw new AnswerRefusedError(`the browser refused the call's media after the answer had left (${cause})`, { cause: error });
  }
  if (started === 'own-answer') offerOwnAnswerOnceConnected(entry, invitation, table, logger);
}
