/**
 * The open desktop sockets by sign-in session, so that ending a session (logout, a reused
 * refresh token, a disabled user) closes its sockets at the same moment instead of letting
 * them run until they next ask for something.
 */
import type { WebSocket } from 'ws';

export class DesktopConnections {
  private readonly bySession = new Map<string, Set<WebSocket>>();

  /** Registers a socket that said hello; returns the function that forgets it. */
  add(sessionId: string, ws: WebSocket): () => void {
    const set = this.bySession.get(sessionId) ?? new Set<WebSocket>();
    set.add(ws);
    this.bySession.set(sessionId, set);
    return () => {
      set.delete(ws);
      if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
    };
  }

  close(sessionIds: readonly string[], code: number, reason: string): number {
    let closed = 0;
    for (const id of sessionIds) {
      for (const ws of this.bySession.get(id) ?? []) {
        ws.close(code, reason);
        closed += 1;
      }
    }
    return closed;
  }
}
