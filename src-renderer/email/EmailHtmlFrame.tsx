import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emailFrameDocument, sanitizeEmailHtml } from './sanitize-email';

/**
 * A customer's HTML mail in a sandboxed frame: no scripts (the sandbox has no allow-scripts,
 * and the frame's CSP allows nothing but images), links open in a new window outside the app,
 * remote images wait for the agent's "show images" for this message.
 */
export function EmailHtmlFrame({ html, title }: { html: string; title: string }) {
  const { t, i18n } = useTranslation();
  const [allowImages, setAllowImages] = useState(false);
  const [height, setHeight] = useState(160);
  const frame = useRef<HTMLIFrameElement>(null);
  const quotedLabel = t('email.quoted');
  const safe = useMemo(() => sanitizeEmailHtml(html, { allowRemoteImages: allowImages, quotedLabel }), [html, allowImages, quotedLabel]);
  const doc = useMemo(() => emailFrameDocument(safe.html, allowImages, i18n.language), [safe.html, allowImages, i18n.language]);

  // Same-origin (never scripted) so the app can size the frame to its content.
  const fit = (): void => {
    const body = frame.current?.contentDocument?.documentElement;
    if (body) setHeight(Math.min(Math.max(body.scrollHeight + 8, 60), 2400));
  };
  return (
    <div className="email-html">
      {safe.blockedImages > 0 && (
        <p className="email-images-blocked" role="note">
          {t('email.imagesBlocked', { count: safe.blockedImages })}{' '}
          <button type="button" className="button-secondary" onClick={() => setAllowImages(true)}>
            {t('email.showImages')}
          </button>
        </p>
      )}
      <iframe
        ref={frame}
        className="email-frame"
        title={title}
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={doc}
        onLoad={fit}
        style={{ height }}
      />
    </div>
  );
}
