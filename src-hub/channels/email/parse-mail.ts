/**
 * Turns a raw message into what the hub stores and shows. mailparser does the MIME work
 * (multipart, quoted-printable/base64, RFC 2047 words, charsets such as ISO-8859-1 and
 * windows-1252 through iconv-lite, cid parts, attachments). Whatever it cannot read does not
 * stop anything: the headers are read by hand, the raw message stays stored, and the result
 * carries a warning for the agent.
 */
import { z } from 'zod';
import { simpleParser, type AddressObject, type HeaderLines, type ParsedMail } from 'mailparser';
import type { EmailAttachmentInfo } from '../../../src-common/email';
import { normaliseEmail } from '../../../src-common/identity';
import { automatedReason, bouncedMessageId, bounceReport, type AutomatedReason, type HeaderLookup } from './automated-mail';
import { messageIdList, normaliseMessageId } from './message-ids';

export interface ParsedEmail {
  messageId: string | null;
  /** Normalised sender address, '' when there is none that parses. */
  from: string;
  fromName: string;
  to: string[];
  cc: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: EmailAttachmentInfo[];
  /** The raster images the HTML shows by cid:, within INLINE_IMAGE limits. */
  inlineImages: InlineImage[];
  automated: AutomatedReason | null;
  /** For a bounce: the Message-ID of the mail that could not be delivered. */
  bouncedMessageId: string | null;
  /** For a bounce: who could not receive it and why, as the report says (bounceReport). */
  bounceReport: string | null;
  warning: string | null;
}

/**
 * One image the HTML shows by `cid:`, ready to put in its place: Content-ID without angle
 * brackets, lower-case, and its data:image/…;base64,… URL. Stored as JSON beside the message.
 */
export const InlineImage = z.object({ contentId: z.string(), dataUrl: z.string() });
export type InlineImage = z.infer<typeof InlineImage>;

/**
 * Which inline parts are shown, and how much: raster types only (an SVG or an HTML part
 * labelled as an image is never put in a page), each up to 1 MiB, up to 4 MiB per message.
 * Larger ones stay attachments the agent can download.
 */
export const INLINE_IMAGE = { types: ['image/png', 'image/gif', 'image/jpeg', 'image/webp'], maxBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 } as const;

/** Beyond this a message is kept raw without parsing (no mail server passes such mail on). */
export const MAX_PARSE_BYTES = 60 * 1024 * 1024;
/** Stored bodies are cut here; the raw message keeps everything. */
export const MAX_STORED_BODY_CHARS = 2_000_000;
const UNREADABLE = 'This message could not be read completely; it is kept as received.';

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const out: { address: string; name: string }[] = [];
  const walk = (list: { address?: string | undefined; name: string; group?: unknown }[]): void => {
    for (const entry of list) {
      const normalised = entry.address ? normaliseEmail(entry.address) : null;
      if (normalised) out.push({ address: normalised, name: entry.name });
      if (Array.isArray(entry.group)) walk(entry.group as { address?: string; name: string }[]);
    }
  };
  for (const object of Array.isArray(value) ? value : value ? [value] : []) walk(object.value);
  return out;
}

function lookupOver(lines: HeaderLines): HeaderLookup {
  return {
    get(name) {
      const line = lines.find((l) => l.key === name)?.line;
      if (line === undefined) return undefined;
      return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    },
  };
}

function inlineImagesOf(parts: ParsedMail['attachments']): InlineImage[] {
  const images: InlineImage[] = [];
  let total = 0;
  for (const part of parts.slice(0, 1000)) {
    const type = part.contentType.toLowerCase();
    if (!part.contentId || !(INLINE_IMAGE.types as readonly string[]).includes(type)) continue;
    if (part.size > INLINE_IMAGE.maxBytes || total + part.size > INLINE_IMAGE.maxTotalBytes) continue;
    const contentId = normaliseMessageId(part.contentId)?.toLowerCase();
    if (!contentId) continue;
    total += part.size;
    images.push({ contentId, dataUrl: `data:${type};base64,${part.content.toString('base64')}` });
  }
  return images;
}

function cut(text: string): string {
  return text.length > MAX_STORED_BODY_CHARS ? text.slice(0, MAX_STORED_BODY_CHARS) : text;
}

function fromParsed(mail: ParsedMail): ParsedEmail {
  const headers = lookupOver(mail.headerLines);
  const sender = addresses(mail.from)[0];
  const returned = mail.attachments
    .filter((a) => /^(message\/rfc822|text\/rfc822-headers|message\/global-headers)$/i.test(a.contentType))
    .map((a) => a.content.toString('latin1').slice(0, 256 * 1024));
  // mailparser reads a message/delivery-status part into the text; some servers' reports stay parts.
  const deliveryStatus = [
    ...mail.attachments.filter((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType)).map((a) => a.content.toString('utf8')),
    mail.text ?? '',
  ].map((part) => part.slice(0, 64 * 1024));
  const automated = automatedReason(headers, sender?.address ?? '');
  return {
    messageId: normaliseMessageId(mail.messageId),
    from: sender?.address ?? '',
    fromName: sender?.name ?? '',
    to: addresses(mail.to).map((a) => a.address),
    cc: addresses(mail.cc).map((a) => a.address),
    replyTo: addresses(mail.replyTo).map((a) => a.address),
    subject: (mail.subject ?? '').slice(0, 998),
    text: cut(mail.text ?? ''),
    html: typeof mail.html === 'string' ? cut(mail.html) : null,
    inReplyTo: messageIdList(mail.inReplyTo)[0] ?? null,
    references: messageIdList(mail.references).slice(-100),
    attachments: mail.attachments.slice(0, 1000).map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      contentId: a.contentId ? normaliseMessageId(a.contentId) : null,
      inline: a.contentDisposition === 'inline' || Boolean(a.related),
    })),
    inlineImages: inlineImagesOf(mail.attachments),
    automated,
    bouncedMessageId: automated === 'bounce' ? bouncedMessageId(returned) : null,
    bounceReport: automated === 'bounce' ? bounceReport(deliveryStatus) : null,
    warning: mail.attachments.length > 1000 ? `This message has ${mail.attachments.length} parts; only the first 1000 are listed.` : null,
  };
}

/**
 * The header block, unfolded, read without MIME decoding (first 256 KiB): the fallback for mail
 * the parser rejects, and the Message-ID of mail taken over SMTP before it is parsed.
 */
export function readRawHeaders(raw: Buffer): { header: (name: string) => string | undefined; body: string } {
  const head = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  return {
    header: (name) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block)?.[1]?.trim(),
    body: end >= 0 ? head.slice(end).trim() : '',
  };
}

function headerFallback(raw: Buffer, warning: string): ParsedEmail {
  const { header, body } = readRawHeaders(raw);
  const from = normaliseEmail(header('from') ?? '') ?? '';
  const lookup: HeaderLookup = { get: (name) => header(name) };
  return {
    messageId: normaliseMessageId(header('message-id')),
    from,
    fromName: '',
    to: [],
    cc: [],
    replyTo: [],
    subject: (header('subject') ?? '').slice(0, 998),
    text: body.slice(0, 20_000),
    html: null,
    inReplyTo: messageIdList(header('in-reply-to'))[0] ?? null,
    references: messageIdList(header('references')).slice(-100),
    attachments: [],
    inlineImages: [],
    automated: automatedReason(lookup, from),
    bouncedMessageId: null,
    bounceReport: null,
    warning,
  };
}

/** Never rejects: a message that cannot be parsed comes back with its headers and a warning. */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length > MAX_PARSE_BYTES) return headerFallback(raw, UNREADABLE);
  try {
    const parsed = fromParsed(await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepCidLinks: true }));
    // Bytes with no header block or no body the parser recognises: say so rather than show nothing.
    const empty = !parsed.from && !parsed.text.trim() && parsed.html === null && parsed.attachments.length === 0;
    return empty ? { ...parsed, warning: parsed.warning ?? UNREADABLE } : parsed;
  } catch {
    return headerFallback(raw, UNREADABLE);
  }
}
