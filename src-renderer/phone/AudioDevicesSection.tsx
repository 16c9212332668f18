import { useEffect, useId, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { RINGER_FOLLOWS_SPEAKER, Ringtone, SYSTEM_DEFAULT_OUTPUT, Settings, type SettingKey } from '../../src-common/settings';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';
import type { AudioDevice } from '../../src-common/phone-host';
import { usePhone } from './phone-context';

/**
 * Settings → call audio: microphone and speaker (remembered by main as microphoneId/speakerId),
 * a live microphone level while the dialog is open, a speaker test tone through the chosen
 * output, and the ringer: where it rings (the call speaker by default, or another output such as
 * the laptop's own while the headset stays quiet), which tone, how loud, and a test ring. The
 * level meter is written straight to the DOM: it changes 20 times a second and must not
 * re-render the dialog.
 */
export function AudioDevicesSection({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const host = usePhone().host;
  const ids = { title: useId(), level: useId() };
  const settings = useAppStore((s) => s.settings);
  const microphoneId = settings?.values.microphoneId ?? '';
  const speakerId = settings?.values.speakerId ?? '';
  const ringerId = settings?.values.ringerId ?? RINGER_FOLLOWS_SPEAKER;
  const ringtone = settings?.values.ringtone ?? 'classic';
  /** The slider's value while it moves, before it is saved: the test ring plays what the agent sees. */
  const [volumeDraft, setVolumeDraft] = useState<number | null>(null);
  const ringerVolume = volumeDraft ?? settings?.values.ringerVolume ?? 0;
  const [devices, setDevices] = useState<AudioDevice[]>([]);
  const [meterProblem, setMeterProblem] = useState(false);
  /** Which test sound plays: one at a time, both buttons wait. */
  const [testing, setTesting] = useState<'speaker' | 'ringer' | null>(null);
  const meterRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLSpanElement>(null);

  // The meter opens the microphone (which also unlocks device names), then the list is read.
  useEffect(() => {
    if (!host || !active) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void host
      .watchMicrophoneLevel(microphoneId, (level) => {
        const percent = Math.round(Math.min(1, level * 4) * 100);
        meterRef.current?.setAttribute('aria-valuenow', String(percent));
        if (fillRef.current) fillRef.current.style.width = `${percent}%`;
      })
      .then(async (result) => {
        if (cancelled) {
          if (result.ok) result.value();
          return;
        }
        setMeterProblem(!result.ok);
        if (result.ok) stop = result.value;
        const listed = await host.listAudioDevices();
        if (!cancelled && listed.ok) setDevices(listed.value);
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [host, active, microphoneId]);

  if (!host) {
    return (
      <section className="settings-section" aria-labelledby={ids.title}>
        <h3 id={ids.title}>{t('phone.devices.title')}</h3>
        <p className="empty">{t('phone.devices.unavailable')}</p>
      </section>
    );
  }

  const locked = (key: SettingKey) => settings?.locked.includes(key) ?? false;
  const inputs = devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== '');
  const outputs = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default' && d.deviceId !== '');
  const hiddenLabels = devices.length > 0 && devices.every((d) => d.label === '');
  const option = (value: string, label: string) => (
    <option key={value} value={value}>
      {label}
    </option>
  );
  const deviceOptions = (list: AudioDevice[], chosen: string, special: readonly string[]) => {
    // A remembered device that is not plugged in now stays selectable (it is still the choice).
    const withChosen = chosen && !special.includes(chosen) && !list.some((d) => d.deviceId === chosen) ? [...list, { deviceId: chosen, label: '', kind: list[0]?.kind ?? 'audioinput' }] : list;
    return withChosen.map((d, index) => option(d.deviceId, d.label || t('phone.devices.unnamed', { n: index + 1 })));
  };
  const systemDefault = (value: string) => option(value, t('phone.devices.systemDefault'));

  async function test(sound: 'speaker' | 'ringer') {
    if (!host) return;
    setTesting(sound);
    const result = sound === 'speaker' ? await host.playSpeakerTest(speakerId) : await host.playRingtoneTest({ ringerId, ringtone, ringerVolume });
    setTesting(null);
    if (!result.ok) useAppStore.getState().showNotice('phone', result.error);
  }
  const testButton = (sound: 'speaker' | 'ringer', label: string) => (
    <button type="button" className="button-secondary" disabled={testing !== null} onClick={() => void test(sound)}>
      {testing === sound ? t('phone.devices.testing') : label}
    </button>
  );

  return (
    <section className="settings-section" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('phone.devices.title')}</h3>
      {hiddenLabels && <p className="hint">{t('phone.devices.noLabels')}</p>}
      <SettingSelect setting="microphoneId" label={t('phone.devices.microphone')} value={microphoneId} locked={locked('microphoneId')}>
        {systemDefault('')}
        {deviceOptions(inputs, microphoneId, [''])}
      </SettingSelect>
      <div className="level-row">
        <span className="level-label" id={ids.level}>
          {t('phone.devices.level')}
        </span>
        <div ref={meterRef} className="level-meter" role="meter" aria-labelledby={ids.level} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0} data-mic-meter="">
          <span ref={fillRef} className="level-fill" />
        </div>
      </div>
      {meterProblem && <p className="hint">{t('phone.devices.levelOff')}</p>}
      <SettingSelect setting="speakerId" label={t('phone.devices.speaker')} value={speakerId} locked={locked('speakerId')}>
        {systemDefault('')}
        {deviceOptions(outputs, speakerId, [''])}
      </SettingSelect>
      {testButton('speaker', t('phone.devices.test'))}
      <SettingSelect setting="ringerId" label={t('phone.devices.ringer')} value={ringerId} locked={locked('ringerId')}>
        {option(RINGER_FOLLOWS_SPEAKER, t('phone.devices.ringerFollowsSpeaker'))}
        {systemDefault(SYSTEM_DEFAULT_OUTPUT)}
        {deviceOptions(outputs, ringerId, [RINGER_FOLLOWS_SPEAKER, SYSTEM_DEFAULT_OUTPUT])}
      </SettingSelect>
      <SettingSelect setting="ringtone" label={t('phone.devices.ringtone')} value={ringtone} locked={locked('ringtone')}>
        {Ringtone.options.map((name) => option(name, t(`phone.devices.ringtones.${name}`)))}
      </SettingSelect>
      <RingerVolume value={ringerVolume} draft={volumeDraft} onDraft={setVolumeDraft} locked={locked('ringerVolume')} />
      {testButton('ringer', t('phone.devices.testRingtone'))}
    </section>
  );
}

interface SettingSelectProps {
  setting: 'microphoneId' | 'speakerId' | 'ringerId' | 'ringtone';
  label: string;
  value: string;
  locked: boolean;
  children: ReactNode;
}

/** One choice among options (their values are the setting's), applied at once; a policy-locked choice is shown, not editable. */
function SettingSelect({ setting, label, value, locked, children }: SettingSelectProps) {
  const { t } = useTranslation();
  const intents = useIntents();
  const ids = { select: useId(), locked: useId() };
  return (
    <div className="field">
      <label htmlFor={ids.select}>{label}</label>
      <select
        id={ids.select}
        value={value}
        disabled={locked}
        aria-describedby={locked ? ids.locked : undefined}
        onChange={(e) => {
          const values = Settings.partial().safeParse({ [setting]: e.target.value });
          if (values.success) void intents.changeSettings(values.data);
        }}
      >
        {children}
      </select>
      {locked && (
        <span className="locked-note" id={ids.locked}>
          {t('settings.locked')}
        </span>
      )}
    </div>
  );
}

interface RingerVolumeProps {
  /** What the slider shows: the draft while there is one, else the saved setting. */
  value: number;
  draft: number | null;
  onDraft: Dispatch<SetStateAction<number | null>>;
  locked: boolean;
}

/**
 * The ringer volume, 0-100 in steps of 5 (arrow keys move it). A drag passes many values: only
 * the one it rests on for a moment is saved, so settings are not written on every step.
 */
function RingerVolume({ value, draft, onDraft, locked }: RingerVolumeProps) {
  const { t } = useTranslation();
  const intents = useIntents();
  const ids = { input: useId(), locked: useId() };

  useEffect(() => {
    if (draft === null) return;
    const timer = setTimeout(() => {
      // changeSettings puts the saved settings in the store before it resolves: the slider keeps its place.
      void intents.changeSettings({ ringerVolume: draft }).then(() => onDraft((current) => (current === draft ? null : current)));
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, intents, onDraft]);

  return (
    <div className="field">
      <label htmlFor={ids.input}>{t('phone.devices.ringerVolume')}</label>
      <input
        id={ids.input}
        type="range"
        min={0}
        max={100}
        step={5}
        value={value}
        disabled={locked}
        aria-valuetext={t('phone.devices.percent', { n: value })}
        aria-describedby={locked ? ids.locked : undefined}
        onChange={(e) => onDraft(Number(e.target.value))}
      />
      {locked && (
        <span className="locked-note" id={ids.locked}>
          {t('settings.locked')}
        </span>
      )}
    </div>
  );
}
