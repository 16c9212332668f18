/**
 * Recognises an attachment's type from its first bytes, for chat files and email attachments
 * alike (one set of rules). The sender's file name and declared type are never trusted: a
 * renamed executable or an HTML page called "photo.png" is refused
 * (or, for text, served only as inert text/plain).
 */
import type { ChatAttachmentType } from '../../src-common/chat';

const startsWith = (bytes: Buffer, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Text is valid UTF-8 with no control characters besides tab, newlines and form feed. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export function sniffAttachmentType(bytes: Buffer): ChatAttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (isPlainText(bytes)) return 'text/plain';
  return null;
}

/**
 * A display name that is safe to store and show: no path, no control characters, bounded.
 * It is still untrusted text (views render it as text); this only keeps it tidy.
 */
export function cleanAttachmentName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- strip control characters from an untrusted name
  const base = raw.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop() ?? '';
  const trimmed = base.trim().slice(0, 200);
  return trimmed === '' || trimmed === '.' || trimmed === '..' ? 'file' : trimmed;
}

/** RFC 6266 / RFC 5987 Content-Disposition for a download: an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
