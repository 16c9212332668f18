import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings, type SettingKey } from '../../src-common/settings';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';
import { LanguageSelect } from './LanguageSelect';
import { PolicyIssues } from './PolicyIssues';
import { DiagnosticsExport } from './DiagnosticsExport';
import { AudioDevicesSection } from '../phone/AudioDevicesSection';
import { HeadsetSection } from '../headset/HeadsetSection';

const AutoUpdate = Settings.shape.autoUpdate;

type BooleanSetting = 'notifications' | 'keyboardShortcuts' | 'startAtLogin' | 'globalShortcuts';

interface SettingCheckboxProps {
  setting: BooleanSetting;
  label: string;
  lockNote: (key: SettingKey) => ReactNode;
  describedBy: (key: SettingKey) => string | undefined;
  children?: ReactNode;
}

/** One on/off setting: applied at once, disabled (with the dialog's lock note) when policy locks it. */
function SettingCheckbox({ setting, label, lockNote, describedBy, children }: SettingCheckboxProps) {
  const intents = useIntents();
  const id = useId();
  const checked = useAppStore((s) => s.settings?.values[setting] ?? false);
  const locked = useAppStore((s) => s.settings?.locked.includes(setting) ?? false);
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={locked}
        aria-describedby={describedBy(setting)}
        onChange={(e) => void intents.changeSettings({ [setting]: e.target.checked })}
      />
      <label htmlFor={id}>{label}</label>
      {lockNote(setting)}
      {children}
    </div>
  );
}

/** Every change applies at once through settings.set; policy-locked keys are shown, not editable. */
export function SettingsDialog() {
  const { t } = useTranslation();
  const intents = useIntents();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), lang: useId(), update: useId(), locked: useId() };
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
      <PolicyIssues />
      {settings && (
        <div className="settings-fields">
          <div className="field">
            <label htmlFor={ids.lang}>{t('settings.language')}</label>
            <LanguageSelect id={ids.lang} describedBy={describedBy('language')} />
            {lockNote('language')}
          </div>
          <SettingCheckbox setting="notifications" label={t('settings.notifications')} lockNote={lockNote} describedBy={describedBy} />
          <SettingCheckbox setting="keyboardShortcuts" label={t('settings.shortcuts')} lockNote={lockNote} describedBy={describedBy}>
            <p className="hint field-hint">{t('phone.shortcutsHint')}</p>
          </SettingCheckbox>
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
          <SettingCheckbox setting="startAtLogin" label={t('itAdmin.startAtLogin')} lockNote={lockNote} describedBy={describedBy} />
          <SettingCheckbox
            setting="globalShortcuts"
            label={t('itAdmin.globalShortcuts', { answer: settings.values.shortcutAnswer, hangup: settings.values.shortcutHangUp, mute: settings.values.shortcutMute })}
            lockNote={lockNote}
            describedBy={describedBy}
          />
          <AudioDevicesSection active={open} />
          <HeadsetSection />
          <DiagnosticsExport />
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
