/**
 * Untrusted chat text as DOM nodes: text nodes, plus http(s) links as anchors that open in a
 * new browsing context without access to this page. Nothing is parsed as HTML, so markup in a
 * message stays visible text.
 */
import { splitLinks } from '../src-common/chat-links';

export function appendTextWithLinks(parent: HTMLElement, text: string): void {
  const doc = parent.ownerDocument;
  for (const part of splitLinks(text)) {
    if (part.kind === 'text') {
      parent.append(doc.createTextNode(part.text));
      continue;
    }
    const a = doc.createElement('a');
    a.href = part.text;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = part.text;
    parent.append(a);
  }
}
