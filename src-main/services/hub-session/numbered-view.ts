/**
 * The session's DesktopView and the numbering of its changes (view-change.ts): each change
 * that alters what a window draws gets the next revision, named with this run's id so a
 * window never applies a restarted main's changes onto the old main's view.
 */
import { randomUUID } from 'node:crypto';
import type { DesktopView, ViewChange } from '../../../src-common/ipc';
import { diffView } from '../../../src-common/view-change';

export class NumberedView {
  private readonly run = randomUUID().slice(0, 8);
  private changes = 0;

  constructor(private view: DesktopView) {}

  /** The view as the session builds on it (no revision). */
  get value(): DesktopView {
    return this.view;
  }

  /** The whole view with the revision its next change will start from (what view.get answers). */
  get whole(): DesktopView {
    return { ...this.view, revision: this.revision() };
  }

  /** Replaces the view; the change to send, or null when nothing a window draws changed. */
  set(next: DesktopView): ViewChange | null {
    const changes = diffView(this.view, next);
    this.view = next;
    if (Object.keys(changes).length === 0) return null;
    const since = this.revision();
    this.changes += 1;
    return { since, revision: this.revision(), changes };
  }

  private revision(): string {
    return `${this.run}.${this.changes}`;
  }
}
