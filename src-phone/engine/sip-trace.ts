/**
 * The SIP messages of the phone's last calls, for IT (a diagnostics export carries them): what
 * SIP.js's transport traces, bounded, handed over when the last call ends. A call's trace starts
 * a few seconds before the phone knew of the call (its INVITE is traced first); older messages
 * from between calls (registrations) are dropped when a call starts.
 */
import type { PhoneEvent } from '../../src-common/phone-contract';

/** A SIP.js transport trace line is a message sent or received; keep-alive notes are not. */
const TRACED = /^(Sending WebSocket message|Received WebSocket (text|binary) message):/;
/**
 * OPTIONS and their answers (the phone's connection check every few seconds, a server's
 * keep-alive pings) are never a call's: kept, a long call's checks would push its INVITE out.
 */
const CONNECTION_CHECK = /\nCSeq:[ \t]*\d+[ \t]+OPTIONS[ \t]*\r?\n/i;
/** Enough for a few calls' messages; the oldest lines go first. */
const MAX_CHARS = 256 * 1024;
/** What was traced this long before a call appeared belongs to it (the INVITE, its 100 Trying). */
const LEAD_MS = 5000;

export class SipTrace {
  private lines: Array<{ atMs: number; text: string }> = [];
  private chars = 0;
  private liveCalls = new Set<string>();

  /** SIP.js log content of category sip.Transport; only messages that can belong to a call are kept. */
  onTransportLog(content: string, at: Date): void {
    if (!TRACED.test(content) || CONNECTION_CHECK.test(content)) return;
    const text = `${at.toISOString()} ${content.trimEnd()}\n`;
    this.lines.push({ atMs: at.getTime(), text });
    this.chars += text.length;
    while (this.chars > MAX_CHARS && this.lines.length > 1) this.chars -= this.lines.shift()?.text.length ?? 0;
  }

  /**
   * Follows the phone's calls; returns the trace when the last call has ended (to be kept for
   * diagnostics), else null.
   */
  onEvent(event: PhoneEvent): string | null {
    if (event.type === 'incoming-call' || (event.type === 'call-updated' && event.call.state !== 'ended')) {
      if (this.liveCalls.size === 0) this.startCall(Date.parse(event.call.startedAt));
      this.liveCalls.add(event.call.id);
      return null;
    }
    if (event.type !== 'call-removed' || !this.liveCalls.delete(event.callId) || this.liveCalls.size > 0) return null;
    return this.lines.map((line) => line.text).join('');
  }

  /** A first call begins: keep only what was traced shortly before it started. */
  private startCall(startedAtMs: number): void {
    const from = (Number.isNaN(startedAtMs) ? Date.now() : startedAtMs) - LEAD_MS;
    this.lines = this.lines.filter((line) => line.atMs >= from);
    this.chars = this.lines.reduce((sum, line) => sum + line.text.length, 0);
  }
}
