import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { AgentScreen } from './AgentScreen';
import { LoginScreen } from './LoginScreen';

export function App() {
  const { t } = useTranslation();
  const hasView = useAppStore((s) => s.view !== null);
  const signedIn = useAppStore((s) => s.view !== null && s.view.user !== null && s.view.status !== 'signed-out');
  if (!hasView)
    return (
      <main className="splash" aria-busy="true">
        <p className="brand">{t('app.name')}</p>
        <p role="status">{t('connection.connecting')}</p>
      </main>
    );
  return signedIn ? <AgentScreen /> : <LoginScreen />;
}

/** Shown when web mode is opened without the launcher's secret: nothing can work. */
export function NoSecretScreen() {
  const { t } = useTranslation();
  return (
    <main className="splash">
      <p className="brand">{t('app.name')}</p>
      <p role="alert">{t('errors.noSecret')}</p>
    </main>
  );
}
