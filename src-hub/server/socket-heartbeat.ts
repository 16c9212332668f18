/**
 * Transport-level liveness for every hub WebSocket (desktop and chat widget): a peer that stops
 * answering pings is dropped, so its resources and its agent's presence do not linger.
 */
import type { WebSocket } from 'ws';

/** Pings every `intervalMs`; returns the function that stops it (call it on close). */
export function keepAlive(ws: WebSocket, intervalMs = 30_000): () => void {
  let alive = true;
  ws.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
