import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../src-common/chat';
import { chatTimeline } from '../chat/chat-timeline';
import { MessageText } from '../chat/MessageText';
import { WhisperEntry } from '../chat/WhisperEntry';
import type { ChatThread } from '../store/chat-slice';

/**
 * A monitored chat's transcript as the supervisor reads it: every message says whether the
 * customer or an agent wrote it (the supervisor is outside the conversation, so "you" is only
 * their own barge-ins), and whispers sit among them by time. Read only: nothing here marks
 * the chat read, which is the agent's to do.
 */
export function MonitorLog({ thread, label, selfName }: { thread: ChatThread; label: string; selfName: string | null }) {
  const { t } = useTranslation();
  const logRef = useRef<HTMLDivElement>(null);
  const entries = chatTimeline(thread.messages, thread.whispers);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries.length]);

  const authorLabel = (m: ChatMessage): string => {
    if (m.author === 'system') return t('chat.system');
    if (m.author === 'customer') return t('supervisor.monitor.customer', { name: m.authorName });
    return m.authorName === selfName ? t('chat.you') : t('supervisor.monitor.agent', { name: m.authorName });
  };

  return (
    <div className="chat-log" role="log" aria-live="polite" aria-label={t('supervisor.monitor.transcript', { label })} ref={logRef}>
      <ol className="chat-messages">
        {entries.length === 0 && <li className="chat-empty">{t('chat.empty')}</li>}
        {entries.map((entry) =>
          entry.kind === 'whisper' ? (
            <WhisperEntry key={`w${entry.whisper.id}`} whisper={entry.whisper} />
          ) : (
            <li key={entry.message.seq} className={`chat-message from-${entry.message.author}`} data-seq={entry.message.seq}>
              <span className="chat-author">{authorLabel(entry.message)}</span>
              {/* A file shows by name: downloads are for the people in the conversation. */}
              <MessageText text={entry.message.text} />
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
