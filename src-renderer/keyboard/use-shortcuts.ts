/**
 * Agent shortcuts: Alt+A / Alt+D accept / decline the oldest offer, Alt+E ends the focused
 * item, Alt+Q moves focus to the queue; call controls come first through `extra`. Matched on KeyboardEvent.code so they sit on the same
 * keys whatever the keyboard layout; read from the store at key time, so they never re-render.
 */
import { useEffect } from 'react';
import type { Intents } from '../intents';
import type { AppStore } from '../store/app-store';
import { selectFocusedItem, selectOldestOffer } from '../store/selectors';

/** Tried first with the key's code; true = it handled the key (phone shortcuts: keyboard/phone-shortcuts.ts). */
export type ExtraShortcuts = (code: string) => boolean;

export function handleShortcut(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
  store: AppStore,
  intents: Intents,
  focusQueue: () => void,
  extra?: ExtraShortcuts,
): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  const state = store.getState();
  if (state.settings && !state.settings.values.keyboardShortcuts) return false;
  if (extra?.(event.code)) return true;
  switch (event.code) {
    case 'KeyA': {
      const offer = selectOldestOffer(state);
      if (offer) void intents.acceptOffer(offer.offerId);
      return true;
    }
    case 'KeyD': {
      const offer = selectOldestOffer(state);
      if (offer) void intents.declineOffer(offer.offerId);
      return true;
    }
    case 'KeyE': {
      const item = selectFocusedItem(state);
      if (item?.state === 'accepted') void intents.endItem(item.id);
      return true;
    }
    case 'KeyQ':
      focusQueue();
      return true;
    default:
      return false;
  }
}

export function useShortcuts(store: AppStore, intents: Intents, focusQueue: () => void, extra?: ExtraShortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat) return;
      if (handleShortcut(event, store, intents, focusQueue, extra)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, intents, focusQueue, extra]);
}
