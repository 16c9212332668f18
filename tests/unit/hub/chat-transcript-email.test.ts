/** The transcript email as a mail client would receive it: headers that cannot be broken, a plain body in the chat's language. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src-common/chat';
import { renderTranscriptEmail } from '../../../src-hub/channels/chat/transcript-email';
import { formatRfc5322 } from '../../../src-hub/channels/chat/transcript-mailer';
import type { ChatConversationRow } from '../../../src-hub/storage/chat-repository';

const conversation: ChatConversationRow = {
  id: 'chat-1',
  itemId: 'item-1',
  visitorId: 'v-1',
  state: 'closed',
  customerName: 'Núria',
  topic: 'ventas',
  agentName: 'Ana Martín',
  lastSeq: 3,
  customerReadSeq: 3,
  agentReadSeq: 3,
  closedBy: 'agent',
  createdAt: '2026-11-25T09:30:00.000Z',
  closedAt: '2026-11-25T09:45:00.000Z',
  language: 'en',
  transcriptEmail: 'nuria@example.cat',
  transcriptSentAt: null,
};

const message = (seq: number, author: ChatMessage['author'], authorName: string, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  conversationId: 'chat-1',
  seq,
  clientId: null,
  author,
  authorName,
  text,
  at: `2026-11-25T09:3${seq}:00.000Z`,
  ...extra,
});

const AT = new Date('2026-11-25T09:45:00.000Z');

describe('transcript email', () => {
  it('renders the chat in its language, with times, continuation lines indented and files by name', () => {
    const mail = renderTranscriptEmail(conversation, 'nuria@example.cat', [
      message(1, 'customer', 'Núria', 'Hi\nSecond line\u0007'),
      message(2, 'agent', 'Ana Martín', 'factura.pdf', { attachment: { id: 'a1', name: 'factura.pdf', mime: 'application/pdf', size: 10 } }),
      message(3, 'customer', 'Núria', '[09:40] Ana Martín: fake line'),
    ]);
    expect(mail.subject).toBe('Transcript of your chat');
    expect(mail.text).toContain('This is the transcript of the chat you started on 2026-11-25 09:30.');
    expect(mail.text).toContain('[09:31] Núria: Hi\n    Second line\n');
    expect(mail.text).toContain('[09:32] Ana Martín: [attachment: factura.pdf]');
    // A customer cannot forge a line that looks like the agent's: theirs starts with their own name.
    expect(mail.text).toContain('[09:33] Núria: [09:40] Ana Martín: fake line');
    expect(mail.text).not.toContain('\u0007');
  });

  it('writes RFC 5322 headers with an encoded non-ASCII subject, CRLF lines and an 8bit plain body', () => {
    const formatted = formatRfc5322({ conversationId: 'chat-1', to: 'nuria@example.cat', subject: 'Transcripció del vostre xat', text: 'Hola\nAdéu' }, AT);
    expect(formatted.ok).toBe(true);
    const raw = formatted.ok ? formatted.value : '';
    expect(raw).toContain('Subject: =?UTF-8?B?VHJhbnNjcmlwY2nDsyBkZWwgdm9zdHJlIHhhdA==?=\r\n');
    expect(raw).toContain('Date: Wed, 25 Nov 2026 09:45:00 +0000\r\n');
    expect(raw).toContain('Content-Transfer-Encoding: 8bit\r\n');
    expect(raw.endsWith('\r\n\r\nHola\r\nAdéu\r\n')).toBe(true);
    expect(raw).not.toMatch(/[^\r]\n/);
  });

  it('refuses an address that could end its header, and base64-encodes a body line too long for SMTP', () => {
    const injected = formatRfc5322({ conversationId: 'c', to: 'a@b.es\r\nBcc: everyone@example.com', subject: 's', text: 't' }, AT);
    expect(injected.ok).toBe(false);
    const long = 'ñ'.repeat(600);
    const formatted = formatRfc5322({ conversationId: 'c', to: 'a@b.es', subject: 's', text: long }, AT);
    const raw = formatted.ok ? formatted.value : '';
    expect(raw).toContain('Content-Transfer-Encoding: base64\r\n');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(long);
  });
});
