/**
 * What an INVITE or an SDP body says beyond SIP.js's own model: auto-answer requests, the hub's
 * work-item id, and whether the far end is holding us. Pure string work, unit-tested.
 */
import type { AutoAnswerHint } from '../../src-common/call';
import type { IncomingCallInfo } from '../../src-common/phone-contract';

/** Header the SIP server adds after asking the hub, so the call and its offer are one. */
export const ITEM_HEADER = 'X-Centralita-Item';

const MAX_AUTO_ANSWER_DELAY_MS = 60_000;

function clampDelay(seconds: number): number {
  return Math.min(Math.max(0, Math.round(seconds * 1000)), MAX_AUTO_ANSWER_DELAY_MS);
}

/**
 * Reads the auto-answer conventions phones and PBXs actually use:
 * - `Call-Info: <uri>;answer-after=N` (Broadsoft, Polycom, Asterisk paging),
 * - `Alert-Info: <uri>;info=alert-autoanswer` / `info=auto-answer` / `;answer-after=N` / `Auto Answer`
 *   (Yealink, Grandstream, Snom; optional `;delay=N`),
 * - `Answer-Mode: Auto` (RFC 5373).
 */
export function autoAnswerFromHeaders(headers: {
  callInfo: string | null;
  alertInfo: string | null;
  answerMode: string | null;
}): AutoAnswerHint | null {
  const callInfo = headers.callInfo?.toLowerCase() ?? '';
  const answerAfter = /answer-after\s*=\s*(\d+(?:\.\d+)?)/.exec(callInfo);
  if (answerAfter) return { source: 'call-info', delayMs: clampDelay(Number(answerAfter[1])) };

  const alertInfo = headers.alertInfo?.toLowerCase() ?? '';
  if (alertInfo) {
    const alertAnswerAfter = /answer-after\s*=\s*(\d+(?:\.\d+)?)/.exec(alertInfo);
    if (alertAnswerAfter) return { source: 'alert-info', delayMs: clampDelay(Number(alertAnswerAfter[1])) };
    if (/info\s*=\s*(alert-autoanswer|auto-answer|autoanswer)\b/.test(alertInfo) || /^\s*auto\s*answer\s*$/.test(alertInfo)) {
      const delay = /delay\s*=\s*(\d+(?:\.\d+)?)/.exec(alertInfo);
      return { source: 'alert-info', delayMs: delay ? clampDelay(Number(delay[1])) : 0 };
    }
  }

  if (headers.answerMode && /^\s*auto\b/i.test(headers.answerMode)) return { source: 'answer-mode', delayMs: 0 };
  return null;
}

/** Reads the incoming-call facts the UI and the hub link need from an INVITE's headers. */
export function incomingCallInfo(getHeader: (name: string) => string | undefined, honourAutoAnswerHeaders: boolean): IncomingCallInfo {
  const callInfo = getHeader('Call-Info') ?? null;
  const alertInfo = getHeader('Alert-Info') ?? null;
  const answerMode = getHeader('Answer-Mode') ?? null;
  const item = getHeader(ITEM_HEADER)?.trim() ?? '';
  return {
    itemId: /^[\w.:-]{1,128}$/.test(item) ? item : null,
    autoAnswer: honourAutoAnswerHeaders ? autoAnswerFromHeaders({ callInfo, alertInfo, answerMode }) : null,
    callInfo: callInfo?.slice(0, 1000) ?? null,
    alertInfo: alertInfo?.slice(0, 1000) ?? null,
    assertedIdentity: getHeader('P-Asserted-Identity')?.slice(0, 500) ?? null,
  };
}

/**
 * True when an SDP offer puts us on hold: every audio stream is sendonly or inactive, or the
 * connection address is 0.0.0.0 (RFC 2543 style hold that old PBXs still send).
 */
export function sdpPutsUsOnHold(sdp: string): boolean {
  const lines = sdp.split(/\r?\n/);
  let sessionDirection = 'sendrecv';
  let inMedia = false;
  let holdingAudio = 0;
  let audioStreams = 0;
  let current: { audio: boolean; direction: string | null; zeroAddress: boolean } | null = null;
  let sessionZeroAddress = false;
  const close = (): void => {
    if (current?.audio) {
      audioStreams += 1;
      const direction = current.direction ?? sessionDirection;
      if (direction === 'sendonly' || direction === 'inactive' || current.zeroAddress || sessionZeroAddress) holdingAudio += 1;
    }
  };
  for (const line of lines) {
    if (line.startsWith('m=')) {
      close();
      inMedia = true;
      current = { audio: line.startsWith('m=audio'), direction: null, zeroAddress: false };
      continue;
    }
    const direction = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line)?.[1];
    if (direction) {
      if (inMedia && current) current.direction = direction;
      else sessionDirection = direction;
    }
    if (/^c=IN IP4 0\.0\.0\.0\s*$/.test(line)) {
      if (inMedia && current) current.zeroAddress = true;
      else sessionZeroAddress = true;
    }
  }
  close();
  return audioStreams > 0 && holdingAudio === audioStreams;
}

/** The user part of a SIP URI: the number a PSTN caller dialled from. */
export function userPartOf(uri: string): string {
  const match = /^sips?:([^@;?]+)@/.exec(uri);
  return match ? decodeURIComponent(match[1]) : uri;
}

/**
 * The digit of a SIP INFO carrying DTMF: `application/dtmf-relay` ("Signal=5\r\nDuration=160")
 * or `application/dtmf` (the digit alone). Null for anything else or a malformed body.
 */
export function dtmfFromInfo(contentType: string | undefined, body: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const text = body ?? '';
  const digit = type === 'application/dtmf-relay' ? /^\s*signal\s*=\s*(\S+)/im.exec(text)?.[1] : type === 'application/dtmf' ? text.trim() : undefined;
  if (!digit) return null;
  const normalised = digit === '10' ? '*' : digit === '11' ? '#' : digit.toUpperCase();
  return /^[0-9A-D*#]$/.test(normalised) ? normalised : null;
}
