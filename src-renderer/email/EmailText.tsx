import { useTranslation } from 'react-i18next';
import { splitQuoted } from './quoted-text';

/** A plain-text mail with the quoted earlier messages folded away. */
export function EmailText({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="email-text">
      {splitQuoted(text).map((part, i) =>
        part.kind === 'text' ? (
          <p key={i} className="email-paragraphs">
            {part.text}
          </p>
        ) : (
          <details key={i} className="email-quote">
            <summary>{t('email.quoted')}</summary>
            <p className="email-paragraphs">{part.text}</p>
          </details>
        ),
      )}
    </div>
  );
}
