import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../../src-common/protocol';
import { useClock } from '../hooks/use-clock';
import { useChatController, useChatStore } from './chat-context';
import { TYPING_STALE_MS } from './chat-store';
import { MessageText } from './MessageText';
import './chat.css';

/** One chat: transcript, the customer's typing, and the composer while the chat is open. */
export function ChatPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const chat = useChatController();
  const thread = useChatStore((s) => s.threads[item.id]);
  const now = useClock();
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void chat.open(item.id);
  }, [chat, item.id]);

  const messages = thread?.messages ?? [];
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    // On screen means read: this panel only shows for the focused chat.
    if (lastSeq > 0 && item.state === 'accepted') chat.markRead(item.id, lastSeq);
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [chat, item.id, item.state, lastSeq, thread?.pending.length]);

  const conversation = thread?.conversation ?? null;
  const customerName = conversation?.customerName ?? item.subject;
  const open = item.state === 'accepted' && conversation?.state !== 'closed';
  const typingSince = thread?.customerTypingSince ?? null;
  const customerTyping = open && typingSince !== null && now - typingSince < TYPING_STALE_MS;

  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    void chat.send(item.id, text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  // Not a widget chat (or its transcript is not loaded yet): the workspace shows the preview.
  if (!conversation) return null;

  return (
    <div className="chat-panel">
      <div className="chat-log" role="log" aria-live="polite" aria-label={t('chat.transcript', { name: customerName })} ref={logRef}>
        <ol className="chat-messages">
          {messages.length === 0 && (thread?.pending.length ?? 0) === 0 && <li className="chat-empty">{t('chat.empty')}</li>}
          {messages.map((m) => (
            <li key={m.seq} className={`chat-message from-${m.author}`} data-seq={m.seq}>
              <span className="chat-author">{m.author === 'agent' ? t('chat.you') : m.authorName}</span>
              <MessageText text={m.text} />
              {m.author === 'agent' && conversation && m.seq <= conversation.customerReadSeq && <span className="chat-receipt">{t('chat.read')}</span>}
            </li>
          ))}
          {thread?.pending.map((p) => (
            <li key={p.clientId} className="chat-message from-agent pending">
              <span className="chat-author">{t('chat.you')}</span>
              <MessageText text={p.text} />
              <span className="chat-receipt">{t('chat.sending')}</span>
            </li>
          ))}
        </ol>
      </div>
      <p className="chat-typing" aria-live="polite">
        {customerTyping ? t('chat.typing', { name: customerName }) : ''}
      </p>
      {conversation?.state === 'closed' && (
        <p className="chat-closed" role="status">
          {conversation.closedBy === 'customer' ? t('chat.customerLeft') : t('chat.closed')}
        </p>
      )}
      {open && (
        <form className="chat-composer" onSubmit={submit}>
          <label>
            {t('chat.composer')}
            <textarea
              value={draft}
              rows={2}
              maxLength={4000}
              onChange={(e) => {
                setDraft(e.target.value);
                chat.typing(item.id, e.target.value.length > 0);
              }}
              onBlur={() => chat.typing(item.id, false)}
              onKeyDown={onKeyDown}
            />
          </label>
          <button type="submit" className="button-primary" disabled={draft.trim() === ''}>
            {t('chat.send')}
          </button>
        </form>
      )}
    </div>
  );
}
