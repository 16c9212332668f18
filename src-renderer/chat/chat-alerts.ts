/**
 * Tells an agent who is looking elsewhere about a new chat offer or a customer's message: a
 * notification and a short beep, only while the window is not focused and only when the
 * notifications setting is on. Web mode uses the browser's Notification API when permitted,
 * else the tab title flashes. In Electron the shell already notifies offers natively, so here
 * only messages raise a notification (offers still beep).
 */
import type { DesktopApi } from '../../src-common/ipc';
import type { AppStore } from '../store/app-store';

export interface AlertSurface {
  isFocused(): boolean;
  /** Shows a system notification; false when not permitted (the caller falls back to the title). */
  notify(title: string, body: string): boolean;
  flashTitle(text: string): void;
  beep(): void;
}

export interface ChatAlertOptions {
  api: DesktopApi;
  store: AppStore;
  transport: 'electron' | 'web';
  text: { offer: (name: string) => string; message: (name: string) => string };
  surface: AlertSurface;
}

export function startChatAlerts({ api, store, transport, text, surface }: ChatAlertOptions): () => void {
  const seenOffers = new Set<string>();
  const enabled = (): boolean => store.getState().settings?.values.notifications ?? true;

  const alert = (title: string, body: string, shellNotifies: boolean): void => {
    if (surface.isFocused() || !enabled()) return;
    surface.beep();
    if (shellNotifies) return;
    if (!surface.notify(title, body)) surface.flashTitle(title);
  };

  const offStore = store.subscribe((state, previous) => {
    // Offers arrive only with a new view; chat and phone events change other parts of the store.
    if (state.view === previous.view) return;
    for (const offer of state.view?.offers ?? []) {
      if (seenOffers.has(offer.offerId)) continue;
      seenOffers.add(offer.offerId);
      if (offer.item.channel === 'chat') alert(text.offer(offer.item.subject), offer.item.preview, transport === 'electron');
    }
  });
  const offChat = api.on('chat', (event) => {
    // A supervisor watching someone else's chat reads it on the console; it is not theirs to answer.
    const watchedOnly = store.getState().monitoredChats.includes(event.itemId) && !store.getState().view?.items.some((i) => i.id === event.itemId);
    if (event.kind === 'chat-message' && event.message.author === 'customer' && !watchedOnly) {
      alert(text.message(event.message.authorName), event.message.attachment ? event.message.attachment.name : event.message.text.slice(0, 140), false);
    }
  });
  return () => {
    offStore();
    offChat();
  };
}

/** The real browser surface: Notification API, a flashing title, and a WebAudio beep (no sound file). */
export function browserAlertSurface(win: Window): AlertSurface {
  const doc = win.document;
  let audio: AudioContext | null = null;
  let flashTimer: number | null = null;
  const baseTitle = (): string => doc.title.replace(/^\u2022 .*? \u2014 /, '');

  const stopFlash = (): void => {
    if (flashTimer !== null) win.clearInterval(flashTimer);
    flashTimer = null;
    doc.title = baseTitle();
  };
  win.addEventListener('focus', stopFlash);

  // Browsers allow a permission prompt and audio only after a user gesture: the first click.
  doc.addEventListener(
    'pointerdown',
    () => {
      audio ??= new AudioContext();
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    },
    { once: true, capture: true },
  );

  return {
    isFocused: () => doc.hasFocus() && doc.visibilityState === 'visible',
    notify(title, body) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
      const notification = new Notification(title, { body, tag: 'centralita-chat' });
      notification.onclick = () => {
        win.focus();
        notification.close();
      };
      return true;
    },
    flashTitle(text) {
      stopFlash();
      const original = doc.title;
      const marked = `\u2022 ${text} \u2014 ${original}`;
      let on = false;
      doc.title = marked;
      flashTimer = win.setInterval(() => {
        on = !on;
        doc.title = on ? original : marked;
      }, 1000);
    },
    beep() {
      audio ??= new AudioContext();
      const now = audio.currentTime;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.setValueAtTime(880, now);
      tone.frequency.setValueAtTime(1175, now + 0.09);
      // A quick fade in and out avoids clicks.
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(now);
      tone.stop(now + 0.26);
    },
  };
}
