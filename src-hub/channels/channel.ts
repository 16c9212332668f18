/**
 * The seam every customer-facing channel plugs into (voice routing API, web chat widget,
 * email). A channel brings its own HTTP routes and WebSocket upgrades and submits work only
 * through the intake (src-hub/intake.ts); routing, capacity and offers stay in the center.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HubConfig } from '../../src-common/hub-config';
import type { HubOpName, HubOpParams, HubOpResult } from '../../src-common/protocol';
import type { Result } from '../../src-common/result';
import type { Authenticator } from '../auth/sessions';
import type { ContactCenter } from '../center/contact-center';
import type { Clock } from '../clock';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import type { HubStore } from '../storage/repositories';
import type { Caller } from '../server/desktop-ops';

export interface ChannelContext {
  config: HubConfig;
  center: ContactCenter;
  intake: WorkIntake;
  store: HubStore;
  /** Checks desktop access tokens against the hub's store (current role, open session). */
  sessions: Authenticator;
  clock: Clock;
  log: HubLogger;
  dataDir: string;
}

/** What a channel's own service (chat conversations, voice routing) works with. */
export type ChannelServiceDeps = Pick<ChannelContext, 'config' | 'center' | 'intake' | 'store' | 'clock' | 'log'>;

/**
 * Desktop-protocol operations a channel answers (e.g. the agent's chat messages). The desktop
 * socket has already checked the role and validated `params` against HubOps; the handler runs
 * inside the request's transaction, so it may publish events and they commit with it.
 */
export type ChannelDesktopOps = { [K in HubOpName]?: (caller: Caller, params: HubOpParams<K>) => Result<HubOpResult<K>> };

export interface HubChannel {
  readonly name: string;
  readonly desktopOps?: ChannelDesktopOps;
  /**
   * Why a desktop may not accept this offer itself, or null: the channel hands the work over
   * another way (a call ringing on a phone is taken by the phone answering it).
   */
  refuseDesktopAccept?(offerId: string): string | null;
  /** Answers the request and returns true when the route is this channel's; false otherwise. */
  handleHttp?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Takes over the upgrade and returns true when the path is this channel's. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
  /** Called once the server listens, with the hub's own base URL. */
  started?(hubUrl: string): void | Promise<void>;
  stop?(): void | Promise<void>;
}
