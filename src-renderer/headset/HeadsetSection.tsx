import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import type { HeadsetStatus } from '../store/headset-slice';
import { useHeadset } from './headset-context';

/**
 * Settings → headset buttons: which headset's call buttons and lights this window follows, and
 * a button that opens the browser's device chooser (WebHID only offers it from a click). Where
 * the browser has no WebHID the section says so instead of offering a button that cannot work.
 */
export function HeadsetSection() {
  const { t } = useTranslation();
  const headset = useHeadset();
  const status = useAppStore((s) => s.headset);
  const ids = { title: useId(), status: useId(), hint: useId() };
  const [choosing, setChoosing] = useState(false);

  const line = (current: HeadsetStatus): string => {
    switch (current.kind) {
      case 'unsupported':
        return t('headset.unsupported');
      case 'none':
        return t('headset.none');
      case 'connecting':
        return t('headset.connecting', { name: current.name });
      case 'connected':
        return t('headset.connected', { name: current.name });
      case 'unplugged':
        return t('headset.unplugged', { name: current.name });
      case 'failed':
        return current.reason === 'open' ? t('headset.openFailed', { name: current.name }) : t('headset.noControls', { name: current.name });
    }
  };

  async function choose() {
    setChoosing(true);
    try {
      await headset.choose();
    } finally {
      setChoosing(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={ids.title} data-headset={status.kind}>
      <h3 id={ids.title}>{t('headset.title')}</h3>
      <p id={ids.status} role="status" className={status.kind === 'unsupported' ? 'hint' : undefined}>
        {line(status)}
      </p>
      {status.kind !== 'unsupported' && (
        <>
          <button type="button" className="button-secondary" disabled={choosing} aria-describedby={`${ids.status} ${ids.hint}`} onClick={() => void choose()}>
            {status.kind === 'connected' ? t('headset.chooseOther') : t('headset.connect')}
          </button>
          <p id={ids.hint} className="hint field-hint">
            {t('headset.hint')}
          </p>
        </>
      )}
    </section>
  );
}
