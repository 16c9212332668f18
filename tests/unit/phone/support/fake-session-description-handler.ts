/**
 * A stand-in for the WebRTC media handler in engine unit tests: it writes minimal SDP that says
 * what a real handler would (sendrecv, or sendonly when holding) and records what the engine asked
 * of the media (tracks on/off, DTMF). Real WebRTC is proven in tests/interop in Chromium.
 */
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions } from 'sip.js';

export class FakeSessionDescriptionHandler implements SessionDescriptionHandler {
  remoteSdp: string | null = null;
  senderEnabled = true;
  receiverEnabled = true;
  dtmfSent = '';
  closed = false;
  /** Every offer or answer asked of the media, in order, with whether it restarted ICE. */
  readonly descriptions: Array<{ hold: boolean; iceRestart: boolean }> = [];
  /** When false, sendDtmf reports "no RTP DTMF sender" so the engine must fall back to INFO. */
  supportsRtpDtmf = true;
  /**
   * When set, the media refuses the call after its answer left, as the browser does with an
   * offer it cannot take behind an answer composed ahead of it.
   */
  refusesAfterAnswer: string | null = null;
  /** When true, the media took the offer with an answer of its own, not the one that left. */
  answersOwnWay = false;
  /** When true, the media is still being set up until the handler is closed (which fails it, as ours does). */
  startsOnlyWhenClosed = false;
  private failOnClose: ((reason: Error) => void) | null = null;

  mediaStarted(): Promise<'as-sent' | 'own-answer'> {
    if (this.refusesAfterAnswer !== null) return Promise.reject(new Error(this.refusesAfterAnswer));
    if (this.startsOnlyWhenClosed) {
      return new Promise((_resolve, reject) => {
        this.failOnClose = reject;
      });
    }
    return Promise.resolve(this.answersOwnWay ? 'own-answer' : 'as-sent');
  }

  close(): void {
    this.closed = true;
    this.failOnClose?.(new Error('the call ended while its media was being set up'));
  }

  async getDescription(options?: SessionDescriptionHandlerOptions): Promise<{ body: string; contentType: string }> {
    // The engine asks for hold the way SIP.js's WebRTC handler understands it: `{ hold: true }`.
    const hold = (options as { hold?: boolean } | undefined)?.hold === true;
    this.descriptions.push({ hold, iceRestart: (options as { offerOptions?: RTCOfferOptions } | undefined)?.offerOptions?.iceRestart === true });
    const direction = hold ? 'sendonly' : 'sendrecv';
    const body = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0 101', `a=${direction}`, ''].join('\r\n');
    return { body, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    this.remoteSdp = sdp;
  }

  sendDtmf(tones: string): boolean {
    if (!this.supportsRtpDtmf) return false;
    this.dtmfSent += tones;
    return true;
  }

  enableSenderTracks(enable: boolean): void {
    this.senderEnabled = enable;
  }

  enableReceiverTracks(enable: boolean): void {
    this.receiverEnabled = enable;
  }
}

/** A factory that remembers the handler it made for each session, so tests can inspect media. */
export function fakeSessionDescriptionHandlerFactory(options: { supportsRtpDtmf?: boolean; refusesAfterAnswer?: string; answersOwnWay?: boolean; startsOnlyWhenClosed?: boolean } = {}): {
  factory: SessionDescriptionHandlerFactory;
  handlers: Map<Session, FakeSessionDescriptionHandler>;
} {
  const handlers = new Map<Session, FakeSessionDescriptionHandler>();
  const factory: SessionDescriptionHandlerFactory = (session) => {
    const handler = new FakeSessionDescriptionHandler();
    handler.supportsRtpDtmf = options.supportsRtpDtmf ?? true;
    handler.refusesAfterAnswer = options.refusesAfterAnswer ?? null;
    handler.answersOwnWay = options.answersOwnWay ?? false;
    handler.startsOnlyWhenClosed = options.startsOnlyWhenClosed ?? false;
    handlers.set(session, handler);
    return handler;
  };
  return { factory, handlers };
}
