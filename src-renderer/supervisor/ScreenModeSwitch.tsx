import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';
import type { ScreenMode } from '../store/ui-slice';
import './supervisor.css';

const MODES: readonly ScreenMode[] = ['work', 'supervision'];

/**
 * A supervisor takes work like an agent and watches the floor: two toggle buttons in the top bar
 * switch between their desktop and the supervision console. Agents never see it; administrators
 * only ever have the console.
 */
export function ScreenModeSwitch() {
  const { t } = useTranslation();
  const supervisor = useAppStore((s) => s.view?.user?.role === 'supervisor');
  const mode = useAppStore((s) => s.screenMode);
  const setMode = useAppStore((s) => s.setScreenMode);
  if (!supervisor) return null;
  return (
    <div className="mode-switch" role="group" aria-label={t('supervisor.mode.label')}>
      {MODES.map((m) => (
        <button key={m} type="button" className="mode-button" aria-pressed={mode === m} onClick={() => setMode(m)}>
          {t(`supervisor.mode.${m === 'work' ? 'work' : 'supervision'}`)}
        </button>
      ))}
    </div>
  );
}
