/**
 * Splits untrusted chat text into plain text and http(s) links, so views can render links as
 * anchors and everything else as text. Only absolute http:// and https:// URLs are matched:
 * javascript:, data: and other schemes never become links. Pure string work (no DOM, no URL
 * parser), shared by the customer widget and the agent's desktop.
 */
const LINK = /\bhttps?:\/\/[^\s<>"'`\\]+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}]+$/;

export interface TextPart {
  kind: 'text' | 'link';
  text: string;
}

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    const raw = match[0];
    const url = raw.slice(0, raw.length - (TRAILING.exec(raw)?.[0].length ?? 0));
    if (!/^https?:\/\/[^/?#]/i.test(url)) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
