/**
 * Renderer entry: pick the DesktopApi transport, wire main's events into the store, follow
 * the language setting, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { selectDesktopApi } from './api/select-desktop-api';
import { ChatContext } from './chat/chat-context';
import { browserAlertSurface, startChatAlerts } from './chat/chat-alerts';
import { createChatController } from './chat/chat-controller';
import { EmailContext } from './email/email-context';
import { createEmailController } from './email/email-controller';
import { App, NoSecretScreen } from './components/App';
import { IntentsContext } from './components/intents-context';
import { connectStore } from './connect-store';
import { setupI18n } from './i18n/setup-i18n';
import { createIntents } from './intents';
import { log } from './log';
import { refreshOpenThreadsOnReconnect } from './refresh-open-threads';
import { useAppStore } from './store/app-store';
import { outboundItemThroughMain } from './phone/outbound-item';
import { transferItemThroughMain } from './phone/transfer-item';
import { createPhoneController } from './phone/phone-controller';
import { followNetworkMoves } from './phone/network-moves';
import { dialOsRequests } from './phone/os-dial-requests';
import { runGlobalHotkeys } from './phone/global-hotkeys';
import { createPhoneActions, createPhoneShortcuts } from './phone/phone-keys';
import { createHeadsetController, pageStorage } from './headset/headset-controller';
import { HeadsetContext } from './headset/headset-context';
import { webHidOf } from './headset/webhid';
import { PhoneContext } from './phone/phone-context';
import { selectPhoneHost } from './phone/select-phone-host';
import { reportPhoneReadiness } from './phone/report-phone-readiness';
import './styles/app.css';
import './phone/phone.css';

declare global {
  interface Window {
    __centralitaLog?: typeof log.recent;
  }
}

function start(): void {
  const rootElement = document.getElementById('root');
  if (!rootElement) return;
  window.__centralitaLog = log.recent;
  const i18n = setupI18n('es', document);
  const root = createRoot(rootElement);
  const selection = selectDesktopApi(window);
  if (!selection.ok) {
    log.error('web mode opened without a bridge secret');
    root.render(
      <I18nextProvider i18n={i18n}>
        <NoSecretScreen />
      </I18nextProvider>,
    );
    return;
  }
  const { api, onTransportStatus, initialStatus, transport } = selection.value;
  log.info(`desktop api over ${transport}`);
  const store = useAppStore;
  store.getState().setTransport(initialStatus);
  const intents = createIntents(api, store);
  store.subscribe((state, previous) => {
    const language = state.settings?.values.language;
    if (language && language !== previous.settings?.values.language && language !== i18n.language) void i18n.changeLanguage(language);
  });
  connectStore(api, store, intents, onTransportStatus);
  const chat = createChatController(api, store, () => window.crypto.randomUUID());
  const email = createEmailController(api, store, () => window.crypto.randomUUID());
  const phone = createPhoneController({
    host: selectPhoneHost(window, transport),
    app: store,
    intents,
    startOutboundItem: outboundItemThroughMain(api, () => window.crypto.randomUUID()),
    startTransferItem: transferItemThroughMain(api, () => window.crypto.randomUUID()),
  });
  dialOsRequests(api, phone, store);
  followNetworkMoves(api, phone, store);
  runGlobalHotkeys(api, createPhoneShortcuts(store, phone));
  const headset = createHeadsetController({ hid: webHidOf(navigator), app: store, actions: createPhoneActions(store, phone), storage: pageStorage(window) });
  startChatAlerts({
    api,
    store,
    transport,
    text: { offer: (name) => i18n.t('chat.notifyOffer', { name }), message: (name) => i18n.t('chat.notifyMessage', { name }) },
    surface: browserAlertSurface(window),
  });
  refreshOpenThreadsOnReconnect(store, onTransportStatus, [chat, email]);
  reportPhoneReadiness(api, store, (listener) =>
    onTransportStatus((status) => {
      if (status === 'open') listener();
    }),
  );
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <IntentsContext.Provider value={intents}>
          <ChatContext.Provider value={chat}>
            <EmailContext.Provider value={email}>
              <PhoneContext.Provider value={phone}>
                <HeadsetContext.Provider value={headset}>
                  <App />
                </HeadsetContext.Provider>
              </PhoneContext.Provider>
            </EmailContext.Provider>
          </ChatContext.Provider>
        </IntentsContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
}

start();
