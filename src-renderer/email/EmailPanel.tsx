import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { selectQueueName } from '../store/selectors';
import { EmailComposer } from './EmailComposer';
import { useEmailController } from './email-context';
import { EmailMessageCard } from './EmailMessageCard';
import { EmailText } from './EmailText';
import { threadStatus } from './thread-status';
import './email.css';

/** The same mailbox, plus-addressing aside (support+token@x is support@x). */
function sameMailbox(address: string, other: string | null): boolean {
  if (!other) return false;
  const bare = (a: string): string => a.toLowerCase().replace(/\+[^@]*@/, '@');
  return bare(address) === bare(other);
}

/**
 * One email conversation: the thread newest first (the customer's latest words on top, the
 * replies on their way above them), and, while the agent holds it, the reply box.
 */
export function EmailPanel({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const email = useEmailController();
  const state = useAppStore((s) => s.emailThreads[item.id]);
  const queueName = useAppStore((s) => selectQueueName(s, item.queueId));
  const customerName = useAppStore((s) => (item.customerId ? (s.customers[item.customerId]?.customer.name ?? null) : null));
  const hubOnline = useAppStore((s) => s.view?.status === 'online');
  // An offer shows the thread read-only (with its sender check), so the agent knows before accepting.
  const shown = item.state === 'offered' || item.state === 'accepted' || item.state === 'wrap-up';

  useEffect(() => {
    // Read again on accept: the customer may have written meanwhile.
    if (shown) void email.open(item.id);
  }, [email, item.id, item.state, shown]);

  if (!shown) return null;
  if (!state?.thread) {
    const status = threadStatus(state, hubOnline);
    return status === 'failed' ? (
      <p className="email-warning" role="alert">
        {t('email.loadFailed', { reason: state?.loadError ?? '' })}
      </p>
    ) : (
      <p className="email-loading" role="status">
        {t(status === 'waiting' ? 'email.waitingForHub' : 'email.loading')}
      </p>
    );
  }
  const newestFirst = [...state.messages].reverse();
  const lastIn = newestFirst.find((m) => m.direction === 'in');
  const customerAddress = lastIn?.from ?? item.from;
  const replyAllCc = lastIn ? [...lastIn.to, ...lastIn.cc].filter((a) => !sameMailbox(a, state.thread?.mailboxAddress ?? null) && !sameMailbox(a, customerAddress)) : [];
  const subject = state.thread.subject || t('email.noSubject');
  return (
    <div className="email-panel">
      {item.state === 'accepted' && <EmailComposer key={item.id} itemId={item.id} queueId={item.queueId} queueName={queueName} customerName={customerName ?? item.from} customerAddress={customerAddress} replyAllCc={replyAllCc} subject={subject} />}
      <section className="email-thread" aria-label={t('email.thread', { subject })}>
        {state.pending.map((p) => (
          <article key={p.clientId} className="email-message from-agent pending" aria-label={t('email.pendingReply')}>
            <header className="email-message-head">
              <span className="email-from">{t('chat.you')}</span>
              <span className="email-delivery delivery-queued">{t('email.delivery.pending')}</span>
            </header>
            <EmailText text={p.text} />
          </article>
        ))}
        {newestFirst.map((m) => (
          <EmailMessageCard key={m.id} message={m} />
        ))}
      </section>
    </div>
  );
}
