import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../src-common/chat';
import type { WorkItem } from '../../src-common/domain';
import { useClock } from '../hooks/use-clock';
import { useAppStore } from '../store/app-store';
import { TYPING_STALE_MS } from '../store/chat-slice';
import { AttachmentChip } from './AttachmentChip';
import { ChatComposer } from './ChatComposer';
import { chatTimeline } from './chat-timeline';
import { useChatController } from './chat-context';
import { MessageText } from './MessageText';
import { TransferForm, TransferNote } from './TransferForm';
import { WhisperEntry } from './WhisperEntry';
import './chat.css';

/**
 * One chat: transcript, the customer's typing, and, while the chat is open, the composer and
 * transfer. Also shown read-only for a chat offer, so a transferred chat is read before accepting.
 */
export function ChatPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const chat = useChatController();
  const thread = useAppStore((s) => s.chatThreads[item.id]);
  const myName = useAppStore((s) => s.view?.user?.displayName ?? null);
  const now = useClock();
  const [transferring, setTransferring] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Loaded again on accept: a transferred chat is read while offered, and the customer may
    // write before the accept, when the hub does not push messages to this agent yet.
    void chat.open(item.id);
  }, [chat, item.id, item.state]);

  const messages = thread?.messages ?? [];
  const whispers = thread?.whispers ?? [];
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    // On screen means read: this panel only shows for the focused chat.
    if (lastSeq > 0 && item.state === 'accepted') chat.markRead(item.id, lastSeq);
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [chat, item.id, item.state, lastSeq, whispers.length, thread?.pending.length]);

  const conversation = thread?.conversation ?? null;
  const customerName = conversation?.customerName ?? item.subject;
  const open = item.state === 'accepted' && conversation?.state !== 'closed';
  const typingSince = thread?.customerTypingSince ?? null;
  const customerTyping = open && typingSince !== null && now - typingSince < TYPING_STALE_MS;
  // After a transfer the transcript holds another agent's messages too: only this agent's are "you".
  const authorLabel = (m: ChatMessage): string =>
    m.author === 'system' ? t('chat.system') : m.author === 'agent' && m.authorName === myName ? t('chat.you') : m.authorName;

  // Not a widget chat (or its transcript is not loaded yet): the workspace shows the preview.
  if (!conversation) return null;

  return (
    <div className="chat-panel">
      <TransferNote item={item} />
      <div className="chat-log" role="log" aria-live="polite" aria-label={t('chat.transcript', { name: customerName })} ref={logRef}>
        <ol className="chat-messages">
          {messages.length === 0 && whispers.length === 0 && (thread?.pending.length ?? 0) === 0 && <li className="chat-empty">{t('chat.empty')}</li>}
          {chatTimeline(messages, whispers).map((entry) => {
            if (entry.kind === 'whisper') return <WhisperEntry key={`w${entry.whisper.id}`} whisper={entry.whisper} />;
            const m = entry.message;
            return (
              <li key={m.seq} className={`chat-message from-${m.author}`} data-seq={m.seq}>
                <span className="chat-author">{authorLabel(m)}</span>
                {m.attachment ? <AttachmentChip attachment={m.attachment} /> : <MessageText text={m.text} />}
                {m.author === 'agent' && conversation && m.seq <= conversation.customerReadSeq && <span className="chat-receipt">{t('chat.read')}</span>}
              </li>
            );
          })}
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
      {open && (thread?.monitoredBy.length ?? 0) > 0 && (
        <p className="chat-monitored" role="status">
          {t('chat.monitoredBy', { names: thread?.monitoredBy.map((s) => s.name).join(', ') })}
        </p>
      )}
      {conversation?.state === 'closed' && (
        <p className="chat-closed" role="status">
          {conversation.closedBy === 'customer' ? t('chat.customerLeft') : t('chat.closed')}
        </p>
      )}
      {open && <ChatComposer key={item.id} itemId={item.id} customerName={customerName} />}
      {open &&
        (transferring ? (
          <TransferForm item={item} onDone={() => setTransferring(false)} />
        ) : (
          <button type="button" className="button-secondary chat-transfer" onClick={() => setTransferring(true)}>
            {t('chat.transfer')}
          </button>
        ))}
    </div>
  );
}
