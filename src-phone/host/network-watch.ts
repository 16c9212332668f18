/**
 * Notices that the network under the phone changed: the browser went online again, its connection
 * type changed (Wi-Fi to cable, a VPN coming up), a call's media path stopped answering, or a
 * call's media started leaving from another address (the engine adds its own signs that the SIP
 * connection leads nowhere: a check left unanswered, the SIP server not reaching the phone). Home
 * networks do this mid-call; the phone then needs a fresh SIP connection and an ICE restart
 * (PhoneEngine.recoverAfterNetworkChange), because the old socket and media path may lead
 * nowhere without either having noticed.
 */
import type { DeadConnectionSign } from '../engine/phone-engine';

/** What the page offers: `window` for online/offline, `navigator.connection` where it exists. */
export interface NetworkSignalSources {
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  connection?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Interface changes come in bursts (link up, address, route, connection type): the phone acts once,
 * shortly after the burst, instead of opening a connection per event.
 */
export const NETWORK_SETTLE_MS = 100;
/** A media path "disconnected" this long is lost, not a blip (ICE recovers short ones itself). */
export const MEDIA_PATH_GRACE_MS = 1_500;

/** DeadConnectionSign's are the engine's (PhoneEngineOptions.onConnectionLeadsNowhere). */
export type NetworkChange = 'online' | 'connection-type' | 'media-path' | 'local-address' | DeadConnectionSign;

/**
 * Calls `onChange` once per burst, with the burst's first moment (`sources.now()`): a connection
 * opened after it is already on the new network and need not be replaced again.
 */
export function watchNetwork(sources: NetworkSignalSources, onChange: (why: NetworkChange, since: number) => void): () => void {
  let pending: unknown = null;
  let reason: NetworkChange = 'online';
  let since = 0;
  const settle = (why: NetworkChange) => {
    reason = why;
    if (pending !== null) sources.clearTimeout(pending);
    else since = sources.now();
    pending = sources.setTimeout(() => {
      pending = null;
      onChange(reason, since);
    }, NETWORK_SETTLE_MS);
  };
  const onOnline = () => settle('online');
  const onConnection = () => settle('connection-type');
  sources.window.addEventListener('online', onOnline);
  sources.connection?.addEventListener('change', onConnection);
  return () => {
    if (pending !== null) sources.clearTimeout(pending);
    pending = null;
    sources.window.removeEventListener('online', onOnline);
    sources.connection?.removeEventListener('change', onConnection);
  };
}

/** The part of RTCPeerConnection the media-path watch reads. */
export interface MediaPath extends Pick<EventTarget, 'addEventListener' | 'removeEventListener'> {
  readonly iceConnectionState: RTCIceConnectionState;
}

/**
 * Calls `onLost` when a call's media path fails, or stays "disconnected" past the grace: what the
 * phone sees when only the route changed (no interface event) or the far side's address moved.
 */
export function watchMediaPath(path: MediaPath, timers: Pick<NetworkSignalSources, 'setTimeout' | 'clearTimeout'>, onLost: () => void, onState?: (state: RTCIceConnectionState) => void): () => void {
  let grace: unknown = null;
  const clearGrace = () => {
    if (grace !== null) timers.clearTimeout(grace);
    grace = null;
  };
  const onStateChange = () => {
    const state = path.iceConnectionState;
    onState?.(state);
    if (state === 'failed') {
      clearGrace();
      onLost();
    } else if (state === 'disconnected') {
      if (grace === null) {
        grace = timers.setTimeout(() => {
          grace = null;
          if (path.iceConnectionState === 'disconnected') onLost();
        }, MEDIA_PATH_GRACE_MS);
      }
    } else {
      clearGrace();
    }
  };
  path.addEventListener('iceconnectionstatechange', onStateChange);
  return () => {
    clearGrace();
    path.removeEventListener('iceconnectionstatechange', onStateChange);
  };
}

/** How often a call's local address is read: a docked laptop moves its calls within this. */
export const LOCAL_ADDRESS_CHECK_MS = 250;
/**
 * How long after a call's media connects, and after each move, a new address is taken as ICE
 * settling rather than the network moving: behind a NAT the first check's answer turns the local
 * end into the NAT's address, and a restart (or, with every interface in use, a better pair) may
 * pick another local end. Without this the phone would restart the call's media for nothing.
 */
export const LOCAL_ADDRESS_SETTLE_MS = 2_000;

interface IceStatsEntry {
  type: string;
  id?: string;
  selectedCandidatePairId?: string;
  localCandidateId?: string;
  address?: string;
  ip?: string;
  candidateType?: string;
}

/**
 * The local end of a call's media path: its address, and whether ICE learned it from a check's
 * answer (a peer-reflexive candidate: packets left from an address the phone never gathered).
 */
export interface LocalEnd {
  address: string;
  learned: boolean;
}

/** The local end of the ICE pair a stats report says is selected, or null. */
export function selectedLocalEnd(report: Iterable<IceStatsEntry>): LocalEnd | null {
  const entries = [...report];
  const byId = (id: string | undefined) => (id === undefined ? undefined : entries.find((entry) => entry.id === id));
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId !== undefined);
  const local = byId(byId(transport?.selectedCandidatePairId)?.localCandidateId);
  const address = local?.address ?? local?.ip;
  return address ? { address, learned: local?.candidateType === 'prflx' } : null;
}

/**
 * Calls `onMoved` when a call's media starts leaving from an address ICE learned from a check's
 * answer mid-call. With WebRTC on the default route (one socket bound to the any-address) a new
 * default route, such as a cable plugged in before the Wi-Fi drops, moves the media by itself and
 * raises no browser event: the checks' answers show the new address, and this is the phone's
 * only sign that its SIP connection, tied to the old address, leads nowhere now. ICE choosing
 * another gathered candidate is its own business, not a move. `lastSeenAt` is when the old address
 * was last read: the move happened after it, so a connection opened since is already on the new
 * path (after a network change the other signals caught first, the restart's own checks show
 * the new address too).
 */
export function watchLocalAddress(readLocalEnd: () => Promise<LocalEnd | null>, timers: Pick<NetworkSignalSources, 'setTimeout' | 'clearTimeout' | 'now'>, onMoved: (move: { from: string; to: string; lastSeenAt: number }) => void): () => void {
  let known: { address: string; at: number } | null = null;
  let settledAt = timers.now() + LOCAL_ADDRESS_SETTLE_MS;
  let stopped = false;
  let pending: unknown = null;
  const check = async (): Promise<void> => {
    const end = await readLocalEnd().catch(() => null);
    if (stopped) return;
    if (end !== null) {
      const now = timers.now();
      if (known !== null && end.address !== known.address && end.learned && now >= settledAt) {
        onMoved({ from: known.address, to: end.address, lastSeenAt: known.at });
        settledAt = now + LOCAL_ADDRESS_SETTLE_MS;
      }
      known = { address: end.address, at: now };
    }
    pending = timers.setTimeout(() => void check(), LOCAL_ADDRESS_CHECK_MS);
  };
  void check();
  return () => {
    stopped = true;
    if (pending !== null) timers.clearTimeout(pending);
  };
}
