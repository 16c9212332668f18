import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import { LanguageSelect } from './LanguageSelect';

/** The labelled language picker of the login screen. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const locked = useAppStore((s) => s.settings?.locked.includes('language') ?? false);
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('languages.label')}</label>
      <LanguageSelect id={id} title={locked ? t('settings.locked') : undefined} />
    </div>
  );
}
