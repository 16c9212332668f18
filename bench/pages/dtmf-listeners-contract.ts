/**
 * What the DTMF bench's page (dtmf-listeners.ts) puts on `window.dtmfListeners`. Types only (no
 * DOM): the Node side imports it.
 */
export type DtmfListenerMode = 'listener' | 'bare-reader';

export interface DtmfListenersPage {
  /** Starts `count` tracks read in `mode`. */
  start(mode: DtmfListenerMode, count: number): Promise<void>;
  /** Digits the listeners reported, and frames the bare readers took, since start. */
  counts(): { digits: number; frames: number };
  stop(): void;
}

export interface DtmfListenersWindow {
  dtmfListeners: DtmfListenersPage;
}
