import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { AgentScreen } from './AgentScreen';
import { LoginScreen } from './LoginScreen';
import { SupervisorScreen } from '../supervisor/SupervisorScreen';

export function App() {
  const { t } = useTranslation();
  const hasView = useAppStore((s) => s.view !== null);
  const signedIn = useAppStore((s) => s.view !== null && s.view.user !== null && s.view.status !== 'signed-out');
  // Administrators take no work: the supervision console is their whole screen.
  const admin = useAppStore((s) => s.view?.user?.role === 'admin');
  if (!hasView)
    return (
      <main className="splash" aria-busy="true">
        <p className="brand">{t('app.name')}</p>
        <p role="status">{t('connection.connecting')}</p>
      </main>
    );
  if (!signedIn) return <LoginScreen />;
  return admin ? <SupervisorScreen /> : <AgentScreen />;
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
