import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../src-common/result';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginScreen() {
  const { t } = useTranslation();
  const intents = useIntents();
  const ids = { user: useId(), pass: useId(), hub: useId(), hubHint: useId(), title: useId() };
  const savedHubUrl = useAppStore((s) => s.settings?.values.hubUrl ?? '');
  const hubLocked = useAppStore((s) => s.settings?.locked.includes('hubUrl') ?? false);
  const sessionError = useAppStore((s) => s.view?.lastError ?? null);
  const sessionEnded = useAppStore((s) => s.view?.sessionEnded ?? null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [hubUrl, setHubUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const shownError = error ?? sessionError;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await intents.login({ hubUrl: hubUrl ?? savedHubUrl, username: username.trim(), password });
    setBusy(false);
    if (!result.ok) setError(result.error);
  }

  return (
    <div className="login-page">
      <main className="login-card" aria-labelledby={ids.title}>
        <div className="login-head">
          <div>
            <p className="brand">{t('app.name')}</p>
            <h1 id={ids.title}>{t('login.title')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate={false}>
          <label htmlFor={ids.user}>{t('login.username')}</label>
          <input id={ids.user} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
          <label htmlFor={ids.pass}>{t('login.password')}</label>
          <input
            id={ids.pass}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <details className="hub-choice" open={savedHubUrl !== ''}>
            <summary>{t('login.otherHub')}</summary>
            <label htmlFor={ids.hub}>{t('login.hubUrl')}</label>
            <input
              id={ids.hub}
              name="hubUrl"
              type="url"
              inputMode="url"
              placeholder="https://hub.example.com"
              aria-describedby={ids.hubHint}
              disabled={hubLocked}
              value={hubUrl ?? savedHubUrl}
              onChange={(e) => setHubUrl(e.target.value)}
            />
            <p id={ids.hubHint} className="hint">
              {hubLocked ? t('settings.locked') : t('login.hubUrlHint')}
            </p>
          </details>
          {!error && sessionEnded ? (
            <p className="form-error" role="alert">
              {t(`login.ended.${sessionEnded}`)}
            </p>
          ) : shownError && (
            <p className="form-error" role="alert">
              {t('login.failed')}: {t(`errors.${shownError.code}`)}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
