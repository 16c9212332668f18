/**
 * "Everyone outside the contact center": one SIP.js UserAgent registered as `pstn` (the lab
 * proxy sends agents' calls to outside numbers there). It answers every call after a short ring
 * with a two-tone pattern, keeps counting what the agent says, and hangs up after `maxTalkMs`
 * unless the agent does first. It re-registers after a lost connection.
 */
import { Registerer, RegistererState, SessionState, UserAgent, type Invitation } from 'sip.js';
import type { HubLogger } from '../../log';
import { createSimulatedUserAgent, mediaOf } from './sip-user-agent';
import type { MediaReport } from './werift-media-handler';

export const OUTSIDE_WORLD_USER = 'pstn';

export interface SimulatedOutsideWorldOptions {
  sipUrl: string;
  sipDomain: string;
  /** The `pstn` user's lab password (from the hub's lab SIP credentials). */
  password: string;
  /** Ring this long before answering (a real phone does not pick up at once). */
  answerAfterMs?: number;
  maxTalkMs: number;
  logger: HubLogger;
}

export interface OutsideCall {
  /** The number the agent dialled (the To user: the proxy rewrites the Request-URI to our contact). */
  dialled: string;
  from: string;
  state: 'ringing' | 'talking' | 'ended';
  media(): MediaReport | null;
}

const RECONNECT_DELAY_MS = 2_000;

export class SimulatedOutsideWorld {
  private readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private readonly log: HubLogger;
  private readonly calls: OutsideCall[] = [];
  private readonly live = new Set<Invitation>();
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly options: SimulatedOutsideWorldOptions) {
    this.log = options.logger.child({ party: OUTSIDE_WORLD_USER });
    this.ua = createSimulatedUserAgent({
      sipUrl: options.sipUrl,
      user: OUTSIDE_WORLD_USER,
      sipDomain: options.sipDomain,
      displayName: 'Outside world (lab)',
      password: options.password,
      media: { sound: 'tone' },
      logger: options.logger,
    });
    this.registerer = new Registerer(this.ua, { expires: 600 });
    this.ua.delegate = {
      onInvite: (invitation) => this.answer(invitation),
      onDisconnect: (error) => {
        if (error && !this.stopped) this.scheduleReconnect();
      },
    };
  }

  /** Connects and registers; resolves once the proxy has accepted the registration. */
  static async start(options: SimulatedOutsideWorldOptions): Promise<SimulatedOutsideWorld> {
    const world = new SimulatedOutsideWorld(options);
    await world.ua.start();
    await world.register();
    return world;
  }

  /** Calls received so far, newest last. */
  received(): readonly OutsideCall[] {
    return this.calls;
  }

  isRegistered(): boolean {
    return this.registerer.state === RegistererState.Registered;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const invitation of this.live) {
      if (invitation.state === SessionState.Established) await invitation.bye().catch(() => undefined);
      else if (invitation.state === SessionState.Initial) await invitation.reject().catch(() => undefined);
    }
    if (this.isRegistered()) await this.registerer.unregister().catch(() => undefined);
    await this.ua.stop();
  }

  private register(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.registerer
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new Error(`outside world registration refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch(reject);
    });
  }

  private answer(invitation: Invitation): void {
    const call: OutsideCall = {
      dialled: invitation.request.to.uri.user ?? '',
      from: invitation.remoteIdentity.uri.user ?? '',
      state: 'ringing',
      media: () => mediaOf(invitation.sessionDescriptionHandler)?.report() ?? null,
    };
    let talkTimer: NodeJS.Timeout | null = null;
    this.calls.push(call);
    this.live.add(invitation);
    this.log.debug({ dialled: call.dialled, from: call.from }, 'outside world rings');
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.state = 'talking';
        talkTimer = setTimeout(() => void invitation.bye().catch(() => undefined), this.options.maxTalkMs);
        talkTimer.unref();
      } else if (state === SessionState.Terminated) {
        call.state = 'ended';
        if (talkTimer) clearTimeout(talkTimer);
        this.live.delete(invitation);
      }
    });
    invitation.progress().catch(() => undefined);
    const ring = setTimeout(() => {
      if (invitation.state !== SessionState.Initial) return;
      invitation.accept().catch((cause: unknown) => this.log.warn({ err: cause }, 'outside world could not answer'));
    }, this.options.answerAfterMs ?? 1_000);
    ring.unref();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.stopped) return;
      this.ua
        .reconnect()
        .then(() => this.register())
        .catch((cause: unknown) => {
          this.log.debug({ err: cause }, 'outside world reconnect failed; trying again');
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
