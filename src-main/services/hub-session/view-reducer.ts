/**
 * Pure state transitions of the agent's DesktopView: a welcome snapshot replaces the hub part
 * of the view; each event patches it. Kept free of I/O so it is tested on its own and so the
 * session can persist exactly what it applied.
 */
import type { ItemView, Offer } from '../../../src-common/domain';
import type { DesktopView, SessionStatus } from '../../../src-common/ipc';
import type { AgentSnapshot, HubEvent, LiveUpdate } from '../../../src-common/protocol';
import type { AppError } from '../../../src-common/result';

export function initialView(hubUrl: string): DesktopView {
  return {
    status: 'signed-out',
    hubUrl,
    user: null,
    lastError: null,
    presence: null,
    offers: [],
    items: [],
    config: null,
    serverTimeOffsetMs: 0,
    outboxPending: 0,
    outboxRefused: [],
    backlog: [],
    supervisor: null,
    callerHungUp: null,
    sessionEnded: null,
  };
}

/** The part of the view that comes from the hub and is persisted beside the last applied seq. */
export type HubState = Pick<DesktopView, 'user' | 'presence' | 'offers' | 'items' | 'config'>;

export function hubStateOf(view: DesktopView): HubState {
  return { user: view.user, presence: view.presence, offers: view.offers, items: view.items, config: view.config };
}

export function applySnapshot(view: DesktopView, snapshot: AgentSnapshot): DesktopView {
  return {
    ...view,
    user: snapshot.user,
    presence: snapshot.presence,
    offers: sortOffers(snapshot.offers),
    items: sortItems(snapshot.items.filter(isOpenItem)),
    config: snapshot.config,
    backlog: snapshot.backlog ?? [],
  };
}

/** Items the agent still works on; done/abandoned ones leave the workspace. */
function isOpenItem(item: ItemView): boolean {
  return item.state === 'accepted' || item.state === 'wrap-up';
}

function sortOffers(offers: Offer[]): Offer[] {
  return [...offers].sort((a, b) => a.offeredAt.localeCompare(b.offeredAt) || a.offerId.localeCompare(b.offerId));
}

function sortItems(items: ItemView[]): ItemView[] {
  return [...items].sort((a, b) => (a.acceptedAt ?? a.createdAt).localeCompare(b.acceptedAt ?? b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Applies one hub event. Events about other agents are ignored: the hub only sends an agent
 * what concerns them, but a stray one must never put another agent's offer on this screen.
 */
export function applyHubEvent(view: DesktopView, event: HubEvent): DesktopView {
  const me = view.user?.id ?? null;
  switch (event.kind) {
    case 'presence':
      return event.presence.agentId === me ? { ...view, presence: event.presence } : view;
    case 'offer': {
      if (event.offer.agentId !== me) return view;
      const others = view.offers.filter((o) => o.offerId !== event.offer.offerId);
      return { ...view, offers: sortOffers([...others, event.offer]) };
    }
    case 'offer-revoked': {
      const gone = view.offers.find((o) => o.offerId === event.offerId);
      const offers = view.offers.filter((o) => o.offerId !== event.offerId);
      // A ringing call whose caller gave up: said in the queue, with the number to call back.
      if (gone && event.reason === 'abandoned' && gone.item.channel === 'voice') {
        return { ...view, offers, callerHungUp: { offerId: gone.offerId, from: gone.item.from, customerId: gone.item.customerId } };
      }
      return { ...view, offers };
    }
    case 'item': {
      const item = event.item;
      const others = view.items.filter((i) => i.id !== item.id);
      const mine = item.agentId === me && isOpenItem(item);
      // An item that moved past "offered" can no longer be accepted from any offer of ours.
      const stillOfferable = item.state === 'offered' || item.state === 'queued';
      const offers = stillOfferable ? view.offers : view.offers.filter((o) => o.item.id !== item.id);
      return { ...view, items: mine ? sortItems([...others, item]) : others, offers };
    }
    case 'customer-changed':
      return view;
    // Chat traffic is not part of the view: main services forward it as 'chat' IPC events.
    case 'chat-message':
    case 'chat-read':
    case 'chat-closed':
    case 'chat-whisper':
    case 'chat-monitoring':
      return view;
    // Email threads are read on demand (getEmailThread); their events do not change this view.
    case 'email-message':
    case 'email-delivery':
      return view;
  }
}

/** Applies one live update; typing is not part of the view (forwarded as a 'chat' IPC event). */
export function applyLiveUpdate(view: DesktopView, update: LiveUpdate): DesktopView {
  switch (update.kind) {
    case 'backlog':
      return { ...view, backlog: update.backlog };
    case 'supervisor':
      return { ...view, supervisor: update.dashboard };
    case 'chat-typing':
      return view;
  }
}

export function withStatus(view: DesktopView, status: SessionStatus, lastError: AppError | null = view.lastError): DesktopView {
  return { ...view, status, lastError };
}

