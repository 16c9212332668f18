import { splitLinks } from '../../src-common/chat-links';

/**
 * Untrusted chat text: React text nodes, plus http(s) links that open outside the app (a new
 * browser tab in web mode; the Electron shell sends new windows to the system browser).
 */
export function MessageText({ text }: { text: string }) {
  return (
    <p className="chat-text">
      {splitLinks(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.text} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
