import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ItemView } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { unreadCount } from '../store/chat-slice';
import { selectFocusedItem, selectItems } from '../store/selectors';

/** The agent's accepted chats as tabs, each with its unread count; a tab focuses that chat. */
export function ChatTabs() {
  const { t } = useTranslation();
  const chats = useAppStore(useShallow((s) => selectItems(s).filter((i: ItemView) => i.channel === 'chat')));
  const focusedId = useAppStore((s) => selectFocusedItem(s)?.id ?? null);
  const selectItem = useAppStore((s) => s.selectItem);
  const unread = useAppStore(useShallow((s) => chats.map((c) => unreadCount(s.chatThreads[c.id]))));
  if (chats.length === 0) return null;
  return (
    <nav className="chat-tabs" aria-label={t('chat.tabs')}>
      <ul>
        {chats.map((chat, index) => {
          const count = unread[index] ?? 0;
          const current = chat.id === focusedId;
          return (
            <li key={chat.id}>
              <button type="button" className={current ? 'chat-tab current' : 'chat-tab'} aria-current={current ? 'true' : undefined} onClick={() => selectItem(chat.id)}>
                <span className="chat-tab-name">{chat.subject}</span>
                {count > 0 && (
                  <span className="chat-unread" aria-label={t('chat.unread', { count })}>
                    {count}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
