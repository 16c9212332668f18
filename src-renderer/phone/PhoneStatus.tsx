import { useTranslation } from 'react-i18next';
import type { DeviceFallback } from '../../src-common/phone-contract';
import { useAppStore } from '../store/app-store';
import { PHONE_KEYS, withShortcut } from '../keyboard/phone-shortcuts';
import { phoneAvailability } from './phone-state';

/**
 * Top bar: whether the phone can ring, a warning when it has no microphone to answer with or no
 * output to hear with, a notice while the system default stands in for an unplugged headset, and
 * the "new call" button (Alt+N).
 */
export function PhoneStatus() {
  const { t } = useTranslation();
  const availability = useAppStore((s) => phoneAvailability(s.phone));
  const failure = useAppStore((s) => s.phone.registration.message);
  const lab = useAppStore((s) => s.view?.config?.phone?.lab ?? false);
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true);
  const openDialpad = useAppStore((s) => s.setDialpadOpen);
  const microphone = useAppStore((s) => s.phone.microphone);
  const speaker = useAppStore((s) => s.phone.speaker);
  const fallback = useAppStore((s) => fallbackNotice(s.phone.fallback));
  if (availability === 'not-provisioned') return null;
  const level = availability === 'ready' ? 'online' : availability === 'starting' ? 'degraded' : 'lost';
  return (
    <div className="phone-status">
      <span className={`phone-link phone-link-${level}`} role="status" data-phone-status={availability} title={availability === 'failed' && failure ? failure : undefined}>
        <span className="connection-dot" aria-hidden="true" />
        <span>{t(`phone.status.${availability}`)}</span>
        {lab && availability === 'ready' && (
          <abbr className="lab-badge" title={t('phone.lab')}>
            {t('phone.labShort')}
            <span className="visually-hidden"> ({t('phone.lab')})</span>
          </abbr>
        )}
      </span>
      {(microphone === 'no-device' || microphone === 'permission-denied') && (
        <span className="phone-mic-problem" role="alert">
          {t(`phone.microphone.${microphone}`)}
        </span>
      )}
      {speaker === 'no-device' && (
        <span className="phone-mic-problem" role="alert">
          {t('phone.speaker.no-device')}
        </span>
      )}
      {fallback && (
        <span className="phone-device-fallback" role="status">
          {t(`phone.deviceFallback.${fallback}`)}
        </span>
      )}
      <button
        type="button"
        className="button-quiet"
        disabled={availability !== 'ready'}
        aria-keyshortcuts={shortcuts ? PHONE_KEYS.newCall : undefined}
        title={withShortcut(t('phone.newCall'), 'newCall', shortcuts)}
        onClick={() => openDialpad(true)}
      >
        {t('phone.newCall')}
      </button>
    </div>
  );
}

/** Which words tell the agent what the system default stands in for (null: nothing). */
function fallbackNotice(fallback: DeviceFallback): 'both' | 'microphone' | 'speaker' | null {
  if (fallback.microphone && fallback.speaker) return 'both';
  if (fallback.microphone) return 'microphone';
  return fallback.speaker ? 'speaker' : null;
}
