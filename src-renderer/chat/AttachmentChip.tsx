import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatAttachment } from '../../src-common/chat';
import { useChatController } from './chat-context';

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file in the transcript: its (untrusted) name as a text node, its size, and a download button. */
export function AttachmentChip({ attachment }: { attachment: ChatAttachment }) {
  const { t } = useTranslation();
  const chat = useChatController();
  const [error, setError] = useState<string | null>(null);
  const download = async (): Promise<void> => {
    setError(null);
    const result = await chat.downloadFile(attachment);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <p className="chat-text chat-attachment">
      <span className="chat-attachment-name">{attachment.name}</span> <span className="chat-attachment-size">({formatFileSize(attachment.size)})</span>{' '}
      <button type="button" className="button-secondary" aria-label={t('chat.downloadFile', { name: attachment.name })} onClick={() => void download()}>
        {t('chat.download')}
      </button>
      {error && (
        <span className="chat-attachment-error" role="alert">
          {error}
        </span>
      )}
    </p>
  );
}
