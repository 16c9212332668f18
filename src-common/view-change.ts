/**
 * The desktop view travels from main services to each window as changes: on every hub event
 * only the top-level fields of DesktopView that changed go out, numbered, so a window applies
 * them in order onto the view it holds. A window that misses one (it was loading, its bridge
 * dropped) sees the gap in the numbering and reads the whole view again (view.get).
 *
 * The reducer that builds views keeps unchanged fields by reference, so "changed" is a
 * reference comparison: cheap, and exact for what the reducer produces.
 */
import type { DesktopView, ViewChange } from './ipc';

type Fields = Partial<Record<keyof DesktopView, unknown>>;

/** The fields of `after` that differ from `before`; a field that went away is sent as null. */
export function diffView(before: DesktopView, after: DesktopView): Partial<DesktopView> {
  const changes: Fields = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof DesktopView)[]);
  keys.delete('revision');
  for (const key of keys) {
    if (before[key] !== after[key]) changes[key] = after[key] ?? null;
  }
  return changes as Partial<DesktopView>;
}

/**
 * The view after `change`, or null when `view` is not the one the change was made from (a
 * change was missed, or no view is held yet): then the receiver reads the whole view again.
 */
export function applyViewChange(view: DesktopView | null, change: ViewChange): DesktopView | null {
  if (!view || view.revision !== change.since) return null;
  return { ...view, ...change.changes, revision: change.revision };
}
