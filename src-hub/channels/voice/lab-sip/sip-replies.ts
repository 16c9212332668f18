/**
 * Messages the proxy writes itself: responses to a request (RFC 3261 8.2.6: Via, From, To,
 * Call-ID and CSeq copied, a To tag added on final answers), and, for a branch it forwarded, the
 * CANCEL and the hop-by-hop ACK of a non-2xx answer (RFC 3261 9.1, 17.1.1.3).
 */
import { randomBytes } from 'node:crypto';
import { SipFrame } from './sip-message';

export const SERVER_HEADER = 'Centralita lab SIP proxy';

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  483: 'Too Many Hops',
  487: 'Request Terminated',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  513: 'Message Too Large',
};

export function newTag(): string {
  return randomBytes(8).toString('hex');
}

export interface ReplyOptions {
  /** Reason phrase; default the standard one. */
  reason?: string;
  /** To tag to add when the request's To has none. */
  toTag?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
}

/** A response to `request` (its frame), as text. */
export function replyTo(request: SipFrame, status: number, options: ReplyOptions = {}): string {
  const reason = (options.reason ?? REASONS[status] ?? 'Unknown').replace(/[\r\n]+/g, ' ');
  const frame = SipFrame.build(`SIP/2.0 ${status} ${reason}`, []);
  for (const via of request.all('via')) frame.append('Via', via);
  frame.append('From', request.get('from') ?? '');
  let to = request.get('to') ?? '';
  if (options.toTag !== undefined && !/;\s*tag=/i.test(to)) to += `;tag=${options.toTag}`;
  frame.append('To', to);
  frame.append('Call-ID', request.get('call-id') ?? '');
  frame.append('CSeq', request.get('cseq') ?? '');
  for (const [name, value] of options.headers ?? []) frame.append(name, value);
  frame.append('Server', SERVER_HEADER);
  return frame.toString();
}

function cseqNumber(frame: SipFrame): string {
  return (frame.get('cseq') ?? '1').trim().split(/\s+/)[0] ?? '1';
}

/** CANCEL for an INVITE the proxy forwarded (same Request-URI, top Via, Call-ID, CSeq number). */
export function cancelFor(forwardedInvite: SipFrame): string {
  const requestUri = forwardedInvite.startLine.split(' ')[1] ?? '';
  const frame = SipFrame.build(`CANCEL ${requestUri} SIP/2.0`, [
    ['Via', forwardedInvite.all('via')[0] ?? ''],
    ['Max-Forwards', '70'],
    ['From', forwardedInvite.get('from') ?? ''],
    ['To', forwardedInvite.get('to') ?? ''],
    ['Call-ID', forwardedInvite.get('call-id') ?? ''],
    ['CSeq', `${cseqNumber(forwardedInvite)} CANCEL`],
  ]);
  for (const route of forwardedInvite.all('route')) frame.append('Route', route);
  return frame.toString();
}

/** The ACK of a non-2xx final answer to an INVITE the proxy forwarded (same branch, answer's To). */
export function ackForFailure(forwardedInvite: SipFrame, responseTo: string): string {
  const requestUri = forwardedInvite.startLine.split(' ')[1] ?? '';
  const frame = SipFrame.build(`ACK ${requestUri} SIP/2.0`, [
    ['Via', forwardedInvite.all('via')[0] ?? ''],
    ['Max-Forwards', '70'],
    ['From', forwardedInvite.get('from') ?? ''],
    ['To', responseTo],
    ['Call-ID', forwardedInvite.get('call-id') ?? ''],
    ['CSeq', `${cseqNumber(forwardedInvite)} ACK`],
  ]);
  for (const route of forwardedInvite.all('route')) frame.append('Route', route);
  return frame.toString();
}

/**
 * ACK and BYE for a 2xx the proxy must not pass on (an agent answered after the caller left, or
 * after another agent): confirms the agent's dialog and ends it at once, so their phone does not
 * stay "connected" to nobody. Sent straight to the agent's contact (we are its only route).
 */
export function ackAndByeFor(forwardedInvite: SipFrame, response: SipFrame, via: (branch: string) => string, branches: () => string): string[] {
  const contact = response.get('contact') ?? '';
  const target = /<([^>]+)>/.exec(contact)?.[1] ?? contact.split(';')[0] ?? '';
  const cseq = Number(cseqNumber(forwardedInvite));
  const build = (method: string, n: number): string =>
    SipFrame.build(`${method} ${target} SIP/2.0`, [
      ['Via', via(branches())],
      ['Max-Forwards', '70'],
      ['From', forwardedInvite.get('from') ?? ''],
      ['To', response.get('to') ?? ''],
      ['Call-ID', forwardedInvite.get('call-id') ?? ''],
      ['CSeq', `${n} ${method}`],
    ]).toString();
  return [build('ACK', cseq), build('BYE', cseq + 1)];
}
