/**
 * The embeddable chat widget: `<script src="https://HUB/widget.js" async></script>` on any
 * page adds a chat button; the hub's own /chat page uses it full-page
 * (`data-centralita-mode="page"`). The hub is the script's own origin. Language: the script's
 * customer's own pick in the widget's switch, else `data-centralita-lang`, else the page's
 * lang, else the browser's (es, ca or en).
 */
import { ChatConnection } from './chat-connection';
import { mountWidget, type WidgetMode } from './widget-view';
import { pickLanguage, WIDGET_STRINGS, type WidgetLanguage } from './widget-strings';

// Only defined while this script first runs, so read before waiting for the DOM.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

const LANGUAGE_KEY = 'centralita-chat-language';

function start(): void {
  const storage = visitorStorage();
  const chosen = readChoice(storage);
  mount(pickLanguage(chosen, script?.dataset.centralitaLang, document.documentElement.lang, navigator.language), storage);
}

/**
 * The widget in one language. The customer's own pick (kept in localStorage, ahead of the
 * page's language) mounts it afresh: the new connection says hello in the new language, which
 * the hub adopts for an open chat, and resumes the conversation from its visitor token.
 */
function mount(language: WidgetLanguage, storage: Storage | null, reopened = false): void {
  const hubBase = script?.src ? new URL(script.src).origin : window.location.origin;
  const mode: WidgetMode = script?.dataset.centralitaMode === 'page' ? 'page' : 'bubble';
  const targetId = script?.dataset.centralitaTarget;
  const host = document.createElement('div');
  host.className = 'centralita-chat';
  host.lang = language;
  const target = (targetId ? document.getElementById(targetId) : null) ?? document.body;
  target.append(host);
  const connection = new ChatConnection(hubBase, language, storage);
  mountWidget(host, mode, WIDGET_STRINGS[language], connection, {
    current: language,
    reopened,
    choose: (next) => {
      writeChoice(storage, next);
      connection.stop();
      host.remove();
      mount(next, storage, true);
    },
  });
  connection.connect();
}

function readChoice(storage: Storage | null): string | null {
  try {
    return storage?.getItem(LANGUAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeChoice(storage: Storage | null, language: WidgetLanguage): void {
  try {
    storage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // Blocked storage: the choice lasts for this page only.
  }
}

/** localStorage, or null where the browser blocks it (then every visit is a new visitor). */
function visitorStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
