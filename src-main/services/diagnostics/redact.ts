/**
 * Removes secrets and personal data from what goes into a diagnostics file: tokens (JWTs,
 * bearer and refresh tokens, long opaque keys), passwords, Authorization and Cookie headers,
 * SIP digest answers, email addresses and phone numbers. It errs on the side of removing too
 * much: IT needs the shape of what happened, never a customer's number or an agent's token.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

export const REDACTED = '[redacted]';

/** Object keys whose value is a secret whatever it looks like. */
const SECRET_KEY = /pass(?:word|wd|phrase)?|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|signature|nonce|^response$|ha1/i;
/** Object keys whose value is a person's identity (customer records logged whole). */
const PERSONAL_KEY = /^(?:name|displayName|fullName|customerName|firstName|lastName|surname|address|phone|mobile|email)$/i;

const HEADER_LINE = /\b((?:Proxy-)?Authorization|WWW-Authenticate|Proxy-Authenticate|Cookie|Set-Cookie|X-Api-Key)\s*:[^\r\n]*/gi;
/** SIP display names (From: "María García" <sip:…>) are customers' and agents' names. */
const SIP_DISPLAY_NAME = /^((?:From|To|f|t|P-Asserted-Identity|P-Preferred-Identity|Remote-Party-ID|Contact|m)\s*:\s*)"[^"\r\n]*"/gim;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=,"-]+/g;
/** `password=…`, `"refreshToken": "…"`, `api_key: …` written inside free text. */
const SECRET_ASSIGNMENT =
  /(["']?)([\w-]*(?:pass(?:word|wd)?|secret|token|api[-_]?key|credential)[\w-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi;
const DIGEST_PARAM = /\b(response|nonce|cnonce|opaque)\s*=\s*"[^"]*"/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Digit runs that look like a phone number (9–15 digits, spaces or hyphens allowed), e.g. 612 34 56 78, +34-612-345-678. */
const PHONE_DIGITS = /(?<![\w.:/])\+?\(?\d(?:[\s()-]{0,2}\d){8,14}(?![\w])/g;
/** Spanish numbers written with dots: 612.345.678. */
const PHONE_DOTTED = /(?<![\w.])[6789]\d{2}\.\d{3}\.\d{3}(?![\w.])/g;
/** Opaque keys and refresh tokens: long runs of letters and digits together. */
const LONG_TOKEN = /(?<![\w-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}(?![\w-])/g;

/** SIP Call-IDs are random identifiers IT matches against the SIP server's logs: kept as they are. */
const CALL_ID_LINE = /^\s*(?:Call-ID|i)\s*:\s*[^\s]+\s*$/i;

export function redactText(text: string): string {
  return text
    .split(/(\r?\n)/)
    .map((line) => (CALL_ID_LINE.test(line) ? line : redactLine(line)))
    .join('');
}

function redactLine(text: string): string {
  let out = text
    .replace(HEADER_LINE, (_m, name: string) => `${name}: ${REDACTED}`)
    .replace(SIP_DISPLAY_NAME, '$1"[redacted-name]"')
    .replace(JWT, '[redacted-jwt]')
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, (_m, quote: string, key: string, sep: string) => `${quote}${key}${quote}${sep}"${REDACTED}"`)
    .replace(DIGEST_PARAM, (_m, name: string) => `${name}="${REDACTED}"`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(EMAIL, '[redacted-email]');
  out = redactPhones(out);
  return out.replace(LONG_TOKEN, '[redacted-token]');
}

function redactPhones(text: string): string {
  // Plain digit runs first (they also cover SIP URI user parts), then libphonenumber for the
  // national formats it knows (Spanish by default, the product's home market).
  const plain = text.replace(PHONE_DOTTED, '[redacted-phone]').replace(PHONE_DIGITS, '[redacted-phone]');
  let out = '';
  let last = 0;
  for (const found of findPhoneNumbersInText(plain, 'ES')) {
    // A number glued to letters or digits is part of an identifier, not a phone.
    if (/[\w]/.test(plain.charAt(found.startsAt - 1)) || /[\w]/.test(plain.charAt(found.endsAt))) continue;
    out += plain.slice(last, found.startsAt) + '[redacted-phone]';
    last = found.endsAt;
  }
  return out + plain.slice(last);
}

/**
 * Redacts a parsed structure (a JSON log record, call statistics): values under secret keys go
 * whole, strings are redacted as text, numbers and booleans stay (timestamps, levels, counters).
 */
export function redactValue(value: unknown, key = ''): unknown {
  if (key && (SECRET_KEY.test(key) || PERSONAL_KEY.test(key)) && value !== null && value !== undefined && typeof value !== 'boolean') return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  }
  return value;
}

/** One log line: a JSON record is redacted field by field, anything else as text. */
export function redactLogLine(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.stringify(redactValue(JSON.parse(trimmed)));
    } catch {
      // Not JSON after all (a cut-off line): fall through to text redaction.
    }
  }
  return redactText(line);
}
