/**
 * Which conversation a mail joins, and which mail no automatic answer may go to.
 */
import { describe, expect, it } from 'vitest';
import { automatedReason, bouncedMessageId, bounceReport } from '../../../src-hub/channels/email/automated-mail';
import { replyReferences, replySubject, tokenFromAddress, tokenFromSubject } from '../../../src-hub/channels/email/message-ids';
import type { ParsedEmail } from '../../../src-hub/channels/email/parse-mail';
import { matchThread, type ThreadRef } from '../../../src-hub/channels/email/threading';

const THREAD: ThreadRef = { id: 't1', customerAddress: 'lucia@example.test' };
const OTHER: ThreadRef = { id: 't2', customerAddress: 'pau@example.test' };
const byMessageId = new Map([['sent.1@hub', THREAD], ['root.0@cust', THREAD], ['other.9@hub', OTHER]]);
const byToken = new Map([['abcdefghjk', THREAD]]);
const lookups = { threadOfMessageId: (id: string) => byMessageId.get(id) ?? null, threadOfToken: (t: string) => byToken.get(t) ?? null };

function mail(overrides: Partial<ParsedEmail>): ParsedEmail {
  return { messageId: 'm@x', from: 'lucia@example.test', fromName: '', to: ['support@example.test'], cc: [], replyTo: [], subject: 'Hola', text: '', html: null, inReplyTo: null, references: [], attachments: [], inlineImages: [], automated: null, bouncedMessageId: null, bounceReport: null, warning: null, ...overrides };
}

describe('matchThread', () => {
  it('follows In-Reply-To first, whoever sends it (a forward answered by a colleague)', () => {
    expect(matchThread(mail({ from: 'colleague@example.test', inReplyTo: 'sent.1@hub' }), 'support@example.test', lookups)).toEqual({ thread: THREAD, by: 'in-reply-to' });
  });

  it('falls back to the newest known id in References when In-Reply-To is unknown', () => {
    expect(matchThread(mail({ inReplyTo: 'unknown@x', references: ['root.0@cust', 'other.9@hub'] }), 'support@example.test', lookups)).toEqual({ thread: OTHER, by: 'references' });
  });

  it('uses the Reply-To plus-address token when the client dropped the headers', () => {
    expect(matchThread(mail({ to: ['Support+ABCDEFGHJK@example.test'] }), 'support@example.test', lookups)).toEqual({ thread: THREAD, by: 'reply-to-token' });
  });

  it('uses the subject token when the headers and the plus-address are gone', () => {
    expect(matchThread(mail({ subject: 'Otra cosa [#abcdefghjk]' }), 'support@example.test', lookups)).toEqual({ thread: THREAD, by: 'subject-token' });
  });

  it('refuses a token copied by someone who is not the thread’s customer', () => {
    expect(matchThread(mail({ from: 'intruder@example.test', subject: 'Re: x [#abcdefghjk]', to: ['support+abcdefghjk@example.test'] }), 'support@example.test', lookups)).toBeNull();
  });

  it('attaches a bounce to the thread of the mail that bounced', () => {
    expect(matchThread(mail({ from: 'mailer-daemon@example.test', bouncedMessageId: 'sent.1@hub' }), 'support@example.test', lookups)).toEqual({ thread: THREAD, by: 'bounce' });
  });

  it('starts a new thread for a new mail', () => {
    expect(matchThread(mail({}), 'support@example.test', lookups)).toBeNull();
  });
});

describe('reply headers', () => {
  it('keeps one Re: and one token in the subject', () => {
    expect(replySubject('RE: Re: Factura [#abcdefghjk]', 'abcdefghjk')).toBe('Re: Factura [#abcdefghjk]');
  });
  it('builds References as the parent’s References plus the parent', () => {
    expect(replyReferences(['a@x', 'b@x'], 'c@x')).toEqual(['a@x', 'b@x', 'c@x']);
  });
  it('reads tokens only from our own mailbox’s plus-addresses', () => {
    expect(tokenFromAddress('support+abcdefghjk@example.test', 'support@example.test')).toBe('abcdefghjk');
    expect(tokenFromAddress('sales+abcdefghjk@example.test', 'support@example.test')).toBeNull();
    expect(tokenFromSubject('no token here')).toBeNull();
  });
});

describe('automatedReason', () => {
  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] });
  it('marks auto-replies, bulk and list mail, and mailer daemons', () => {
    expect(automatedReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@x.test')).toBe('auto-submitted');
    expect(automatedReason(headers({ precedence: 'bulk' }), 'a@x.test')).toBe('bulk');
    expect(automatedReason(headers({ 'list-id': '<news.x.test>' }), 'a@x.test')).toBe('list');
    expect(automatedReason(headers({}), 'MAILER-DAEMON@x.test')).toBe('mailer-daemon');
    expect(automatedReason(headers({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="b"' }), 'a@x.test')).toBe('bounce');
  });
  it('lets a person’s mail (Auto-Submitted: no) be answered', () => {
    expect(automatedReason(headers({ 'auto-submitted': 'no' }), 'lucia@example.test')).toBeNull();
  });
  it('finds the bounced Message-ID in the returned headers', () => {
    expect(bouncedMessageId(['Received: x\r\nMessage-ID:\r\n <sent.1@hub>\r\nSubject: y'])).toBe('sent.1@hub');
  });
});

describe('bounceReport', () => {
  it('names each failed recipient with its status and the server’s words, and skips delayed ones', () => {
    const report = [
      'Reporting-MTA: dns; mx.example.es',
      '',
      'Final-Recipient: rfc822; maria@example.es',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user',
      '  unknown',
      '',
      'Final-Recipient: rfc822; jordi@example.es',
      'Action: delayed',
      'Status: 4.4.1',
    ].join('\r\n');
    expect(bounceReport([report])).toBe('maria@example.es: 5.1.1 (smtp; 550 5.1.1 user unknown)');
    expect(bounceReport(['Hola, esto no es un informe.'])).toBeNull();
  });
});
