/**
 * Customer identity normalisation: the same person must be found whether they call from
 * "600 12 34 56", "+34600123456" or write from "Maria@Example.COM ".
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { CustomerIdentity, IdentityKind } from './domain';

/** E.164 ("+34600123456") or null when the input is not a valid number. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'ES'): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  // SIP URIs carry the number in the user part: sip:+34600123456@host;user=phone
  const sipUser = /^sips?:([^@;]+)/i.exec(trimmed)?.[1];
  const candidate = (sipUser ?? trimmed).replace(/^tel:/i, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Lower-cased, trimmed address, or null when it is not an address. Accepts "Name <a@b.c>". */
export function normaliseEmail(raw: string): string | null {
  const angle = /<([^>]+)>\s*$/.exec(raw)?.[1];
  const value = (angle ?? raw).trim().toLowerCase();
  return EMAIL.test(value) && value.length <= 320 ? value : null;
}

/** Chat ids are opaque tokens issued by the hub; only trimming and a sanity check apply. */
export function normaliseChatId(raw: string): string | null {
  const value = raw.trim();
  return /^[A-Za-z0-9_-]{4,128}$/.test(value) ? value : null;
}

export function normaliseIdentity(kind: IdentityKind, raw: string): CustomerIdentity | null {
  const value = kind === 'phone' ? normalisePhone(raw) : kind === 'email' ? normaliseEmail(raw) : normaliseChatId(raw);
  return value ? { kind, value } : null;
}
