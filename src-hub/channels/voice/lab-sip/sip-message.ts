/**
 * SIP messages for the lab proxy. Parsing uses SIP.js's own parser and grammar (the same code
 * our phones run), so the proxy and the phones agree on what a message means; we only add the
 * checks a proxy needs (mandatory headers) and a small header list to edit when forwarding
 * (push/pop Via, Record-Route, Route, Max-Forwards, Request-URI).
 */
import { Grammar, IncomingRequestMessage, IncomingResponseMessage, LoggerFactory, Parser, type URI } from 'sip.js/lib/core/index.js';

export type SipRequest = IncomingRequestMessage;
export type SipResponse = IncomingResponseMessage;

export type ParsedSip = { ok: true; kind: 'request'; message: SipRequest } | { ok: true; kind: 'response'; message: SipResponse } | { ok: false; reason: string };

/** Compact header forms (RFC 3261 7.3.3) → full lower-case names. */
const COMPACT: Readonly<Record<string, string>> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type', r: 'refer-to', k: 'supported', s: 'subject', e: 'content-encoding', o: 'event', u: 'allow-events', b: 'referred-by' };

export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT[lower] ?? lower;
}

/** SIP.js reports parse problems through its logger: capture the last one as the 400 reason. */
const parserLogs = new LoggerFactory();
parserLogs.builtinEnabled = false;
let lastParserProblem = '';
parserLogs.connector = (level, _category, _label, content) => {
  if (level === 'error' || level === 'warn') lastParserProblem = String(content);
};
const parserLogger = parserLogs.getLogger('lab-sip-parser');

const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'] as const;

export function parseSip(text: string): ParsedSip {
  lastParserProblem = '';
  // SIP.js needs CRLF line ends; a header block without its blank line is malformed.
  if (!text.includes('\r\n\r\n')) return { ok: false, reason: 'no header/body separator (CRLF CRLF)' };
  let message: SipRequest | SipResponse | undefined;
  try {
    message = Parser.parseMessage(text, parserLogger);
  } catch (cause) {
    return { ok: false, reason: cause instanceof Error ? cause.message : 'unparsable message' };
  }
  if (!message) return { ok: false, reason: lastParserProblem || 'unparsable message' };
  for (const name of REQUIRED) {
    if (!message.hasHeader(name)) return { ok: false, reason: `missing ${name} header` };
  }
  if (!message.from || !message.to || !message.callId || !Number.isFinite(message.cseq)) return { ok: false, reason: 'malformed From, To, Call-ID or CSeq' };
  if (message instanceof IncomingRequestMessage) {
    if (!message.ruri) return { ok: false, reason: 'malformed Request-URI' };
    if (!message.viaBranch) return { ok: false, reason: 'the top Via has no branch' };
    const cseqMethod = String((message.parseHeader('cseq') as { method?: unknown } | undefined)?.method ?? '');
    if (cseqMethod !== message.method) return { ok: false, reason: 'CSeq method does not match the request method' };
    return { ok: true, kind: 'request', message };
  }
  return { ok: true, kind: 'response', message };
}

export interface ParsedVia {
  host: string;
  port?: number;
  branch?: string;
  params?: Record<string, string | null>;
}

export function parseVia(value: string): ParsedVia | null {
  const parsed: unknown = Grammar.parse(value, 'Via');
  return parsed === -1 || typeof parsed !== 'object' || parsed === null ? null : (parsed as ParsedVia);
}

export function parseUri(value: string): URI | null {
  return Grammar.URIParse(value) ?? null;
}

/** The first URI of a name-addr header value (`"Ana" <sip:ana@x>;tag=1` → sip:ana@x). */
export function nameAddrUri(value: string): URI | null {
  return Grammar.nameAddrHeaderParse(value)?.uri ?? null;
}

/** Splits a header value at commas outside quotes and angle brackets (Via, Route lists). */
export function splitHeaderList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && ch === '<') depth += 1;
    else if (!quoted && ch === '>') depth -= 1;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

interface HeaderLine {
  name: string;
  value: string;
}

/**
 * A message as an editable list of header lines (one value per line after splitting lists),
 * serialised with a fresh Content-Length.
 */
export class SipFrame {
  private constructor(
    public startLine: string,
    private readonly lines: HeaderLine[],
    public body: string,
  ) {}

  /** From the raw text of a message SIP.js already parsed (so the structure is known good). */
  static fromText(text: string): SipFrame {
    const split = text.indexOf('\r\n\r\n');
    const head = text.slice(0, split);
    const body = text.slice(split + 4);
    const rawLines = head.split('\r\n');
    const startLine = rawLines.shift() ?? '';
    const lines: HeaderLine[] = [];
    for (const raw of rawLines) {
      // Folded continuation line (RFC 3261 7.3.1): join it to the previous header.
      const last = lines[lines.length - 1];
      if (/^[ \t]/.test(raw) && last) {
        last.value += ` ${raw.trim()}`;
        continue;
      }
      const colon = raw.indexOf(':');
      if (colon <= 0) continue;
      const name = canonicalHeaderName(raw.slice(0, colon));
      const value = raw.slice(colon + 1).trim();
      if (name === 'via' || name === 'route' || name === 'record-route') {
        for (const part of splitHeaderList(value)) lines.push({ name, value: part });
      } else {
        lines.push({ name, value });
      }
    }
    return new SipFrame(startLine, lines, body);
  }

  static build(startLine: string, headers: ReadonlyArray<readonly [string, string]>, body = ''): SipFrame {
    return new SipFrame(startLine, headers.map(([name, value]) => ({ name: canonicalHeaderName(name), value })), body);
  }

  clone(): SipFrame {
    return new SipFrame(this.startLine, this.lines.map((l) => ({ ...l })), this.body);
  }

  get(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    return this.lines.find((l) => l.name === key)?.value;
  }

  all(name: string): string[] {
    const key = canonicalHeaderName(name);
    return this.lines.filter((l) => l.name === key).map((l) => l.value);
  }

  /** Adds a header above every other header of that name (Via, Record-Route). */
  prepend(name: string, value: string): void {
    const key = canonicalHeaderName(name);
    const index = this.lines.findIndex((l) => l.name === key);
    this.lines.splice(index === -1 ? this.lines.length : index, 0, { name: key, value });
  }

  append(name: string, value: string): void {
    this.lines.push({ name: canonicalHeaderName(name), value });
  }

  set(name: string, value: string): void {
    this.remove(name);
    this.append(name, value);
  }

  /** Removes the first header of that name; returns its value. */
  removeFirst(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    const index = this.lines.findIndex((l) => l.name === key);
    if (index === -1) return undefined;
    const [removed] = this.lines.splice(index, 1);
    return removed?.value;
  }

  remove(name: string): void {
    const key = canonicalHeaderName(name);
    for (let i = this.lines.length - 1; i >= 0; i -= 1) if (this.lines[i]?.name === key) this.lines.splice(i, 1);
  }

  toString(): string {
    const out = [this.startLine];
    for (const line of this.lines) if (line.name !== 'content-length') out.push(`${displayName(line.name)}: ${line.value}`);
    out.push(`Content-Length: ${Buffer.byteLength(this.body, 'utf8')}`);
    return `${out.join('\r\n')}\r\n\r\n${this.body}`;
  }
}

const DISPLAY: Readonly<Record<string, string>> = { 'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'max-forwards': 'Max-Forwards' };

function displayName(name: string): string {
  return DISPLAY[name] ?? name.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}
