/**
 * A customer calling the contact center from Node: a SIP.js UserAgent that INVITEs the
 * contact-center number From the customer's E.164 number (so the screen pop finds them), plays a
 * speech-like prompt, hears the agent, follows hold/resume re-INVITEs, and follows a blind
 * transfer (the agent's REFER) by inviting the Refer-To target, as SIP.js does for a referee.
 * It records DTMF digits sent by SIP INFO. It stays on the line until the agent hangs up or
 * `maxTalkMs` runs out, then hangs up itself.
 */
import { Inviter, SessionState, type Referral, type Session, type UserAgent } from 'sip.js';
import type { HubLogger } from '../../log';
import type { CallerSound } from './caller-audio';
import { createSimulatedUserAgent, mediaOf, sipUri } from './sip-user-agent';
import type { MediaReport } from './werift-media-handler';

export interface SimulatedCallerOptions {
  sipUrl: string;
  sipDomain: string;
  /** The customer's E.164 number, e.g. +34600100200. */
  from: string;
  displayName?: string;
  /** The dialled number, e.g. 5000. */
  to: string;
  /** Longest talk time before the caller hangs up (timed from the answer). */
  maxTalkMs: number;
  /** Longest the caller waits for an answer (queued + ringing) before giving up. */
  maxWaitMs?: number;
  sound?: CallerSound;
  seed?: number;
  logger: HubLogger;
}

export type CallerPhase = 'calling' | 'talking' | 'ended';

export interface CallerOutcome {
  answered: boolean;
  /** Who ended it: the caller (timeout or hangUp) or the far end (BYE, rejection, failure). */
  endedBy: 'caller' | 'far-end';
  /** Final SIP status when the call was rejected or failed before an answer. */
  status?: number;
  /** Blind transfers followed during the call. */
  transfers: number;
}

const DEFAULT_MAX_WAIT_MS = 120_000;

export class SimulatedCaller {
  readonly ended: Promise<CallerOutcome>;
  private readonly ua: UserAgent;
  private readonly log: HubLogger;
  private session: Session | null = null;
  private phaseNow: CallerPhase = 'calling';
  private answered = false;
  private transfers = 0;
  private digits = '';
  private hungUpByCaller = false;
  private rejectStatus: number | undefined;
  private timer: NodeJS.Timeout | null = null;
  private settle!: (outcome: CallerOutcome) => void;
  /** Media of every session this caller had (a followed transfer adds one), newest last. */
  private readonly reports: Array<() => MediaReport | null> = [];

  private constructor(private readonly options: SimulatedCallerOptions) {
    this.log = options.logger.child({ caller: options.from });
    this.ended = new Promise((resolve) => (this.settle = resolve));
    this.ua = createSimulatedUserAgent({
      sipUrl: options.sipUrl,
      user: options.from,
      sipDomain: options.sipDomain,
      displayName: options.displayName,
      media: { sound: options.sound ?? 'voice', seed: options.seed },
      logger: options.logger,
    });
  }

  /** Connects and sends the INVITE; resolves once it is on its way (the call goes on in the background). */
  static async call(options: SimulatedCallerOptions): Promise<SimulatedCaller> {
    const caller = new SimulatedCaller(options);
    await caller.start();
    return caller;
  }

  phase(): CallerPhase {
    return this.phaseNow;
  }

  /** The current session's media (after a transfer, the new call's). */
  media(): MediaReport | null {
    for (let i = this.reports.length - 1; i >= 0; i -= 1) {
      const report = this.reports[i]?.();
      if (report) return report;
    }
    return null;
  }

  /** DTMF digits the agent sent (SIP INFO), in order. */
  dtmfReceived(): string {
    return this.digits;
  }

  async hangUp(): Promise<void> {
    this.hungUpByCaller = true;
    const session = this.session;
    try {
      if (session?.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter && session.state === SessionState.Establishing) await session.cancel();
    } catch (cause) {
      this.log.debug({ err: cause }, 'hang-up request failed');
    }
    this.finish();
  }

  private async start(): Promise<void> {
    await this.ua.start();
    const target = sipUri(this.options.to, this.options.sipDomain);
    if (!target) throw new Error(`not a number to dial: ${this.options.to}`);
    const inviter = new Inviter(this.ua, target);
    this.follow(inviter);
    this.armTimer(this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          this.rejectStatus = response.message.statusCode;
        },
      },
    });
    this.log.debug({ to: this.options.to }, 'simulated caller dialled');
  }

  /** Makes `session` the caller's current call; `previous` is the leg a transfer came from. */
  private follow(session: Session, previous: Session | null = null): void {
    this.session = session;
    this.reports.push(() => mediaOf(session.sessionDescriptionHandler)?.report() ?? null);
    session.delegate = {
      onRefer: (referral) => this.followTransfer(session, referral),
      // We offer no telephone-event, so an agent's phone sends digits by SIP INFO (dtmf-relay).
      onInfo: (info) => {
        const digit = /^Signal\s*=\s*([0-9A-D*#])/im.exec(info.request.body)?.[1];
        if (digit) this.digits += digit;
        info.accept().catch((cause: unknown) => this.log.debug({ err: cause }, 'answering INFO'));
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.answered = true;
        this.phaseNow = 'talking';
        this.armTimer(this.options.maxTalkMs);
        this.log.debug('simulated caller answered');
      } else if (state === SessionState.Terminated && this.session === session) {
        // A transfer that failed leaves the caller on the original leg, if the agent kept it.
        if (previous?.state === SessionState.Established) {
          this.log.debug('transfer target did not answer; back on the original call');
          this.session = previous;
          this.reports.pop();
        } else {
          this.finish();
        }
      }
    });
  }

  /** Blind transfer: accept the REFER (202), invite the target; the agent then sends BYE on the old leg. */
  private followTransfer(from: Session, referral: Referral): void {
    this.log.debug({ to: referral.referTo.uri.toString() }, 'simulated caller follows a transfer');
    referral
      .accept()
      .then(() => {
        const next = referral.makeInviter();
        this.transfers += 1;
        this.follow(next, from);
        return next.invite();
      })
      .catch((cause: unknown) => {
        this.log.warn({ err: cause }, 'could not follow a transfer');
        if (this.session !== from && this.session?.state === SessionState.Terminated) {
          if (from.state === SessionState.Terminated) this.finish();
          else this.session = from;
        }
      });
  }

  private armTimer(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.hangUp(), ms);
    this.timer.unref();
  }

  private finish(): void {
    if (this.phaseNow === 'ended') return;
    this.phaseNow = 'ended';
    if (this.timer) clearTimeout(this.timer);
    const outcome: CallerOutcome = {
      answered: this.answered,
      endedBy: this.hungUpByCaller ? 'caller' : 'far-end',
      ...(this.rejectStatus !== undefined ? { status: this.rejectStatus } : {}),
      transfers: this.transfers,
    };
    this.log.debug(outcome, 'simulated call ended');
    this.ua.stop().catch((cause: unknown) => this.log.debug({ err: cause }, 'stopping the caller user agent'));
    this.settle(outcome);
  }
}
