/**
 * Submits mail over SMTP with nodemailer. The caller fixes the Message-ID; the sender only
 * says how a try ended: sent, a temporary failure (4xx, connection trouble: try again later)
 * or a permanent one (5xx: trying again cannot help, the agent must know).
 */
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { EmailConfig } from '../../../src-common/email';
import { readMailSecret } from './mail-secrets';

export interface OutgoingMail {
  from: { name: string; address: string };
  replyTo?: string;
  to: string[];
  cc: string[];
  /** Blind copies: in the SMTP envelope only. */
  bcc?: string[];
  subject: string;
  text: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. Auto-Submitted on machine-made mail. */
  headers?: Record<string, string>;
  /** Files read from disk as the mail is written out. */
  attachments?: { filename: string; path: string; contentType: string }[];
}

export type SendOutcome = { kind: 'sent'; response: string } | { kind: 'temporary'; reason: string } | { kind: 'permanent'; reason: string };

export interface MailSender {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL']);

/** Reads nodemailer's error: SMTP reply code first (RFC 5321: 4xx transient, 5xx permanent), else the socket error. */
export function classifySendError(cause: unknown): SendOutcome {
  const error = cause as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (error.response ?? error.message ?? String(cause)).slice(0, 500);
  if (typeof error.responseCode === 'number') {
    return error.responseCode >= 500 ? { kind: 'permanent', reason } : { kind: 'temporary', reason };
  }
  if (error.code && TEMPORARY_CODES.has(error.code)) return { kind: 'temporary', reason };
  // An unknown failure is retried: the attempt limit turns it into a reported failure in the end.
  return { kind: 'temporary', reason };
}

/** The lab's sender has no DKIM (and no auth): only `host`, `port` and `secure` are required. */
type SmtpServer = Pick<EmailConfig['smtp'], 'host' | 'port' | 'secure'> & Partial<Pick<EmailConfig['smtp'], 'user' | 'auth' | 'dkim'>>;

function dkimKey(dkim: NonNullable<EmailConfig['smtp']['dkim']>): { domainName: string; keySelector: string; privateKey: string } {
  try {
    return { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey: readFileSync(dkim.privateKeyFile, 'utf8') };
  } catch (cause) {
    throw new Error(`email.smtp.dkim.privateKeyFile: cannot read ${dkim.privateKeyFile}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export function createSmtpSender(smtp: SmtpServer): MailSender {
  const password = smtp.auth ? readMailSecret(smtp.auth) : null;
  if (password instanceof Error) throw new Error(`email.smtp.auth: ${password.message}`);
  // Read once at start: a key that cannot be read stops the hub with the reason, not a send later.
  const dkim = smtp.dkim ? dkimKey(smtp.dkim) : null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user && password !== null ? { auth: { user: smtp.user, pass: password } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(dkim ? { dkim } : {}),
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          to: mail.to,
          cc: mail.cc,
          ...(mail.bcc?.length ? { bcc: mail.bcc } : {}),
          subject: mail.subject,
          text: mail.text,
          messageId: `<${mail.messageId}>`,
          ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
          ...(mail.references?.length ? { references: mail.references.map((id) => `<${id}>`) } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
          ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, path: a.path, contentType: a.contentType })) } : {}),
        });
        return { kind: 'sent', response: String(info.response ?? '') };
      } catch (cause) {
        return classifySendError(cause);
      }
    },
    close: () => transport.close(),
  };
}
