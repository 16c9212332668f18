/**
 * Hold and resume by re-INVITE: SIP.js's WebRTC handler turns `hold` in the re-INVITE options
 * into a sendonly (or inactive) offer, which every PBX and Kamailio+rtpengine understands.
 */
import type { Session } from 'sip.js';

export type HoldOutcome = { outcome: 'accepted' } | { outcome: 'rejected'; statusCode: number } | { outcome: 'failed'; error: string };

type ReInviteOptions = Session['sessionDescriptionHandlerOptionsReInvite'];

function setHoldOption(session: Session, hold: boolean): void {
  session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold } as ReInviteOptions;
}

/** Sends the re-INVITE and resolves with the far end's verdict; a refused hold leaves the option as it was. */
export function sendHoldReInvite(session: Session, hold: boolean): Promise<HoldOutcome> {
  setHoldOption(session, hold);
  return new Promise((resolve) => {
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve({ outcome: 'accepted' }),
          onReject: (response) => {
            setHoldOption(session, !hold);
            resolve({ outcome: 'rejected', statusCode: response.message.statusCode ?? 500 });
          },
        },
      })
      .catch((error: unknown) => {
        setHoldOption(session, !hold);
        resolve({ outcome: 'failed', error: String(error) });
      });
  });
}
