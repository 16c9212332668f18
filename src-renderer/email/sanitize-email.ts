/**
 * A customer's HTML mail made safe to show: DOMPurify removes everything that can run or
 * submit (scripts, handlers, forms, frames, SVG/MathML tricks, style that could fetch), links
 * open outside the app, and remote images are held back (each counted) until the agent allows
 * them for that message, so a tracking pixel learns nothing before then. The result goes into
 * a sandboxed frame (EmailHtmlFrame) whose own CSP is a second wall.
 */
import DOMPurify from 'dompurify';

export interface SanitizedEmail {
  /** Body markup, safe to put in the frame. */
  html: string;
  /** Remote images held back (0 when allowed or when there were none). */
  blockedImages: number;
}

const FORBID_TAGS = ['style', 'link', 'meta', 'base', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'audio', 'video', 'source', 'track', 'picture', 'template', 'noscript'];
const FORBID_ATTR = ['style', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping', 'usemap'];
const SAFE_LINK = /^(?:https?:|mailto:|tel:)/i;
const REMOTE = /^(?:https?:)?\/\//i;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,/i;
/** Where mail clients put the quoted earlier messages. */
const QUOTE_SELECTOR = 'blockquote, .gmail_quote, .yahoo_quoted, #appendonsend, div[id^="divRplyFwdMsg"]';

export function sanitizeEmailHtml(source: string, options: { allowRemoteImages: boolean; quotedLabel: string }): SanitizedEmail {
  // One instance per mail: hooks are per instance, so two messages never share their counters.
  const purify = DOMPurify(window);
  let blockedImages = 0;
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (DATA_IMAGE.test(src)) return;
      node.removeAttribute('src');
      if (REMOTE.test(src)) {
        if (options.allowRemoteImages) node.setAttribute('src', src);
        else {
          blockedImages += 1;
          node.setAttribute('data-blocked-src', src);
        }
      }
      // cid: parts and anything else stay as their alt text.
    }
  });
  const body = purify.sanitize(source, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
    RETURN_DOM: true,
  });
  foldQuotes(body, options.quotedLabel, window.document);
  return { html: body.innerHTML, blockedImages };
}

/** The quoted earlier messages fold under a summary, outermost only (a quote inside a quote stays inside). */
function foldQuotes(root: Element, label: string, doc: Document): void {
  const quotes = [...root.querySelectorAll(QUOTE_SELECTOR)].filter((q) => !q.parentElement?.closest(QUOTE_SELECTOR));
  for (const quote of quotes) {
    const details = doc.createElement('details');
    const summary = doc.createElement('summary');
    summary.textContent = label;
    quote.replaceWith(details);
    details.append(summary, quote);
  }
}

/** The frame's document: its own CSP (nothing but images as allowed), links to a new window. */
export function emailFrameDocument(bodyHtml: string, allowRemoteImages: boolean, lang: string): string {
  const images = allowRemoteImages ? 'data: https: http:' : 'data:';
  return `<!doctype html><html lang="${lang.replace(/[^a-z-]/gi, '')}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${images}; form-action 'none'"><meta name="referrer" content="no-referrer"><base target="_blank"></head><body>${bodyHtml}</body></html>`;
}
