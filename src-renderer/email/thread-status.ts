/**
 * What the email panel says while it has no thread to show. Away from the hub (right after a
 * relaunch, on a dropped link) a failed read is not the agent's problem: the panel says the
 * thread comes with the connection, and it is read again then (refresh-open-threads.ts).
 */
import type { EmailThreadState } from '../store/email-slice';

export type ThreadStatus = 'shown' | 'loading' | 'waiting' | 'failed';

export function threadStatus(state: EmailThreadState | undefined, hubOnline: boolean): ThreadStatus {
  if (state?.thread) return 'shown';
  if (!hubOnline) return 'waiting';
  return state?.loadError ? 'failed' : 'loading';
}
