/**
 * A phone whose connection leads nowhere, as the SIP server sees it: registered over a WebSocket
 * like our phone, then deaf. It counts the INVITEs that reach it and never answers one (no
 * 100 Trying, no ringing): what a phone whose network changed under it looks like to the server
 * until the phone notices.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface SilentPhone {
  /** INVITEs that reached the phone (each one unanswered). */
  invites(): number;
  close(): void;
}

/** Registers `user@domain` at the SIP server's WebSocket `wsUrl`; resolves once it answered 200. */
export async function registerSilentPhone(wsUrl: string, user: string, domain: string): Promise<SilentPhone> {
  const socket = new WebSocket(wsUrl, 'sip');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let invites = 0;
  let registered: (() => void) | null = null;
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('INVITE ')) invites += 1;
    if (/^SIP\/2\.0 200 /.test(text) && /\r\nCSeq:\s*1 REGISTER\r\n/i.test(text)) registered?.();
  });
  const host = `${randomUUID().slice(0, 12)}.invalid`;
  const register = [
    `REGISTER sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/WS ${host};branch=z9hG4bK-${randomUUID()}`,
    'Max-Forwards: 70',
    `From: <sip:${user}@${domain}>;tag=${randomUUID().slice(0, 8)}`,
    `To: <sip:${user}@${domain}>`,
    `Call-ID: ${randomUUID()}`,
    'CSeq: 1 REGISTER',
    `Contact: <sip:${user}@${host};transport=ws>`,
    'Expires: 300',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the SIP server did not accept ${user}'s registration`)), 5000);
    registered = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.send(register);
  });
  return { invites: () => invites, close: () => socket.close() };
}
