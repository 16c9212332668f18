/**
 * The embeddable chat widget: `<script src="https://HUB/widget.js" async></script>` on any
 * page adds a chat button; the hub's own /chat page uses it full-page
 * (`data-centralita-mode="page"`). The hub is the script's own origin. Language: the script's
 * `data-centralita-lang`, else the page's lang, else the browser's (es, ca or en).
 */
import { ChatConnection } from './chat-connection';
import { mountWidget, type WidgetMode } from './widget-view';
import { pickLanguage, WIDGET_STRINGS } from './widget-strings';

// Only defined while this script first runs, so read before waiting for the DOM.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function start(): void {
  const hubBase = script?.src ? new URL(script.src).origin : window.location.origin;
  const mode: WidgetMode = script?.dataset.centralitaMode === 'page' ? 'page' : 'bubble';
  const language = pickLanguage(script?.dataset.centralitaLang, document.documentElement.lang, navigator.language);
  const targetId = script?.dataset.centralitaTarget;
  const host = document.createElement('div');
  host.className = 'centralita-chat';
  const target = (targetId ? document.getElementById(targetId) : null) ?? document.body;
  target.append(host);
  const connection = new ChatConnection(hubBase, language, visitorStorage());
  mountWidget(host, mode, WIDGET_STRINGS[language], connection);
  connection.connect();
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
