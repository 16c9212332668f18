/**
 * A customer's HTML mail cut down, on the hub, to markup that can only be read: an allow-list of
 * text and layout elements, no attributes that run or fetch anything but images, links limited to
 * web, mail and phone addresses. The stored message keeps the original (and the raw mail); this
 * is what leaves the hub. The desktop sanitises again with the browser's own parser and shows the
 * result in a sandboxed frame with its own CSP, so a hole in one wall is not a hole in all three.
 * Cleaning here also means hostile markup is never parsed inside the app's window, where even a
 * handler the app's CSP refuses to attach is reported as a violation.
 */
import sanitizeHtml from 'sanitize-html';

const TEXT_TAGS = ['p', 'br', 'hr', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'small', 'big', 'sub', 'sup', 'font', 'center', 'code', 'pre', 'tt', 'kbd', 'samp', 'q', 'cite', 'abbr', 'address', 'del', 'ins', 'mark', 'blockquote'];
const STRUCTURE_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'a', 'img', 'figure', 'figcaption', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav'];
const LAYOUT_ATTRIBUTES = ['align', 'valign', 'width', 'height', 'colspan', 'rowspan', 'dir', 'lang', 'title', 'border', 'cellpadding', 'cellspacing', 'bgcolor', 'color', 'face', 'size'];
/** The only data: images shown: raster types, base64 (an SVG or HTML "image" could carry code). */
const RASTER_DATA_URL = /^data:image\/(?:png|gif|jpeg|webp);base64,/i;
/** Mail clients mark their quoted earlier messages with these; the desktop folds them. */
const QUOTE_MARKERS = ['gmail_quote', 'yahoo_quoted'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...TEXT_TAGS, ...STRUCTURE_TAGS],
  // Outside the list a tag goes, and its content too when that is code, styles or a document;
  // an unclosed SVG or MathML element must not swallow the rest of the mail, so their text stays.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xmp', 'iframe', 'object'],
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    '*': LAYOUT_ATTRIBUTES,
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height'],
    div: ['class', 'id'],
    blockquote: ['class', 'type', 'cite'],
    ol: ['start', 'type'],
  },
  allowedClasses: { div: QUOTE_MARKERS, blockquote: QUOTE_MARKERS },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data', 'cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  parseStyleAttributes: false,
  transformTags: {
    // Only the reply markers Outlook puts on the quoted part survive as ids.
    div: (tagName, attribs) => {
      const { id, ...rest } = attribs;
      return { tagName, attribs: id === 'appendonsend' || id?.startsWith('divRplyFwdMsg') ? { ...rest, id } : rest };
    },
  },
};

/**
 * `inlineImages` (Content-ID → data: URL) puts each `cid:` image of the mail in its place; a
 * `cid:` with no such image keeps only its alt text.
 */
export function cleanMailHtml(html: string, inlineImages: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    ...OPTIONS,
    transformTags: {
      ...OPTIONS.transformTags,
      img: (tagName, attribs) => {
        const { src, ...rest } = attribs;
        if (src !== undefined && /^\s*data:/i.test(src) && !RASTER_DATA_URL.test(src)) return { tagName, attribs: rest };
        if (!src?.toLowerCase().startsWith('cid:')) return { tagName, attribs };
        const dataUrl = inlineImages.get(contentIdOf(src));
        return { tagName, attribs: dataUrl ? { ...rest, src: dataUrl } : rest };
      },
    },
  });
}

function contentIdOf(cidUrl: string): string {
  const id = cidUrl.slice('cid:'.length);
  try {
    return decodeURIComponent(id).replace(/^<|>$/g, '').toLowerCase();
  } catch {
    return id.toLowerCase();
  }
}
