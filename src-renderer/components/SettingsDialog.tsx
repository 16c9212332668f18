import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings, type SettingKey } from '../../src-common/settings';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';
import { LanguageSelect } from './LanguageSelect';
import { AudioDevicesSection } from '../phone/AudioDevicesSection';

const AutoUpdate = Settings.shape.autoUpdate;

/** Every change applies at once through settings.set; policy-locked keys are shown, not editable. */
export function SettingsDialog() {
  const { t } = useTranslation();
  const intents = useIntents();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), lang: useId(), notif: useId(), keys: useId(), update: useId(), locked: useId() };
  const open = useAppStore((s) => s.settingsOpen);
  const setOpen = useAppStore((s) => s.setSettingsOpen);
  const settings = useAppStore((s) => s.settings);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const isLocked = (key: SettingKey) => settings?.locked.includes(key) ?? false;
  const lockNote = (key: SettingKey) =>
    isLocked(key) ? (
      <span className="locked-note" id={`${ids.locked}-${key}`}>
        {t('settings.locked')}
      </span>
    ) : null;
  const describedBy = (key: SettingKey) => (isLocked(key) ? `${ids.locked}-${key}` : undefined);

  return (
    <dialog ref={ref} className="settings-dialog" aria-labelledby={ids.title} onClose={() => setOpen(false)}>
      <h2 id={ids.title}>{t('settings.title')}</h2>
      {settings?.policyError && (
        <p className="form-error" role="alert">
          {t('settings.policyError', { error: settings.policyError })}
        </p>
      )}
      {settings && (
        <div className="settings-fields">
          <div className="field">
            <label htmlFor={ids.lang}>{t('settings.language')}</label>
            <LanguageSelect id={ids.lang} describedBy={describedBy('language')} />
            {lockNote('language')}
          </div>
          <div className="field field-check">
            <input
              id={ids.notif}
              type="checkbox"
              checked={settings.values.notifications}
              disabled={isLocked('notifications')}
              aria-describedby={describedBy('notifications')}
              onChange={(e) => void intents.changeSettings({ notifications: e.target.checked })}
            />
            <label htmlFor={ids.notif}>{t('settings.notifications')}</label>
            {lockNote('notifications')}
          </div>
          <div className="field field-check">
            <input
              id={ids.keys}
              type="checkbox"
              checked={settings.values.keyboardShortcuts}
              disabled={isLocked('keyboardShortcuts')}
              aria-describedby={describedBy('keyboardShortcuts')}
              onChange={(e) => void intents.changeSettings({ keyboardShortcuts: e.target.checked })}
            />
            <label htmlFor={ids.keys}>{t('settings.shortcuts')}</label>
            {lockNote('keyboardShortcuts')}
            <p className="hint field-hint">{t('phone.shortcutsHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={ids.update}>{t('settings.autoUpdate')}</label>
            <select
              id={ids.update}
              value={settings.values.autoUpdate}
              disabled={isLocked('autoUpdate')}
              aria-describedby={describedBy('autoUpdate')}
              onChange={(e) => {
                const next = AutoUpdate.safeParse(e.target.value);
                if (next.success) void intents.changeSettings({ autoUpdate: next.data });
              }}
            >
              {AutoUpdate.options.map((option) => (
                <option key={option} value={option}>
                  {t(`settings.autoUpdateOptions.${option}`)}
                </option>
              ))}
            </select>
            {lockNote('autoUpdate')}
          </div>
          <AudioDevicesSection active={open} />
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-primary" onClick={() => setOpen(false)}>
          {t('settings.close')}
        </button>
      </div>
    </dialog>
  );
}
