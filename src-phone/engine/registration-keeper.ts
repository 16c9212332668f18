/**
 * Keeps the phone connected and registered: connects the transport, REGISTERs, and after the
 * connection drops (SIP server restart, network blip) reconnects with back-off and REGISTERs
 * again, so the agent keeps receiving calls without touching anything.
 *
 * A fresh Registerer is made after every reconnect: the old one may have a REGISTER in flight on
 * the dead connection, and its refresh timer belongs to a binding the server may have lost.
 */
import { Registerer, RegistererState, type Core, type UserAgent } from 'sip.js';
import type { RegistrationStatus, TransportStatus } from '../../src-common/phone-contract';
import type { PhoneLogger } from './phone-logger';
import { reconnectDelayMs } from './reconnect-policy';
import { watchSipLink } from './sip-link-check';

/** When a binding is renewed, in percent of its lifetime (leaves 75 s of a 300 s binding). */
export const REFRESH_AT_PERCENT = 75;

/**
 * How long stopping waits for the un-REGISTER's answer before it closes the connection anyway. On
 * a connection that died unnoticed no answer comes and SIP.js would wait out its 32 s transaction
 * timer, holding up a sign-out or a restart; a binding left behind is dropped by the server when
 * the connection closes (WebSocket bindings) or runs out at its expiry.
 */
export const UNREGISTER_ANSWER_WAIT_MS = 2_000;

export interface RegistrationSnapshot {
  transport: TransportStatus;
  registration: RegistrationStatus;
  message: string | null;
}

export interface RegistrationKeeperOptions {
  expiresSec: number;
  reconnectMaxDelayMs: number;
  logger: PhoneLogger;
  onChange(snapshot: RegistrationSnapshot): void;
  /** Called after the transport came back, so the call layer can react (it keeps live calls). */
  onReconnected?(): void;
  /**
   * The open connection left a check unanswered (sip-link-check.ts): it most likely leads
   * nowhere. `sentAt` is when the unanswered check left; a connection opened since is new.
   */
  onLinkSilent(sentAt: number): void;
}

function registrationFailureMessage(statusCode: number | undefined, reason: string | undefined): string {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) return 'The SIP server refused the phone\'s user name or password.';
  if (statusCode === 404) return 'The SIP server does not know this phone\'s address.';
  return `The SIP server refused the registration${statusCode ? ` (${statusCode}${reason ? ` ${reason}` : ''})` : ''}.`;
}

export class RegistrationKeeper {
  private registerer: Registerer | undefined;
  private wantRegistered = false;
  private wantConnected = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private reconnecting = false;
  /** The next reconnect goes at once: the network just came back and calls are waiting on it. */
  private reconnectAtOnce = false;
  /** When the current connection opened (epoch ms), to tell it from one made before a network change. */
  private connectedAt: number | null = null;
  private snapshot: RegistrationSnapshot = { transport: 'disconnected', registration: 'unregistered', message: null };
  /** Stops checking the open connection (one watch per connection). */
  private stopLinkCheck: (() => void) | null = null;

  constructor(
    private readonly userAgent: UserAgent,
    private readonly options: RegistrationKeeperOptions,
  ) {
    userAgent.delegate = {
      ...userAgent.delegate,
      onConnect: () => this.handleConnected(),
      onDisconnect: (error?: Error) => this.handleDisconnected(error),
    };
  }

  current(): RegistrationSnapshot {
    return this.snapshot;
  }

  /** Connects (retrying until it works or `stop` is called) and registers. */
  async start(): Promise<void> {
    this.wantConnected = true;
    this.wantRegistered = true;
    this.update({ transport: 'connecting', message: null });
    try {
      await this.userAgent.start();
    } catch (error) {
      this.options.logger.log('warn', 'SIP transport did not connect; retrying', { error: String(error) });
      this.update({ transport: 'disconnected', message: 'The SIP server cannot be reached; retrying.' });
      this.scheduleReconnect();
    }
  }

  register(): void {
    this.wantRegistered = true;
    if (this.userAgent.isConnected()) this.sendRegister();
  }

  /**
   * After the machine slept (or the page was frozen): the connection may be dead without the
   * socket having noticed, and the server may have dropped the binding. With no call to keep,
   * the transport is closed and opened afresh, which registers again; during a call the binding
   * is only renewed, so the call's connection is left alone.
   */
  recoverAfterWake(hasCalls: boolean): void {
    if (!this.wantConnected) return;
    if (hasCalls || !this.userAgent.isConnected()) {
      if (this.wantRegistered && this.userAgent.isConnected()) this.sendRegister();
      return;
    }
    this.options.logger.log('info', 'reconnecting after the machine woke up');
    // handleDisconnected (the transport's onDisconnect) schedules the reconnect and REGISTER.
    void this.userAgent.transport.disconnect().catch((error: unknown) => {
      this.options.logger.log('warn', 'closing the SIP transport after waking failed', { error: String(error) });
    });
  }

  /**
   * The network under the phone changed (a new address, Wi-Fi to cable, a link that came back):
   * the open connection most likely leads nowhere now, even if its socket has not noticed, and the
   * server's binding points at it. It is replaced at once, without back-off, and the binding is
   * renewed on the new one; `onReconnected` then lets the call layer move live calls over too.
   * A connection opened after `since` (the change) is already on the new network and is kept.
   */
  reconnectNow(since: number): void {
    if (!this.wantConnected) return;
    if (this.userAgent.isConnected() && this.connectedAt !== null && this.connectedAt >= since) return;
    this.options.logger.log('info', 'the network changed; opening a new connection to the SIP server');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAttempt = 0;
    this.reconnectAtOnce = true;
    // A connect already in flight may have started on the old network: its retry goes at once.
    if (this.reconnecting) return;
    if (this.userAgent.isConnected()) {
      // The transport reports the disconnect at once (handleDisconnected schedules the reconnect);
      // SIP.js lets the new connection open while the old socket is still closing.
      void this.userAgent.transport.disconnect().catch(() => undefined);
    } else {
      this.scheduleReconnect();
    }
  }

  async unregister(): Promise<void> {
    this.wantRegistered = false;
    const registerer = this.registerer;
    if (registerer && registerer.state === RegistererState.Registered && this.userAgent.isConnected()) {
      await registerer.unregister().catch((error: unknown) => {
        this.options.logger.log('warn', 'un-REGISTER failed', { error: String(error) });
      });
    }
    this.update({ registration: 'unregistered', message: null });
  }

  /** Unregisters (so the server stops routing calls here at once) and closes the transport. */
  async stop(): Promise<void> {
    this.wantConnected = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.endLinkCheck();
    await this.unregister();
    const disposed = this.registerer?.dispose().catch(() => undefined);
    this.registerer = undefined;
    let waited: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'gave-up'>((resolve) => {
      waited = setTimeout(() => resolve('gave-up'), UNREGISTER_ANSWER_WAIT_MS);
    });
    if ((await Promise.race([disposed, gaveUp])) === 'gave-up') {
      this.options.logger.log('warn', 'the SIP server did not answer the un-REGISTER; closing the connection anyway', { waitedMs: UNREGISTER_ANSWER_WAIT_MS });
    }
    clearTimeout(waited);
    await this.userAgent.stop();
    this.update({ transport: 'disconnected', registration: 'unregistered', message: null });
  }

  private handleConnected(): void {
    this.reconnectAttempt = 0;
    this.reconnectAtOnce = false;
    this.connectedAt = Date.now();
    this.update({ transport: 'connected', message: null });
    if (this.wantRegistered) this.sendRegister();
    this.endLinkCheck();
    this.stopLinkCheck = watchSipLink((answered) => this.sendLinkCheck(answered), { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>), now: () => Date.now() }, (sentAt) => {
      this.stopLinkCheck = null;
      if (!this.wantConnected) return;
      this.options.logger.log('warn', 'the SIP server did not answer a check on the open connection; it will be replaced', { sentAt });
      this.options.onLinkSilent(sentAt);
    });
  }

  private endLinkCheck(): void {
    this.stopLinkCheck?.();
    this.stopLinkCheck = null;
  }

  /**
   * An OPTIONS to the registrar (the AOR's domain), which SIP servers answer themselves. Any
   * response the server sent proves the connection; the ones SIP.js makes up on a transport error
   * or a transaction timeout carry no Call-ID and prove nothing.
   */
  private sendLinkCheck(answered: () => void): void {
    const core = this.userAgent.userAgentCore;
    const aor = this.userAgent.configuration.uri;
    const registrar = aor.clone();
    registrar.user = undefined;
    const heard = (response: Core.IncomingResponse) => {
      if (response.message.getHeader('call-id') !== undefined) answered();
    };
    try {
      core.request(core.makeOutgoingRequestMessage('OPTIONS', registrar, aor, aor, {}), { onAccept: heard, onProgress: heard, onRedirect: heard, onReject: heard, onTrying: heard });
    } catch (error) {
      // Unanswered: the watch's wait runs out and the connection is replaced.
      this.options.logger.log('debug', 'the connection check could not be sent', { error: String(error) });
    }
  }

  private handleDisconnected(error?: Error): void {
    this.options.logger.log('warn', 'SIP transport disconnected', { error: error ? error.message : null });
    this.endLinkCheck();
    const registerer = this.registerer;
    this.registerer = undefined;
    // The binding died with the connection (the server keys it to this socket); nothing to un-REGISTER.
    registerer?.dispose().catch(() => undefined);
    this.update({
      transport: 'disconnected',
      registration: this.wantRegistered ? 'registering' : 'unregistered',
      message: this.wantConnected ? 'Connection to the SIP server lost; reconnecting.' : null,
    });
    if (this.wantConnected) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wantConnected || this.reconnectTimer || this.reconnecting) return;
    this.reconnectAttempt += 1;
    const delay = this.reconnectAtOnce ? 0 : reconnectDelayMs(this.reconnectAttempt, this.options.reconnectMaxDelayMs);
    this.reconnectAtOnce = false;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.wantConnected) return;
      this.reconnecting = true;
      this.update({ transport: 'connecting' });
      this.userAgent
        .reconnect()
        .then(() => {
          this.reconnecting = false;
          this.options.logger.log('info', 'SIP transport reconnected', { attempt: this.reconnectAttempt });
          this.options.onReconnected?.();
        })
        .catch((reconnectError: unknown) => {
          this.reconnecting = false;
          this.options.logger.log('debug', 'SIP reconnect attempt failed', { attempt: this.reconnectAttempt, error: String(reconnectError) });
          this.update({ transport: 'disconnected' });
          this.scheduleReconnect();
        });
    }, delay);
  }

  private sendRegister(): void {
    if (!this.registerer) {
      // Renew at 75 % of the binding's life, not SIP.js's 99 %: a browser tab in the background
      // runs its timers as late as once a minute, and a renewal that late would let the server
      // forget the phone for a while (calls meanwhile would find nobody).
      const registerer = new Registerer(this.userAgent, { expires: this.options.expiresSec, refreshFrequency: REFRESH_AT_PERCENT, logConfiguration: false });
      registerer.stateChange.addListener((state) => {
        if (registerer !== this.registerer) return;
        if (state === RegistererState.Registered) this.update({ registration: 'registered', message: null });
        else if (state === RegistererState.Unregistered && this.snapshot.registration !== 'failed') {
          this.update({ registration: this.wantRegistered ? 'registering' : 'unregistered' });
        }
      });
      this.registerer = registerer;
    }
    const registerer = this.registerer;
    this.update({ registration: 'registering' });
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => {
            const message = registrationFailureMessage(response.message.statusCode, response.message.reasonPhrase);
            this.options.logger.log('warn', 'REGISTER rejected', { statusCode: response.message.statusCode });
            this.update({ registration: 'failed', message });
          },
        },
      })
      .catch((error: unknown) => {
        this.options.logger.log('warn', 'REGISTER could not be sent', { error: String(error) });
      });
  }

  private update(change: Partial<RegistrationSnapshot>): void {
    const next = { ...this.snapshot, ...change };
    if (next.transport === this.snapshot.transport && next.registration === this.snapshot.registration && next.message === this.snapshot.message) return;
    this.snapshot = next;
    this.options.onChange(next);
  }
}
