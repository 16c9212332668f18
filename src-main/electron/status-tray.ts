/**
 * The tray icon: the agent's status at a glance, a way back to the window, and Quit.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { DesktopView } from '../../src-common/ipc';
import type { Language } from '../../src-common/settings';
import { shellLabels, statusLine } from './tray-status';

export type TrayView = Pick<DesktopView, 'status' | 'presence' | 'config'>;

export interface StatusTray {
  update(view: TrayView, language: Language): void;
  destroy(): void;
}

export function createStatusTray(iconPath: string, actions: { open(): void; quit(): void }): StatusTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
  tray.on('click', actions.open);

  const update = (view: TrayView, language: Language): void => {
    const labels = shellLabels(language);
    const status = statusLine(view, language);
    tray.setToolTip(`Centralita — ${status}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: status, enabled: false },
        { type: 'separator' },
        { label: labels.open, click: actions.open },
        { label: labels.quit, click: actions.quit },
      ]),
    );
  };
  update({ status: 'signed-out', presence: null, config: null }, 'es');

  return {
    update,
    destroy: () => tray.destroy(),
  };
}
