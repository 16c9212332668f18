import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingKey } from '../../src-common/settings';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';
import type { AudioDevice } from '../../src-common/phone-host';
import { usePhone } from './phone-context';

/**
 * Settings → call audio: microphone and speaker (remembered by main as microphoneId/speakerId),
 * a live microphone level while the dialog is open, and a speaker test tone through the chosen
 * output. The level meter is written straight to the DOM: it changes 20 times a second and must
 * not re-render the dialog.
 */
export function AudioDevicesSection({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const host = usePhone().host;
  const ids = { title: useId(), level: useId() };
  const settings = useAppStore((s) => s.settings);
  const microphoneId = settings?.values.microphoneId ?? '';
  const speakerId = settings?.values.speakerId ?? '';
  const [devices, setDevices] = useState<AudioDevice[]>([]);
  const [meterProblem, setMeterProblem] = useState(false);
  const [testing, setTesting] = useState(false);
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
  const options = (list: AudioDevice[], chosen: string) => {
    // A remembered device that is not plugged in now stays selectable (it is still the choice).
    const withChosen = chosen && !list.some((d) => d.deviceId === chosen) ? [...list, { deviceId: chosen, label: '', kind: list[0]?.kind ?? 'audioinput' }] : list;
    return [
      <option key="" value="">
        {t('phone.devices.systemDefault')}
      </option>,
      ...withChosen.map((d, index) => (
        <option key={d.deviceId} value={d.deviceId}>
          {d.label || t('phone.devices.unnamed', { n: index + 1 })}
        </option>
      )),
    ];
  };

  async function testSpeaker() {
    if (!host) return;
    setTesting(true);
    const result = await host.playSpeakerTest(speakerId);
    setTesting(false);
    if (!result.ok) useAppStore.getState().showNotice('phone', result.error);
  }

  return (
    <section className="settings-section" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('phone.devices.title')}</h3>
      {hiddenLabels && <p className="hint">{t('phone.devices.noLabels')}</p>}
      <DeviceSelect setting="microphoneId" label={t('phone.devices.microphone')} value={microphoneId} locked={locked('microphoneId')} options={options(inputs, microphoneId)} />
      <div className="level-row">
        <span className="level-label" id={ids.level}>
          {t('phone.devices.level')}
        </span>
        <div ref={meterRef} className="level-meter" role="meter" aria-labelledby={ids.level} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0} data-mic-meter="">
          <span ref={fillRef} className="level-fill" />
        </div>
      </div>
      {meterProblem && <p className="hint">{t('phone.devices.levelOff')}</p>}
      <DeviceSelect setting="speakerId" label={t('phone.devices.speaker')} value={speakerId} locked={locked('speakerId')} options={options(outputs, speakerId)} />
      <button type="button" className="button-secondary" disabled={testing} onClick={() => void testSpeaker()}>
        {testing ? t('phone.devices.testing') : t('phone.devices.test')}
      </button>
    </section>
  );
}

interface DeviceSelectProps {
  setting: 'microphoneId' | 'speakerId';
  label: string;
  value: string;
  locked: boolean;
  options: ReactNode;
}

/** One device choice, applied at once; a policy-locked choice is shown, not editable. */
function DeviceSelect({ setting, label, value, locked, options }: DeviceSelectProps) {
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
        onChange={(e) => void intents.changeSettings({ [setting]: e.target.value })}
      >
        {options}
      </select>
      {locked && (
        <span className="locked-note" id={ids.locked}>
          {t('settings.locked')}
        </span>
      )}
    </div>
  );
}
