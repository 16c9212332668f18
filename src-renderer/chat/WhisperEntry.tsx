import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatWhisper } from '../../src-common/chat';
import { MessageText } from './MessageText';

/**
 * A supervisor's whisper in a chat log. A note named "Whisper from …" so a screen reader says
 * what it is before reading it: the agent must never mistake it for the customer's words.
 */
export function WhisperEntry({ whisper }: { whisper: ChatWhisper }) {
  const { t } = useTranslation();
  const nameId = useId();
  return (
    <li className="chat-message chat-whisper" data-whisper={whisper.id}>
      <div role="note" aria-labelledby={nameId}>
        <span id={nameId} className="chat-author">
          {t('chat.whisperFrom', { name: whisper.authorName })}
        </span>
        <MessageText text={whisper.text} />
      </div>
    </li>
  );
}
