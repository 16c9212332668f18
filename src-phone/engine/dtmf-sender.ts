/**
 * Sends DTMF on an established call. RFC 4733 (telephone-event in RTP, through the browser's
 * RTCDTMFSender) is what gateways and IVRs expect; SIP INFO (application/dtmf-relay) is for
 * servers that only read signalling. When RFC 4733 is configured but the media path cannot carry
 * it (no DTMF sender, telephone-event not negotiated), INFO is used instead and logged, so the
 * digits still reach the far end.
 */
import type { Session } from 'sip.js';
import type { DtmfMode } from '../../src-common/phone-contract';
import type { PhoneLogger } from './phone-logger';

const PAUSE_MS = 500;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function sendInfoDigit(session: Session, digit: string, durationMs: number): Promise<void> {
  await session.info({
    requestOptions: {
      body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=${durationMs}\r\n` },
    },
  });
}

/** Returns how the digits were sent. Throws only when neither way could send them. */
export async function sendDtmfDigits(
  session: Session,
  digits: string,
  options: { mode: DtmfMode; durationMs: number; logger: PhoneLogger },
): Promise<DtmfMode> {
  if (options.mode === 'rfc4733') {
    const sdh = session.sessionDescriptionHandler;
    if (sdh && sdh.sendDtmf(digits, { duration: options.durationMs, interToneGap: 70 })) return 'rfc4733';
    options.logger.log('warn', 'RFC 4733 DTMF unavailable on this call; falling back to SIP INFO');
  }
  for (const digit of digits) {
    if (digit === ',') await pause(PAUSE_MS);
    else await sendInfoDigit(session, digit, options.durationMs);
  }
  return 'info';
}
