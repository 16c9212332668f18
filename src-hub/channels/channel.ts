/**
 * The seam every customer-facing channel plugs into (voice routing API, web chat widget,
 * email). A channel brings its own HTTP routes and WebSocket upgrades and submits work only
 * through the intake (src-hub/intake.ts); routing, capacity and offers stay in the center.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HubConfig } from '../../src-common/hub-config';
import type { SessionTokens } from '../auth/session-tokens';
import type { ContactCenter } from '../center/contact-center';
import type { Clock } from '../clock';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import type { HubStore } from '../storage/repositories';

export interface ChannelContext {
  config: HubConfig;
  center: ContactCenter;
  intake: WorkIntake;
  store: HubStore;
  tokens: SessionTokens;
  clock: Clock;
  log: HubLogger;
  dataDir: string;
}

export interface HubChannel {
  readonly name: string;
  /** Answers the request and returns true when the route is this channel's; false otherwise. */
  handleHttp?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Takes over the upgrade and returns true when the path is this channel's. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
  /** Called once the server listens, with the hub's own base URL. */
  started?(hubUrl: string): void | Promise<void>;
  stop?(): void | Promise<void>;
}
