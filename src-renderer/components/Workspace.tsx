import { useTranslation } from 'react-i18next';
import { ChatPanel } from '../chat/ChatPanel';
import { EmailPanel } from '../email/EmailPanel';
import { ChatTabs } from '../chat/ChatTabs';
import { TransferNote } from '../chat/TransferForm';
import { useAppStore } from '../store/app-store';
import { selectFocusedItem, selectOldestOffer, selectQueueName } from '../store/selectors';
import { ChannelBadge } from './ChannelBadge';
import { useIntents } from './intents-context';
import { WrapUpForm } from './WrapUpForm';
import { CallPanel } from '../phone/CallPanel';
import { useShallow } from 'zustand/react/shallow';
import { looseConnectedCall } from '../phone/loose-calls';
import { myItemIds } from '../phone/my-items';
import { mainCallForItem } from '../phone/phone-state';

/** The focused piece of work: what it is, what the customer wrote, and End or wrap-up. */
export function Workspace() {
  const { t } = useTranslation();
  const intents = useIntents();
  const focused = useAppStore(selectFocusedItem);
  // With nothing accepted yet, show what the oldest offer is about so the agent can decide.
  const offered = useAppStore((s) => (focused ? null : (selectOldestOffer(s)?.item ?? null)));
  const item = focused ?? offered;
  const queueName = useAppStore((s) => (item ? selectQueueName(s, item.queueId) : ''));
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true);
  const wrapUpSubmitted = useAppStore((s) => (item ? s.wrapUpsSubmitted[item.id] === true : false));
  // Chats from the widget show their live transcript instead of the first message; chat-shaped
  // items without a conversation (lab intake, simulator) keep showing the preview.
  const hasChatTranscript = useAppStore((s) => (item ? (s.chatThreads[item.id]?.conversation ?? null) !== null : false));
  // An email shows its whole thread once loaded (an offer too, read-only); until then its first words.
  const hasThread = useAppStore((s) => (item?.channel === 'email' ? (s.emailThreads[item.id]?.thread ?? null) !== null : false));
  const shownInFull = hasChatTranscript || hasThread;
  // A voice item follows its call: the call panel replaces End while the call is live.
  const call = useAppStore((s) => (item && item === focused && item.channel === 'voice' ? mainCallForItem(s.phone, item.id) : null));
  const callLive = call !== null && call.state !== 'ended';
  const customerName = useAppStore((s) => (item?.customerId ? (s.customers[item.customerId]?.customer.name ?? null) : null));
  // A call placed without a work item (no hub op, or a number typed in the dialpad) still gets its panel.
  const itemIds = useAppStore(useShallow(myItemIds));
  const looseCall = useAppStore((s) => looseConnectedCall(s.phone, itemIds));
  const message = item && (
    <div className="message">
      <h4>{t('workspace.message')}</h4>
      <p className="message-text">{item.preview}</p>
    </div>
  );
  return (
    <section className="pane workspace" aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">{t('workspace.title')}</h2>
      <ChatTabs />
      {looseCall && <CallPanel call={looseCall} customerName={null} />}
      {!item ? (
        !looseCall && <p className="empty">{t('workspace.empty')}</p>
      ) : (
        <article className="interaction" data-item-id={item.id}>
          <header className="interaction-head">
            <ChannelBadge channel={item.channel} />
            <h3 className="interaction-subject">{item.subject}</h3>
          </header>
          <dl className="facts">
            {item.from !== item.subject && (
              <>
                <dt>{t('workspace.from')}</dt>
                <dd>{item.from}</dd>
              </>
            )}
            <dt>{t('workspace.queue')}</dt>
            <dd>{queueName}</dd>
          </dl>
          {item === offered && (
            <p className="offer-pending" role="note">
              {t('workspace.offerPending')}
            </p>
          )}
          {call && <CallPanel call={call} customerName={customerName} />}
          {item.channel === 'chat' && <ChatPanel key={item.id} item={item} />}
          {item.channel === 'email' && <EmailPanel key={item.id} item={item} />}
          {/* A transferred call's segment shows who handed it over and their note, as a chat does. */}
          {(item.channel === 'voice' || (item.channel === 'chat' && !hasChatTranscript)) && <TransferNote item={item} />}
          {item.preview !== '' && !shownInFull && item.state !== 'wrap-up' && message}
          {item === focused && item.state === 'accepted' && !callLive && (
            <button
              type="button"
              className="button-danger"
              aria-keyshortcuts={shortcuts ? 'Alt+E' : undefined}
              title={shortcuts ? `${t('workspace.end')} (Alt+E)` : undefined}
              onClick={() => void intents.endItem(item.id)}
            >
              {t('workspace.end')}
            </button>
          )}
          {focused && item === focused && focused.state === 'wrap-up' &&
            (wrapUpSubmitted ? (
              <p className="wrap-up-saved" role="status">
                {t('wrapUp.saved')}
              </p>
            ) : (
              <WrapUpForm key={focused.id} item={focused} />
            ))}
          {/* In wrap-up the first message moves below the form, so Save stays in view at 1280x720. */}
          {item.preview !== '' && !shownInFull && item.state === 'wrap-up' && message}
        </article>
      )}
    </section>
  );
}
