/**
 * Message-ID handling and the thread token. Mail clients differ in what they keep: most keep
 * In-Reply-To and References; some drop them but keep the subject or answer to the Reply-To
 * address. So every reply the hub sends carries the thread's token twice: as plus-addressing
 * in Reply-To (support+<token>@example.com) and as "[#<token>]" in the subject.
 */
import { randomBytes } from 'node:crypto';

/** "<abc@host>" → "abc@host"; null when there is nothing that looks like an id. */
export function normaliseMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const angle = /<([^<>\s]+)>/.exec(raw)?.[1];
  const value = (angle ?? raw).trim();
  return value.length > 0 && value.length <= 998 && !/[\s<>]/.test(value) ? value : null;
}

/** Every id in a References / In-Reply-To value, in order, without duplicates. */
export function messageIdList(raw: string | readonly string[] | null | undefined): string[] {
  if (!raw) return [];
  const text = typeof raw === 'string' ? raw : raw.join(' ');
  const out: string[] = [];
  for (const match of text.matchAll(/<([^<>\s]+)>/g)) {
    const id = match[1];
    if (id && !out.includes(id)) out.push(id);
  }
  if (out.length === 0) {
    const bare = normaliseMessageId(text);
    if (bare) out.push(bare);
  }
  return out;
}

/** A fresh Message-ID for a mail this hub sends, in the domain of the address it goes out from. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'centralita.invalid';
  return `${randomBytes(12).toString('hex')}.centralita@${domain}`;
}

const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const TOKEN_PATTERN = '[a-km-np-z2-9]{10}';

/** 10 characters of an unambiguous lower-case alphabet: ~50 bits, safe in a local part and a subject. */
export function newThreadToken(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += TOKEN_ALPHABET[b % TOKEN_ALPHABET.length];
  return out;
}

/** "support@example.com" + token → "support+token@example.com". */
export function plusAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** The token of a plus-address of one of our mailboxes ("support+TOKEN@example.com"), else null. */
export function tokenFromAddress(address: string, mailboxAddress: string): string | null {
  const [local, domain] = address.toLowerCase().split('@');
  const [ourLocal, ourDomain] = mailboxAddress.toLowerCase().split('@');
  if (!local || !domain || domain !== ourDomain) return null;
  const match = new RegExp(`^${escapeRegExp(ourLocal ?? '')}\\+(${TOKEN_PATTERN})$`).exec(local);
  return match?.[1] ?? null;
}

/** The token of "[#token]" anywhere in a subject, else null. */
export function tokenFromSubject(subject: string): string | null {
  return new RegExp(`\\[#(${TOKEN_PATTERN})\\]`).exec(subject.toLowerCase())?.[1] ?? null;
}

/** The subject of a reply: one "Re: " in front, the token once at the end. */
export function replySubject(subject: string, token: string): string {
  const bare = subject.replace(/\s*\[#[a-z0-9]+\]\s*/gi, ' ').replace(/^\s*((re|aw|sv|rv|fwd?|enc)\s*:\s*)+/i, '').trim();
  return `Re: ${bare || '(no subject)'} [#${token}]`;
}

/** "Fwd: <subject> [#token]": the token keeps an answer to the forward in its thread. */
export function forwardSubject(subject: string, token: string): string {
  return replySubject(subject, token).replace(/^Re: /, 'Fwd: ');
}

/** The forwarded message below the agent's words, as mail clients write it. */
export function forwardedBlock(message: { from: string; to: readonly string[]; subject: string; createdAt: string; text: string }): string {
  return [
    '---------- Forwarded message ----------',
    `From: ${message.from}`,
    `Date: ${new Date(message.createdAt).toUTCString()}`,
    `Subject: ${message.subject}`,
    `To: ${message.to.join(', ')}`,
    '',
    message.text,
  ].join('\n');
}

/** References of a reply: the parent's References then the parent itself (RFC 5322 3.6.4), capped. */
export function replyReferences(parentReferences: readonly string[], parentMessageId: string): string[] {
  const all = [...parentReferences.filter((id) => id !== parentMessageId), parentMessageId];
  // Long threads: keep the first (the root) and the most recent ones, as mail clients do.
  return all.length <= 20 ? all : [all[0] as string, ...all.slice(-19)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
