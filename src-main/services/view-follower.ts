/**
 * Keeps a whole DesktopView in step with main services' 'view' changes, for hosts that run in
 * main's process and want the whole view (the Electron shell's tray and notifications, tests,
 * benches). Windows do the same in their store (view-slice.ts).
 */
import type { DesktopView } from '../../src-common/ipc';
import { applyViewChange } from '../../src-common/view-change';
import type { MainServices } from './main-services';

export function followView(services: Pick<MainServices, 'invoke' | 'onEvent'>, onView: (view: DesktopView) => void): () => void {
  let view: DesktopView | null = null;
  let stopped = false;
  const readWhole = (): void => {
    void services.invoke('view.get', {}).then((answer) => {
      if (stopped || !answer.ok) return;
      // The whole view replaces what is held; should a change have been applied meanwhile, the
      // next change does not fit this view and another read follows.
      view = answer.value as DesktopView;
      onView(view);
    });
  };
  const unsubscribe = services.onEvent((name, payload) => {
    if (name !== 'view') return;
    const next = applyViewChange(view, payload as Parameters<typeof applyViewChange>[1]);
    if (!next) return readWhole();
    view = next;
    onView(next);
  });
  readWhole();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
