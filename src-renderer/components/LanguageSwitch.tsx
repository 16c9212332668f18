import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, Language } from '../../src-common/settings';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';

/** Persists through settings.set; the `settings` event that follows switches the UI. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const intents = useIntents();
  const language = useAppStore((s) => s.settings?.values.language ?? 'es');
  const locked = useAppStore((s) => s.settings?.locked.includes('language') ?? false);
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('languages.label')}</label>
      <select
        id={id}
        value={language}
        disabled={locked}
        title={locked ? t('settings.locked') : undefined}
        onChange={(e) => {
          const next = Language.safeParse(e.target.value);
          if (next.success) void intents.changeSettings({ language: next.data });
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`languages.${lng}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
