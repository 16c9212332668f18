/**
 * Starts a whole hub in this process: storage, contact center, HTTP + WebSocket server and,
 * for the lab, the demo data and simulator. `npm start` embeds it; `npm run hub` (cli.ts)
 * wraps it; tests start one per test on a free port and a temp data dir.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { HubConfig } from '../src-common/hub-config';
import { CloseCode } from '../src-common/protocol';
import { CredentialStore } from './auth/credentials';
import { AccessTokens, loadOrCreateSecret } from './auth/session-tokens';
import { Sessions } from './auth/sessions';
import { AgentReachability } from './center/agent-reachability';
import { ContactCenter } from './center/contact-center';
import { agentsExpectedOnline } from './center/recovery';
import { createChannels } from './channels';
import type { EmailChannel } from './channels/email/email-channel';
import { LabSipCredentials, loadOrCreateLabSipKey } from './channels/voice/lab-sip/lab-credentials';
import { LAB_SIP_PATH } from './channels/voice/lab-sip/lab-sip-channel';
import { PhoneDirectory } from './channels/voice/lab-sip/phone-provisioning';
import { systemClock, type Clock } from './clock';
import { seedDemoData } from './demo/demo-dataset';
import { demoHubConfig } from './demo/demo-config';
import { contactCenterIntake } from './intake';
import { createHubLogger, type HubLogger } from './log';
import { createHubServer } from './server/http-server';
import type { LandingFacts } from './server/landing-page';
import { DEFAULT_CHAT_SIMULATION, simulatedChatsLeftWaiting, startSimulator, type EmailSimulation, type Simulator } from './sim/simulator';
import { DEFAULT_EMAIL_ANSWER_DELAY_MS, DEFAULT_EMAIL_INTERVAL_MS, MAX_WAITING_SIMULATED_EMAILS } from './sim/email-traffic';
import { startSimulatedAgents, withSimulatedAgents } from './sim/simulated-agents';
import { labVoiceSimulation } from './sim/voice/lab-voice-simulation';
import type { LabSipChannel } from './channels/voice/lab-sip/lab-sip-channel';
import { lockDataDir } from './storage/data-dir-lock';
import { openSqliteStore } from './storage/sqlite/sqlite-store';

export const HUB_DB_FILE = 'hub.db';

export interface StartHubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the lab hub is loopback-only unless asked otherwise. */
  host?: string;
  dataDir: string;
  /** Default: the demo configuration. */
  config?: HubConfig;
  seedDemoData?: boolean;
  /**
   * Simulated customers. Chats every intervalMs (default 20 s) while fewer than maxWaitingChats
   * wait (default 5), each leaving after chatPatienceMs unanswered (default 3 min); with the lab
   * SIP proxy on, also calls every callIntervalMs (default 30 s), each caller hanging up after
   * callPatienceMs unanswered (default 60 s). Abandons count as real ones do. With lab mail on,
   * a customer writes to the email queue every emailIntervalMs (default 45 s) while fewer than
   * maxWaitingEmails wait (default 5), and answers an agent's reply once per thread after
   * emailAnswerDelayMs (default 5 s).
   */
  simulate?: boolean | SimulationOptions;
  logLevel?: string;
  /** Tests inject a manual clock; everything else uses the system clock. */
  clock?: Clock;
  logger?: HubLogger;
  /** How long a new desktop socket may wait before its hello (default 5 s); tests shorten it. */
  helloTimeoutMs?: number;
}

export interface SimulationOptions {
  intervalMs?: number;
  maxWaitingChats?: number;
  chatPatienceMs?: number;
  callIntervalMs?: number;
  callPatienceMs?: number;
  emailIntervalMs?: number;
  maxWaitingEmails?: number;
  emailAnswerDelayMs?: number;
}

export interface RunningHub {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** For tests and tools in this process (not part of the shared startHub contract). */
  readonly center: ContactCenter;
  readonly simulator: Simulator | null;
  /**
   * The built-in lab SIP proxy (`voice.labProxy.enabled`), for in-process tools such as the
   * voice simulator: its ws:// URL, SIP domain and the derived password of a SIP user part
   * (an agent's, or "pstn" for the simulated outside world). Null when the proxy is off.
   */
  readonly labSip: LabSipAccess | null;
  /** Lab mail (`labMail`): where to submit mail over SMTP and the queue's address. Null when it is off. */
  readonly labMail: LabMailAccess | null;
  /** The launcher tells the hub where the web-mode desktop it opened lives (the landing page links it). */
  announceDesktop(url: string): void;
}

export interface LabMailAccess {
  smtpHost: string;
  smtpPort: number;
  address: string;
}

export interface LabSipAccess {
  url: string;
  sipDomain: string;
  passwordFor(sipUser: string): string;
}

export async function startHub(opts: StartHubOptions): Promise<RunningHub> {
  const log = opts.logger ?? createHubLogger(opts.logLevel);
  const clock = opts.clock ?? systemClock;
  const given = opts.config ?? demoHubConfig();
  // A simulated lab gets simulated colleagues too, so the supervisor dashboard moves.
  const config = opts.simulate && given.lab ? withSimulatedAgents(given) : given;
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dataDir, { recursive: true });

  const locked = lockDataDir(opts.dataDir);
  if (!locked.ok) throw new Error(locked.error.message);
  const unlock = locked.value;
  const opened = openSqliteStore(path.join(opts.dataDir, HUB_DB_FILE));
  if (!opened.ok) {
    unlock();
    throw new Error(opened.error.message);
  }
  const store = opened.value;
  try {
    if (opts.seedDemoData) {
      const seeded = seedDemoData(store, clock.now());
      if (seeded > 0) log.info({ customers: seeded }, 'demo dataset seeded');
    }
    const credentials = await CredentialStore.fromConfig(config.users);
    const tokens = new AccessTokens(loadOrCreateSecret(opts.dataDir), config.auth.accessTokenTtlSeconds);
    const center = new ContactCenter({ config, store, clock, log });
    center.start();
    const sessions = new Sessions({ store, tokens, clock, config: config.auth, user: (id) => center.user(id), log });
    sessions.prune();
    const intake = contactCenterIntake(center);
    const channels = createChannels({ config, center, intake, store, sessions, clock, log, dataDir: opts.dataDir });
    const labCredentials = config.voice.labProxy.enabled ? new LabSipCredentials(loadOrCreateLabSipKey(opts.dataDir)) : null;
    const phones = new PhoneDirectory(config, labCredentials);
    const reachability = new AgentReachability(center, clock, config.disconnectGraceSeconds * 1000, log);
    const landing: LandingFacts = { desktopUrl: null, labSip: null, chat: channels.some((c) => c.name === 'chat'), labMail: null };
    const { server, wss } = createHubServer({ center, intake, store, credentials, sessions, configuredUserIds: config.users.map((u) => u.id), clock, log, helloTimeoutMs: opts.helloTimeoutMs, channels, reachability, phoneFor: (userId) => phones.forUser(userId), landing: () => landing });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const url = `http://${urlHost}:${port}`;
    phones.setHubUrl(url);
    for (const channel of channels) await channel.started?.(url);
    const labSip: LabSipAccess | null = labCredentials
      ? { url: config.voice.labProxy.publicUrl ?? `${url.replace(/^http/, 'ws')}${LAB_SIP_PATH}`, sipDomain: config.voice.sipDomain, passwordFor: (sipUser) => labCredentials.passwordFor(sipUser) }
      : null;
    landing.labSip = labSip ? { url: labSip.url, domain: labSip.sipDomain } : null;
    const labMailChannel = channels.find((c): c is EmailChannel => c.name === 'email')?.labMail ?? null;
    const labMailSmtp = labMailChannel?.server.smtp ?? null;
    const labMail: LabMailAccess | null = labMailChannel && labMailSmtp ? { smtpHost: labMailSmtp.host, smtpPort: labMailSmtp.port, address: labMailChannel.address } : null;
    landing.labMail = labMail ? { address: labMail.address, smtp: `${labMail.smtpHost}:${labMail.smtpPort}` } : null;
    // After a restart nobody is connected yet: agents who were working get one grace period.
    reachability.expectReconnect(agentsExpectedOnline(store));
    const simulation: SimulationOptions = typeof opts.simulate === 'object' ? opts.simulate : {};
    // Simulated callers ring only agents whose phone is registered: a Ready agent with no phone
    // would collect missed offers and be set not-ready for it.
    const labChannel = channels.find((c): c is LabSipChannel => c.name === 'lab-sip');
    const phoneRegistered = labChannel ? (aor: string) => labChannel.isRegistered(aor) : undefined;
    const voiceSimulation = labSip
      ? labVoiceSimulation({ config, store, hubUrl: url, passwordFor: labSip.passwordFor, intervalMs: simulation.callIntervalMs, patienceMs: simulation.callPatienceMs, phoneRegistered })
      : null;
    const chatSimulation = {
      intervalMs: simulation.intervalMs ?? DEFAULT_CHAT_SIMULATION.intervalMs,
      maxWaiting: simulation.maxWaitingChats ?? DEFAULT_CHAT_SIMULATION.maxWaiting,
      patienceMs: simulation.chatPatienceMs ?? DEFAULT_CHAT_SIMULATION.patienceMs,
      leftByLastRun: opts.simulate ? simulatedChatsLeftWaiting(store) : [],
    };
    const emailSimulation: EmailSimulation | null =
      labMailChannel && labMailSmtp
        ? {
            smtp: labMailSmtp,
            queueAddress: labMailChannel.address,
            mailboxes: labMailChannel.customers,
            // A mail not filed yet counts as waiting; once filed, its item says.
            isWaiting: (messageId) => {
              const itemId = store.email.byMessageId(messageId).find((m) => m.itemId !== null)?.itemId ?? null;
              return itemId === null ? null : intake.isWaiting(itemId);
            },
            intervalMs: simulation.emailIntervalMs ?? DEFAULT_EMAIL_INTERVAL_MS,
            maxWaiting: simulation.maxWaitingEmails ?? MAX_WAITING_SIMULATED_EMAILS,
            answerDelayMs: simulation.emailAnswerDelayMs ?? DEFAULT_EMAIL_ANSWER_DELAY_MS,
          }
        : null;
    const simulator = opts.simulate ? startSimulator(intake, clock, log, chatSimulation, voiceSimulation, emailSimulation) : null;
    const simulatedAgents = opts.simulate && given.lab ? startSimulatedAgents(center, clock, log) : null;
    log.info({ url, dataDir: opts.dataDir, simulate: Boolean(simulator) }, 'hub listening');

    let stopping: Promise<void> | null = null;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        await simulator?.stop();
        simulatedAgents?.stop();
        for (const channel of channels) await channel.stop?.();
        reachability.stop();
        center.stop();
        for (const client of wss.clients) client.close(CloseCode.shuttingDown, 'hub shutting down');
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        for (const client of wss.clients) client.terminate();
        wss.close();
        store.close();
        unlock();
        log.info('hub stopped');
      })();
      return stopping;
    };
    const announceDesktop = (desktopUrl: string): void => {
      landing.desktopUrl = desktopUrl;
    };
    return { url, port, stop, center, simulator, labSip, labMail, announceDesktop };
  } catch (cause) {
    store.close();
    unlock();
    throw cause;
  }
}
