/**
 * The transferor's side of a transfer: send REFER (to a URI for blind, to the consultation
 * session for attended, which SIP.js turns into Refer-To with Replaces) and follow the NOTIFYs
 * that report how the transferee's new call went (RFC 3515 sipfrag bodies).
 */
import type { Session, URI } from 'sip.js';

export interface ReferHooks {
  /** 202 Accepted: the transferee is trying. */
  onAccepted(): void;
  /** REFER refused, or the transferee's new call failed: the call stays with us. */
  onFailed(reason: string): void;
  /** The transferee's new call was answered (sipfrag 2xx): time to leave the call. */
  onLanded(): void;
}

function sipfragStatus(body: string): number {
  const status = /^SIP\/2\.0\s+(\d{3})/.exec(body)?.[1];
  return status ? Number(status) : 0;
}

/** Resolves once the REFER itself is answered; landing or failing later is reported through hooks. */
export function sendRefer(session: Session, target: Session | URI, extraHeaders: readonly string[], hooks: ReferHooks): Promise<{ accepted: true } | { accepted: false; reason: string }> {
  return new Promise((resolve) => {
    session
      .refer(target, {
        requestOptions: { extraHeaders: [...extraHeaders] },
        requestDelegate: {
          onAccept: () => {
            hooks.onAccepted();
            resolve({ accepted: true });
          },
          onReject: (response) => {
            const reason = `The transfer was refused (${response.message.statusCode ?? 'no code'}).`;
            hooks.onFailed(reason);
            resolve({ accepted: false, reason });
          },
        },
        onNotify: (notification) => {
          void notification.accept();
          const code = sipfragStatus(notification.request.body);
          if (code >= 200 && code < 300) hooks.onLanded();
          else if (code >= 300) hooks.onFailed(`The transfer target did not take the call (${code}).`);
        },
      })
      .catch((error: unknown) => {
        const reason = 'The transfer could not be started.';
        hooks.onFailed(`${reason} ${String(error)}`);
        resolve({ accepted: false, reason });
      });
  });
}
