import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState, ItemView, Offer } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { selectFocusedItem, selectItems, selectOffers, selectQueueName, sortOffersOldestFirst } from '../store/selectors';
import { TransferNote } from '../chat/TransferForm';
import { ChannelBadge } from './ChannelBadge';
import { Countdown, Elapsed } from './Countdown';
import { ResponseTarget } from './ResponseTarget';
import { useIntents } from './intents-context';
import { VoiceOfferActions } from '../phone/VoiceOfferActions';
import { IncomingCalls } from '../phone/IncomingCalls';
import { useDataLabel } from '../hooks/use-data-label';
import { CustomerSearch } from './CustomerSearch';
import { QueueBacklog } from './QueueBacklog';
import { CallerHungUpNotice } from '../phone/CallerHungUpNotice';
import { PhoneProblemNotice } from '../phone/PhoneProblemNotice';

export const QUEUE_HEADING_ID = 'queue-heading';

/** Why the offer list is empty, as the agent's state explains it. */
export function noOffersKey(state: AgentState): 'queue.noOffersReady' | 'queue.noOffersBusy' | 'queue.noOffers' {
  if (state === 'ready') return 'queue.noOffersReady';
  if (state === 'busy' || state === 'after-call-work') return 'queue.noOffersBusy';
  return 'queue.noOffers';
}

function OfferCard({ offer, oldest }: { offer: Offer; oldest: boolean }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const queueName = useAppStore((s) => selectQueueName(s, offer.item.queueId));
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true) && oldest;
  const item = offer.item;
  return (
    <li className="card offer" data-offer-id={offer.offerId} data-item-id={item.id}>
      <div className="card-row">
        <ChannelBadge channel={item.channel} />
        <span className="queue-name">{queueName}</span>
      </div>
      <p className="card-subject">{item.subject}</p>
      {/* A call's subject is already the caller's number. */}
      {item.from !== item.subject && <p className="card-from">{item.from}</p>}
      <TransferNote item={item} />
      <div className="card-row card-times">
        <Countdown deadline={offer.expiresAt} startedAt={offer.offeredAt} labelKey="queue.expiresIn" />
        <Elapsed since={item.createdAt} labelKey="queue.waiting" />
        <ResponseTarget item={item} />
      </div>
      {item.channel === 'voice' ? (
        <VoiceOfferActions offer={offer} oldest={oldest} />
      ) : (
        <div className="card-actions">
          <button
            type="button"
            className="button-primary"
            aria-keyshortcuts={shortcuts ? 'Alt+A' : undefined}
            title={shortcuts ? `${t('queue.accept')} (Alt+A)` : undefined}
            onClick={() => void intents.acceptOffer(offer.offerId)}
          >
            {t('queue.accept')}
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-keyshortcuts={shortcuts ? 'Alt+D' : undefined}
            title={shortcuts ? `${t('queue.decline')} (Alt+D)` : undefined}
            onClick={() => void intents.declineOffer(offer.offerId)}
          >
            {t('queue.decline')}
          </button>
        </div>
      )}
    </li>
  );
}

function ItemRow({ item, selected }: { item: ItemView; selected: boolean }) {
  const { t } = useTranslation();
  const select = useAppStore((s) => s.selectItem);
  const queueName = useAppStore((s) => selectQueueName(s, item.queueId));
  const stateLabel = item.state === 'wrap-up' ? t('queue.itemState.wrap-up') : t('queue.itemState.accepted');
  return (
    <li>
      <button type="button" className="item-row" aria-current={selected ? 'true' : undefined} data-item-id={item.id} onClick={() => select(item.id)}>
        <span className="card-row">
          <ChannelBadge channel={item.channel} />
          <span className="queue-name">{queueName}</span>
        </span>
        <span className="card-subject">{item.subject}</span>
        <span className="card-row">
          <span className={`item-state item-state-${item.state}`}>{stateLabel}</span>
          {item.state === 'accepted' && <ResponseTarget item={item} />}
        </span>
      </button>
    </li>
  );
}

/** Tells screen readers about offers that were not there before (polite: it never interrupts). */
function useAnnounceNewOffers(offers: readonly Offer[]) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const queues = useAppStore((s) => s.view?.config?.queues);
  const label = useDataLabel();
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = offers.filter((o) => !seen.current.has(o.offerId));
    seen.current = new Set(offers.map((o) => o.offerId));
    const newest = fresh[fresh.length - 1];
    if (!newest) return;
    const found = queues?.find((q) => q.id === newest.item.queueId);
    const queue = found ? label(found.name, found.names) : newest.item.queueId;
    announce(t('queue.newOffer', { channel: t(`channels.${newest.item.channel}`), from: newest.item.from, queue }));
  }, [offers, queues, announce, t, label]);
}

export function QueuePane() {
  const { t } = useTranslation();
  const rawOffers = useAppStore(selectOffers);
  const items = useAppStore(selectItems);
  const focusedId = useAppStore((s) => selectFocusedItem(s)?.id ?? null);
  const presenceState = useAppStore((s) => s.view?.presence?.state ?? 'offline');
  const offers = useMemo(() => sortOffersOldestFirst(rawOffers), [rawOffers]);
  useAnnounceNewOffers(offers);
  return (
    <section className="pane queue-pane" aria-labelledby={QUEUE_HEADING_ID}>
      <h2 id={QUEUE_HEADING_ID} tabIndex={-1}>
        {t('queue.title')}
      </h2>
      <CustomerSearch />
      <IncomingCalls />
      <CallerHungUpNotice />
      <PhoneProblemNotice />
      <h3 className="list-title" id="offers-heading">
        {t('queue.offers')} <span className="count">{offers.length}</span>
      </h3>
      {offers.length === 0 ? (
        <p className="empty">{t(noOffersKey(presenceState))}</p>
      ) : (
        <ul className="card-list" aria-labelledby="offers-heading">
          {offers.map((offer, index) => (
            <OfferCard key={offer.offerId} offer={offer} oldest={index === 0} />
          ))}
        </ul>
      )}
      <h3 className="list-title" id="work-heading">
        {t('queue.myWork')} <span className="count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="empty">{t('queue.noWork')}</p>
      ) : (
        <ul className="card-list" aria-labelledby="work-heading">
          {items.map((item) => (
            <ItemRow key={item.id} item={item} selected={item.id === focusedId} />
          ))}
        </ul>
      )}
      <QueueBacklog />
    </section>
  );
}
