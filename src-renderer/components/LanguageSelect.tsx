import { useTranslation } from 'react-i18next';
import { LANGUAGES, Language } from '../../src-common/settings';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';

/**
 * The one language picker (login screen and settings dialog). It persists through settings.set;
 * the `settings` event that follows switches the UI. Disabled when IT policy locks the key.
 */
export function LanguageSelect({ id, describedBy, title }: { id: string; describedBy?: string; title?: string }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const language = useAppStore((s) => s.settings?.values.language ?? 'es');
  const locked = useAppStore((s) => s.settings?.locked.includes('language') ?? false);
  return (
    <select
      id={id}
      value={language}
      disabled={locked}
      aria-describedby={describedBy}
      title={title}
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
  );
}
