/**
 * The email channel's contracts: its part of the hub configuration (IMAP mailboxes per queue,
 * SMTP for sending), the desktop operations on an email thread, and the events an agent's
 * desktop receives about its emails.
 */
import { z } from 'zod';
import { ChatAttachmentType } from './chat';

/** An address as the config writes it; normalised by the hub with normaliseEmail. */
const Address = z.string().trim().min(3).max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'an email address (name@domain)');
const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'an environment variable name (A-Z, 0-9, _)');

/**
 * A mail server password, never written in the config in production: the name of an
 * environment variable or a file (mode 0600) that holds it. `password` is for lab files only.
 */
export const MailSecret = z
  .object({
    password: z.string().min(1).max(512).optional(),
    passwordEnv: EnvName.optional(),
    passwordFile: z.string().min(1).max(1024).optional(),
  })
  .strict()
  .refine((s) => [s.password, s.passwordEnv, s.passwordFile].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of password, passwordEnv or passwordFile',
  });
export type MailSecret = z.infer<typeof MailSecret>;

const MailServer = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    /** true: TLS from the first byte (IMAPS 993, SMTPS 465); false: plain, upgraded with STARTTLS when offered. */
    secure: z.boolean().default(true),
    user: z.string().min(1).max(320).optional(),
    auth: MailSecret.optional(),
  })
  .strict();

export const EmailMailbox = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a lower-case id (letters, digits, - or _)'),
    /** The email queue new mail of this mailbox goes to. */
    queueId: z.string().min(1),
    imap: MailServer.extend({ user: z.string().min(1).max(320) }),
    folder: z.string().min(1).max(255).default('INBOX'),
    /**
     * After a message is stored and turned into work: `flag` adds the keyword
     * $CentralitaTaken (the mail stays where it is), `move` moves it to `moveTo`.
     */
    afterIntake: z.enum(['flag', 'move']).default('flag'),
    moveTo: z.string().min(1).max(255).optional(),
    /** The customer-facing address of this queue: replies go out From it; plus-addressed Reply-To carries the thread token. */
    address: Address,
    displayName: z.string().min(1).max(200).optional(),
    /** Polling period used when IDLE is unavailable or silent; IDLE normally reports new mail at once. */
    pollSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict()
  .refine((m) => m.afterIntake !== 'move' || m.moveTo !== undefined, { message: 'afterIntake "move" needs moveTo', path: ['moveTo'] });
export type EmailMailbox = z.infer<typeof EmailMailbox>;

export const EmailConfig = z
  .object({
    mailboxes: z.array(EmailMailbox).min(1),
    /** Where replies and chat transcripts are submitted. */
    smtp: MailServer.extend({
      /**
       * Signs every outgoing mail (replies, transcripts) with DKIM, so receivers can check it
       * is ours; publish the public key at `<keySelector>._domainkey.<domainName>`.
       */
      dkim: z
        .object({
          domainName: z.string().min(1).max(255),
          keySelector: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a DNS label (letters, digits, . - _)'),
          /** The private key (PEM) in a file the hub's user can read. */
          privateKeyFile: z.string().min(1),
        })
        .strict()
        .optional(),
    }),
    /** Attempts of a reply that meets temporary SMTP failures before the agent is told it failed. */
    maxSendAttempts: z.number().int().min(1).max(50).default(8),
  })
  .strict();
export type EmailConfig = z.infer<typeof EmailConfig>;

/** What the intake and the replies need of a mailbox: one of `email.mailboxes`, or the lab's. */
export type QueueMailbox = Pick<EmailMailbox, 'id' | 'queueId' | 'address' | 'displayName'>;

/** The mailbox id of lab mail's queue address in stored messages; no `email` mailbox may take it. */
export const LAB_MAILBOX_ID = 'lab';

/**
 * Lab mail (`labMail`): the hub runs its own SMTP server on loopback, so the lab has email both
 * ways with no mail server. Mail to `address` (or its plus-addressed form) becomes work for
 * `queueId`, like mail fetched over IMAP; every other recipient is a customer whose mailbox the
 * hub keeps in memory and shows at /lab/mail. Lab only: it needs `lab: true`.
 */
export const LabMailConfig = z
  .object({
    /** The email queue mail to `address` goes to. */
    queueId: z.string().min(1),
    /** The queue's address in the lab: customers write to it; replies go out From it. */
    address: Address,
    displayName: z.string().min(1).max(200).optional(),
  })
  .strict();
export type LabMailConfig = z.infer<typeof LabMailConfig>;

/** Lab mail over HTTP: the customers' mailboxes as a page, and as JSON with where to submit mail. */
export const LAB_MAIL_PAGE_PATH = '/lab/mail';
export const LAB_MAIL_API_PATH = '/api/lab/mail';

/** Problems of the email section that need the rest of the config (queue ids, lab flag). */
export function emailConfigIssues(
  email: EmailConfig | undefined,
  queues: readonly { id: string; channel: string }[],
  lab: boolean,
): { path: PropertyKey[]; message: string }[] {
  if (!email) return [];
  const issues: { path: PropertyKey[]; message: string }[] = [];
  const ids = new Set<string>();
  email.mailboxes.forEach((m, i) => {
    if (ids.has(m.id)) issues.push({ path: ['email', 'mailboxes', i, 'id'], message: `duplicate id "${m.id}"` });
    ids.add(m.id);
    const queue = queues.find((q) => q.id === m.queueId);
    if (!queue || queue.channel !== 'email') issues.push({ path: ['email', 'mailboxes', i, 'queueId'], message: `"${m.queueId}" is not an email queue` });
    if (m.imap.auth?.password !== undefined && !lab) issues.push({ path: ['email', 'mailboxes', i, 'imap', 'auth', 'password'], message: 'a plaintext password is allowed only with "lab: true"; use passwordEnv or passwordFile' });
  });
  if (email.smtp.auth?.password !== undefined && !lab) issues.push({ path: ['email', 'smtp', 'auth', 'password'], message: 'a plaintext password is allowed only with "lab: true"; use passwordEnv or passwordFile' });
  return issues;
}

/** Problems of the lab mail section that need the rest of the config (lab flag, queue ids, real mailboxes). */
export function labMailConfigIssues(
  labMail: LabMailConfig | undefined,
  email: EmailConfig | undefined,
  queues: readonly { id: string; channel: string }[],
  lab: boolean,
): { path: PropertyKey[]; message: string }[] {
  if (!labMail) return [];
  const issues: { path: PropertyKey[]; message: string }[] = [];
  if (!lab) issues.push({ path: ['labMail'], message: 'lab mail (the hub\'s own SMTP server for customers\' mail) is for the lab only: it needs "lab: true"; production uses "email" with real IMAP and SMTP servers' });
  const queue = queues.find((q) => q.id === labMail.queueId);
  if (!queue || queue.channel !== 'email') issues.push({ path: ['labMail', 'queueId'], message: `"${labMail.queueId}" is not an email queue` });
  email?.mailboxes.forEach((m, i) => {
    // Stored mail is keyed by mailbox id, and a thread's replies go out through its mailbox: two owners of one id or address would mix them.
    if (m.id === LAB_MAILBOX_ID) issues.push({ path: ['email', 'mailboxes', i, 'id'], message: `"${LAB_MAILBOX_ID}" is the mailbox id of lab mail; choose another` });
    if (m.address.toLowerCase() === labMail.address.toLowerCase()) issues.push({ path: ['labMail', 'address'], message: `"${labMail.address}" is also the address of email mailbox "${m.id}"` });
  });
  return issues;
}

// ---- desktop side ----

export const EMAIL_MAX_TEXT = 100_000;
export const EmailDeliveryState = z.enum(['queued', 'sending', 'sent', 'failed']);
export type EmailDeliveryState = z.infer<typeof EmailDeliveryState>;

export const EmailAttachmentInfo = z.object({
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int().min(0),
  /** Content-ID of an inline part (cid: image), without the angle brackets. */
  contentId: z.string().nullable(),
  inline: z.boolean(),
});
export type EmailAttachmentInfo = z.infer<typeof EmailAttachmentInfo>;

/**
 * Whether the sender is who the From line says (DKIM, SPF, DMARC): verified; could not be
 * verified (no signature, no policy, no DNS); or failed (the domain's own policy says it is not
 * theirs). `detail` is the raw results, for the curious and for IT.
 */
export const SenderCheck = z.object({ result: z.enum(['verified', 'unverified', 'failed']), detail: z.string().max(300) });
export type SenderCheck = z.infer<typeof SenderCheck>;

/**
 * One message of a thread as the agent's desktop sees it. HTML has been cut to an allow-list by
 * the hub and is still untrusted: the desktop sanitises it again before showing it.
 */
export const EmailMessageView = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  messageId: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  /** Outgoing: its blind copies, shown to the agents only. */
  bcc: z.array(z.string()).default([]),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(EmailAttachmentInfo),
  /** Set when the message could not be read fully (kept raw): what the agent should know. */
  warning: z.string().nullable(),
  /** Why no automatic answer goes to this message (auto-reply, list mail, bounce), if so. */
  automated: z.string().nullable(),
  at: z.string(),
  /** Outgoing messages only. */
  delivery: EmailDeliveryState.nullable(),
  deliveryError: z.string().nullable(),
  authorId: z.string().nullable(),
  /** Incoming messages: the sender check, when it ran. */
  senderCheck: SenderCheck.nullable().default(null),
  /**
   * Incoming: the sender failed the check (or could not be verified) while writing from the
   * address of a customer we already knew: the agent is warned before they trust it.
   */
  claimsKnownCustomer: z.boolean().default(false),
  /** Outgoing messages: the desktop's key of the reply (its draft's), so the desktop knows its pending copy arrived. */
  clientId: z.string().nullable().default(null),
});
export type EmailMessageView = z.infer<typeof EmailMessageView>;

export const EmailThreadView = z.object({
  threadId: z.string(),
  itemId: z.string(),
  customerId: z.string().nullable(),
  subject: z.string(),
  /** The queue's own address (replies come from it): what "reply all" leaves out. */
  mailboxAddress: z.string().nullable().default(null),
  /** Oldest first; the desktop chooses how to order them. */
  messages: z.array(EmailMessageView),
});
export type EmailThreadView = z.infer<typeof EmailThreadView>;

/**
 * Email attachments over HTTP. Upload (a file for a reply): `POST <path>?itemId=…&name=…` with
 * the raw bytes and the desktop's Bearer token, the same size limit and type allow-list as chat
 * files; answers an EmailUpload. Download: `GET <path>/{messageId}/{index}`, the index-th
 * attachment of a stored message (as EmailMessageView lists them), always as a download.
 */
export const EMAIL_ATTACHMENTS_PATH = '/api/email/attachments';
export const EMAIL_UPLOAD_ID = /^eatt-[0-9a-f-]{36}$/;
/** Files per reply; each is also held to the chat file size limit. */
export const EMAIL_MAX_ATTACHMENTS = 10;
export const EmailUpload = z.object({ id: z.string().regex(EMAIL_UPLOAD_ID), name: z.string().max(255), mime: ChatAttachmentType, size: z.number().int().nonnegative() });
export type EmailUpload = z.infer<typeof EmailUpload>;

export const SendEmailReplyParams = z.object({
  itemId: z.string().min(1),
  /** The desktop's key for this reply: asking twice with the same key sends one mail. */
  clientId: z.string().min(8).max(64),
  text: z.string().trim().min(1).max(EMAIL_MAX_TEXT),
  /** Extra recipients (reply all); the customer is always a recipient. */
  cc: z.array(Address).max(50).default([]),
  /** Blind copies: they receive the mail, and no other recipient sees them. */
  bcc: z.array(Address).max(50).default([]),
  /**
   * A forward instead of a reply: the mail goes to these addresses (not to the customer), with
   * the customer's last message below the agent's words. It stays in the thread, so an answer
   * from the colleague or supplier it went to comes back to this conversation.
   */
  forwardTo: z.array(Address).max(50).default([]),
  /** Files uploaded for this reply (EmailUpload ids), attached in this order. */
  attachmentIds: z.array(z.string().regex(EMAIL_UPLOAD_ID)).max(EMAIL_MAX_ATTACHMENTS).default([]),
});

export const EmailDesktopEvent = z.discriminatedUnion('kind', [
  /** A new message in a thread the agent holds (the customer answered, a bounce came back). */
  z.object({ kind: z.literal('email-message'), itemId: z.string(), message: EmailMessageView }),
  /** A reply's delivery moved on (sent, or failed for good with the server's reason). */
  z.object({ kind: z.literal('email-delivery'), itemId: z.string(), message: EmailMessageView }),
]);
export type EmailDesktopEvent = z.infer<typeof EmailDesktopEvent>;
