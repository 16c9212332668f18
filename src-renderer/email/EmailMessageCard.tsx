import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailMessageView, SenderCheck } from '../../src-common/email';
import { formatFileSize } from '../chat/AttachmentChip';
import { EmailHtmlFrame } from './EmailHtmlFrame';
import { useEmailController } from './email-context';
import { EmailText } from './EmailText';

/**
 * The sender check in words: verified, could not verify, or failed; and a warning when a mail
 * that is not verified comes from the address of a customer we already knew.
 */
function SenderCheckNote({ check, from, claimsKnownCustomer }: { check: SenderCheck; from: string; claimsKnownCustomer: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p className={`email-sender sender-${check.result}`} title={check.detail}>
        {t(`email.sender.${check.result}`)}
      </p>
      {claimsKnownCustomer && (
        <p className="email-warning" role="alert">
          {t(check.result === 'failed' ? 'email.sender.impostor' : 'email.sender.unconfirmed', { from })}
        </p>
      )}
    </>
  );
}

/** One message of a thread: who, when, its delivery (replies), warnings, the body and attachment names. */
export function EmailMessageCard({ message }: { message: EmailMessageView }) {
  const { t, i18n } = useTranslation();
  const when = new Date(message.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const outgoing = message.direction === 'out';
  const email = useEmailController();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = async (index: number): Promise<void> => {
    setDownloadError(null);
    const result = await email.downloadAttachment(message.id, index);
    if (!result.ok) setDownloadError(result.error.message);
  };
  const label = outgoing ? t('email.replyFrom', { when }) : t('email.messageFrom', { from: message.from, when });
  return (
    <article className={`email-message ${outgoing ? 'from-agent' : 'from-customer'}`} aria-label={label} data-message-id={message.messageId}>
      <header className="email-message-head">
        <span className="email-from">{outgoing ? t('chat.you') : message.from}</span>
        <time dateTime={message.at}>{when}</time>
        {outgoing && message.delivery && <span className={`email-delivery delivery-${message.delivery}`}>{t(`email.delivery.${message.delivery}`)}</span>}
      </header>
      <p className="email-recipients">
        {t('email.to')}: {message.to.join(', ')}
        {message.cc.length > 0 && ` · ${t('email.cc')}: ${message.cc.join(', ')}`}
        {message.bcc.length > 0 && ` · ${t('email.bcc')}: ${message.bcc.join(', ')}`}
      </p>
      {message.deliveryError && message.delivery === 'failed' && (
        <p className="email-warning" role="alert">
          {t('email.deliveryFailed', { reason: message.deliveryError })}
        </p>
      )}
      {!outgoing && message.senderCheck && <SenderCheckNote check={message.senderCheck} from={message.from} claimsKnownCustomer={message.claimsKnownCustomer} />}
      {message.warning && (
        <p className="email-warning" role="note">
          {t('email.unreadable', { reason: message.warning })}
        </p>
      )}
      {message.automated && !outgoing && (
        <p className="email-automated" role="note">
          {t('email.automated', { reason: message.automated })}
        </p>
      )}
      {message.html ? <EmailHtmlFrame html={message.html} title={t('email.bodyOf', { subject: message.subject || t('email.noSubject') })} /> : <EmailText text={message.text} />}
      {message.attachments.length > 0 && (
        <ul className="email-attachments" aria-label={t('email.attachments')}>
          {message.attachments.map((a, i) => {
            const name = a.filename ?? t('email.unnamedAttachment');
            return (
              <li key={i}>
                <span className="chat-attachment-name">{name}</span> <span className="chat-attachment-size">{formatFileSize(a.size)}</span>{' '}
                <button type="button" className="button-secondary" aria-label={t('chat.downloadFile', { name })} onClick={() => void download(i)}>
                  {t('chat.download')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {downloadError && (
        <p className="email-warning" role="alert">
          {downloadError}
        </p>
      )}
    </article>
  );
}
