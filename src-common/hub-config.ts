/**
 * The hub's configuration file (YAML or JSON): users, skills, queues, reason codes,
 * dispositions, capacity and timers. The hub validates it with this schema at start-up and
 * refuses to start on any error, naming file, key path and what was expected.
 *
 * Passwords: each user carries either `passwordHash` (an argon2id PHC string, the production
 * form) or a plaintext `password`. Plaintext is accepted only when the file says `lab: true`
 * at top level, so a lab file can never be deployed by mistake as a production one.
 */
import { z } from 'zod';
import { Channel, DESKTOP_CLOSED_REASON, LocalizedLabels, MISSED_REASON, PHONE_OFFLINE_REASON, Role } from './domain';
import { ChatConfig } from './chat-config';
import { DtmfMode, IceServer } from './phone-contract';
import { EmailConfig, emailConfigIssues, LabMailConfig, labMailConfigIssues } from './email';
import { EmailSignature, EmailTemplate } from './email-templates';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a lower-case id (letters, digits, - or _)');
const SkillLevel = z.number().int().min(1).max(10);

/**
 * A data label: one text, or one per desktop language (`{ es: Ventas, ca: Vendes, en: Sales }`).
 * Parsed into the default text (Spanish, else the first given) plus the per-language map, so the
 * hub keeps using one string and desktops pick their language.
 */
const LocalizedText = z.union([
  z.string().min(1).max(100),
  LocalizedLabels.refine((l) => Boolean(l.es ?? l.ca ?? l.en), 'give the text in at least one of es, ca, en'),
]);
function splitLocalized(text: z.infer<typeof LocalizedText>): { text: string; labels: LocalizedLabels | undefined } {
  if (typeof text === 'string') return { text, labels: undefined };
  return { text: text.es ?? text.ca ?? text.en ?? '', labels: text };
}

export const HubUser = z
  .object({
    id: Id,
    username: z.string().min(1).max(64),
    displayName: z.string().min(1).max(200),
    role: Role,
    password: z.string().min(1).max(256).optional(),
    passwordHash: z.string().startsWith('$argon2').optional(),
    /** skill id -> level 1..10; an agent can take a queue's work when level >= the queue's minimum. */
    skills: z.record(Id, SkillLevel).default({}),
    /** User part of the agent's SIP address (sip:<sipUser>@<voice.sipDomain>); default: the username. */
    sipUser: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'a SIP user part (letters, digits, . _ + -)').optional(),
    /**
     * The agent's SIP password on an external SIP server (`voice.phoneServer`), handed to their
     * desktop after sign-in. Not used with the lab proxy, whose passwords the hub derives.
     */
    sipPassword: z.string().min(1).max(256).optional(),
    /**
     * Supervisors: the queues whose dashboard they watch and whose agents they steer. When both
     * this and `supervisesTeams` are absent: every queue. Administrators always see every queue.
     */
    supervises: z.array(Id).optional(),
    /** The team (of `teams`) this user belongs to; a supervisor of that team sees and steers them. */
    team: Id.optional(),
    /** Supervisors: the teams whose agents they watch and steer, whatever queues those agents serve. */
    supervisesTeams: z.array(Id).optional(),
  })
  .strict()
  .refine((u) => (u.password === undefined) !== (u.passwordHash === undefined), {
    message: 'exactly one of password or passwordHash',
  });
export type HubUser = z.infer<typeof HubUser>;

export const HubQueue = z
  .object({
    id: Id,
    name: LocalizedText,
    /** Also accepted as written out (a parsed configuration parses again to itself). */
    names: LocalizedLabels.optional(),
    channel: Channel,
    /** Higher is served first; within a priority, the item waiting longest goes first. */
    priority: z.number().int().min(0).max(100).default(0),
    /** skill id -> minimum level an agent needs. */
    requiredSkills: z.record(Id, SkillLevel).default({}),
    /**
     * Voice queues: the offered agent's phone answers by itself after `afterSeconds` (a beep
     * first), for agents on headsets who take call after call. The SIP server puts
     * `Call-Info: <…>;answer-after=N` on the INVITE toward the agent.
     */
    autoAnswer: z.object({ afterSeconds: z.number().int().min(0).max(10).default(0) }).strict().optional(),
    /** The service level goal: `target` of the items answered within `thresholdSeconds` (src-common/supervisor.ts). */
    serviceLevel: z
      .object({ thresholdSeconds: z.number().int().min(1).max(86_400).default(20), target: z.number().min(0).max(1).default(0.8) })
      .strict()
      .default({ thresholdSeconds: 20, target: 0.8 }),
    /** A customer waiting longer than this turns the queue's tile red on the supervisor dashboard. */
    maxWaitSeconds: z.number().int().min(1).max(86_400).default(60),
    /**
     * Email queues: the promised answer time, counted from the mail's arrival; agents see each
     * email's age against it and the overdue ones marked.
     */
    responseTargetMinutes: z.number().int().min(1).max(20_160).optional(),
  })
  .strict()
  .transform(({ name, names, ...queue }) => {
    const { text, labels } = splitLocalized(name);
    const translated = labels ?? names;
    return { ...queue, name: text, ...(translated ? { names: translated } : {}) };
  });
export type HubQueue = z.infer<typeof HubQueue>;

const Labelled = z
  .object({ id: Id, label: LocalizedText, labels: LocalizedLabels.optional() })
  .strict()
  .transform(({ id, label, labels: given }) => {
    const { text, labels } = splitLocalized(label);
    const translated = labels ?? given;
    return { id, label: text, ...(translated ? { labels: translated } : {}) };
  });

/**
 * Blended capacity. See src-hub/routing/capacity.ts for the rule model; defaults follow the
 * issue: voice 1 and exclusive, chat 3, email 2, and a voice offer may interrupt at most
 * `maxChatsDuringVoice` open chats.
 */
export const CapacityConfig = z
  .object({
    voice: z.number().int().min(0).max(1).default(1),
    chat: z.number().int().min(0).max(20).default(3),
    email: z.number().int().min(0).max(20).default(2),
    voiceExclusive: z.boolean().default(true),
    maxChatsDuringVoice: z.number().int().min(0).max(20).default(0),
  })
  .strict();
export type CapacityConfig = z.infer<typeof CapacityConfig>;

export const EventRetention = z
  .object({
    /** Events older than this many hours are pruned; a client resuming from before gets a snapshot. */
    maxAgeHours: z.number().positive().max(24 * 365).default(72),
    maxEvents: z.number().int().min(100).default(1_000_000),
  })
  .strict();

/**
 * The hub's built-in SIP registrar/proxy over WebSocket at `<hub>/ws/sip`. Lab use only: production
 * uses Kamailio, Asterisk or FreeSWITCH. `publicUrl` overrides the ws:// URL handed to desktops
 * (default: the hub's own URL + /ws/sip), e.g. when the hub listens on 0.0.0.0.
 */
export const LabProxyConfig = z
  .object({
    enabled: z.boolean().default(false),
    publicUrl: z.string().max(300).regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL').optional(),
  })
  .strict();
export type LabProxyConfig = z.infer<typeof LabProxyConfig>;

/** An external SIP server for the agents' phones (the desktop registers there over WebSocket). */
export const PhoneServerConfig = z
  .object({
    url: z.string().max(300).regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL'),
    iceServers: z.array(IceServer).max(10).default([]),
    dtmfMode: DtmfMode.default('rfc4733'),
    /**
     * The server's media side (rtpengine, a PBX) learns a phone's address from its ICE checks,
     * so Ready phones may answer before their browser gathered a candidate (call setup about
     * 6 ms instead of 12). Verified with Kamailio + rtpengine; off until verified for a server
     * (docs/voice-servers.md).
     */
    answerBeforeCandidates: z.boolean().default(false),
  })
  .strict();
export type PhoneServerConfig = z.infer<typeof PhoneServerConfig>;

/**
 * Voice routing API (src-hub/channels/voice): the SIP server (Kamailio) asks the hub which agent
 * gets an inbound call. The API stays off until `routingSecret` is set; the SIP server sends it
 * in the `X-Centralita-Voice-Secret` header, and only `routingClients` addresses may call.
 */
export const VoiceConfig = z
  .object({
    routingSecret: z.string().min(16).max(256).optional(),
    /** Source addresses allowed to use the routing API (default: loopback only). */
    routingClients: z.array(z.string().min(2).max(64)).min(1).default(['127.0.0.1', '::1']),
    /** Dialled number (the Request-URI user part, e.g. "5000" or "+34930000000") -> voice queue id. */
    numbers: z.record(z.string().min(1).max(64), Id).default({}),
    /** Voice queue for numbers not listed in `numbers`; without it such calls are refused (404). */
    defaultQueueId: Id.optional(),
    /** Domain of the agents' SIP addresses of record. */
    sipDomain: z.string().min(1).max(253).default('lab.centralita'),
    /** How long the SIP server waits before asking again while a caller is queued. */
    retryMs: z.number().int().min(50).max(10_000).default(250),
    /** The hub's built-in SIP-over-WebSocket registrar/proxy (src-hub/channels/voice/lab-sip): lab use only. */
    labProxy: LabProxyConfig.default(LabProxyConfig.parse({})),
    /**
     * An external SIP server the agents' phones register to (Kamailio, Asterisk, FreeSWITCH);
     * each agent's password is `users[].sipPassword`. Ignored while `labProxy.enabled`.
     */
    phoneServer: PhoneServerConfig.optional(),
  })
  .strict();
export type VoiceConfig = z.infer<typeof VoiceConfig>;

/**
 * Sign-in sessions. An access token (a signed JWT the desktop shows on every HTTP call and at
 * its socket's hello) lives at most 15 minutes; a refresh token, rotated on every use, keeps
 * the session going and dies after `refreshTokenIdleHours` without use. `sessionMaxHours`
 * caps a session however it is used, so a stolen refresh token is worth a bounded time.
 */
export const AuthConfig = z
  .object({
    accessTokenTtlSeconds: z.number().int().min(1).max(900).default(900),
    refreshTokenIdleHours: z.number().min(0.01).max(24 * 30).default(12),
    sessionMaxHours: z.number().min(0.01).max(24 * 90).default(24),
    /**
     * A refresh token spent this recently may be presented once more while its successor is
     * still unused: the desktop lost the hub's answer (a home link dropping mid-request) and
     * retries with the token it has. The unused successor dies; outside this window, or once
     * the successor was used, a spent token ends the session as reuse.
     */
    refreshReuseGraceSeconds: z.number().int().min(0).max(300).default(30),
  })
  .strict();
export type AuthConfig = z.infer<typeof AuthConfig>;

/** A canned chat response (see CannedResponse in domain.ts); shortcuts are unique, without the "/". */
export const HubCannedResponse = z
  .object({
    id: Id,
    shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a shortcut without "/" (lower-case letters, digits, - or _)'),
    title: z.string().min(1).max(100),
    text: z.string().min(1).max(4000),
  })
  .strict();

/**
 * External CRM (the Open CTI pattern): the customer's page in the CRM, from a URL template
 * with {customerId}. Only http(s) URLs: the desktop opens it in the system browser.
 */
export const CrmConfig = z
  .object({
    customerUrl: z
      .string()
      .max(2000)
      .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
      .refine((u) => u.includes('{customerId}'), 'a URL containing {customerId}'),
  })
  .strict();

export const HubConfig = z
  .object({
    lab: z.boolean().default(false),
    users: z.array(HubUser).min(1),
    /** Teams of agents (a team lead supervises their team: `users[].supervisesTeams`). */
    teams: z.array(z.object({ id: Id, name: z.string().min(1).max(200) }).strict()).max(1000).default([]),
    queues: z.array(HubQueue).min(1),
    reasonCodes: z.array(Labelled).min(1),
    dispositions: z.array(Labelled).min(1),
    capacity: CapacityConfig.default(CapacityConfig.parse({})),
    offerTimeoutSeconds: z.number().int().min(5).max(600).default(30),
    /** Consecutive expired offers after which the hub sets the agent not-ready ("missed"). */
    maxMissedOffers: z.number().int().min(1).max(100).default(2),
    /**
     * After an agent declines an item, how long that item is not offered to them again (it goes
     * to others or waits in the queue). 0 = it may come straight back.
     */
    declineCooldownSeconds: z.number().int().min(0).max(3600).default(30),
    /** Whether an agent is told (in the chat) that a supervisor is monitoring it: the centre's policy. */
    tellAgentsWhenMonitored: z.boolean().default(true),
    /** A customer who leaves within this long of arriving is a short abandon: not counted against the service level. */
    shortAbandonSeconds: z.number().int().min(0).max(600).default(5),
    /**
     * How long an agent may be without a connected desktop (closed laptop, lost network) before
     * the hub sets them Offline so offers stop waiting on them. 0 = never.
     */
    disconnectGraceSeconds: z.number().int().min(0).max(3600).default(45),
    /**
     * How long a Ready agent's desktop may report that it cannot take work (no window shows it,
     * the phone is not registered) before the hub sets them Not Ready: long enough for a reload.
     */
    readinessGraceSeconds: z.number().int().min(1).max(600).default(8),
    /** Wrap-up time; when it runs out the hub closes the item with no disposition. 0 = no limit. */
    wrapUpSeconds: z.number().int().min(0).max(3600).default(120),
    eventRetention: EventRetention.default(EventRetention.parse({})),
    voice: VoiceConfig.default(VoiceConfig.parse({})),
    chat: ChatConfig.default(ChatConfig.parse({})),
    cannedResponses: z.array(HubCannedResponse).max(500).default([]),
    /** Email reply templates, each in one or more of es/ca/en (src-common/email-templates.ts). */
    emailTemplates: z.array(EmailTemplate).max(500).default([]),
    /** The signature under replies from an email queue, per language. */
    emailSignatures: z.array(EmailSignature).max(200).default([]),
    crm: CrmConfig.optional(),
    auth: AuthConfig.default(AuthConfig.parse({})),
    /** IMAP mailboxes per email queue and SMTP for replies (src-hub/channels/email); absent: no email channel. */
    email: EmailConfig.optional(),
    /** Lab only: the hub's own SMTP server on loopback and the customers' mailboxes at /lab/mail (src-common/email.ts). */
    labMail: LabMailConfig.optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    for (const issue of emailConfigIssues(cfg.email, cfg.queues, cfg.lab)) ctx.addIssue({ code: 'custom', ...issue });
    const dup = (list: { id: string }[], key: string): void => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${x.id}"` });
        seen.add(x.id);
      });
    };
    dup(cfg.users, 'users');
    dup(cfg.teams, 'teams');
    const teamIds = new Set(cfg.teams.map((t) => t.id));
    const queueIds = new Set(cfg.queues.map((q) => q.id));
    cfg.users.forEach((u, i) => {
      if (u.team !== undefined && !teamIds.has(u.team)) ctx.addIssue({ code: 'custom', path: ['users', i, 'team'], message: `unknown team "${u.team}"` });
      (u.supervisesTeams ?? []).forEach((id, j) => {
        if (!teamIds.has(id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'supervisesTeams', j], message: `unknown team "${id}"` });
      });
      (u.supervises ?? []).forEach((id, j) => {
        if (!queueIds.has(id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'supervises', j], message: `unknown queue "${id}"` });
      });
    });
    dup(cfg.queues, 'queues');
    dup(cfg.reasonCodes, 'reasonCodes');
    dup(cfg.dispositions, 'dispositions');
    dup(cfg.cannedResponses, 'cannedResponses');
    dup(cfg.emailTemplates, 'emailTemplates');
    cfg.emailSignatures.forEach((sig, i) => {
      const queue = cfg.queues.find((q) => q.id === sig.queueId);
      if (!queue || queue.channel !== 'email') ctx.addIssue({ code: 'custom', path: ['emailSignatures', i, 'queueId'], message: `"${sig.queueId}" is not an email queue` });
      if (cfg.emailSignatures.findIndex((other) => other.queueId === sig.queueId) !== i) ctx.addIssue({ code: 'custom', path: ['emailSignatures', i, 'queueId'], message: `a second signature for "${sig.queueId}"` });
    });
    const shortcuts = new Set<string>();
    cfg.cannedResponses.forEach((c, i) => {
      if (shortcuts.has(c.shortcut)) ctx.addIssue({ code: 'custom', path: ['cannedResponses', i, 'shortcut'], message: `duplicate shortcut "${c.shortcut}"` });
      shortcuts.add(c.shortcut);
    });
    const names = new Set<string>();
    cfg.users.forEach((u, i) => {
      const name = u.username.toLowerCase();
      if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `duplicate username "${u.username}"` });
      names.add(name);
      if (u.password !== undefined && !cfg.lab) {
        ctx.addIssue({ code: 'custom', path: ['users', i, 'password'], message: 'plaintext password is allowed only with "lab: true"; use passwordHash' });
      }
    });
    const voiceQueue = (id: string, path: PropertyKey[]): void => {
      const queue = cfg.queues.find((q) => q.id === id);
      if (!queue || queue.channel !== 'voice') ctx.addIssue({ code: 'custom', path, message: `"${id}" is not a voice queue` });
    };
    for (const [number, queueId] of Object.entries(cfg.voice.numbers)) voiceQueue(queueId, ['voice', 'numbers', number]);
    if (cfg.voice.defaultQueueId !== undefined) voiceQueue(cfg.voice.defaultQueueId, ['voice', 'defaultQueueId']);
    cfg.queues.forEach((queue, index) => {
      if (queue.autoAnswer && queue.channel !== 'voice') ctx.addIssue({ code: 'custom', path: ['queues', index, 'autoAnswer'], message: 'auto-answer applies to voice queues only' });
    });
    if (cfg.voice.labProxy.enabled && !cfg.lab) {
      ctx.addIssue({ code: 'custom', path: ['voice', 'labProxy', 'enabled'], message: 'the built-in SIP proxy is for the lab only: it needs "lab: true" (production uses Kamailio, Asterisk or FreeSWITCH)' });
    }
    for (const issue of labMailConfigIssues(cfg.labMail, cfg.email, cfg.queues, cfg.lab)) ctx.addIssue({ code: 'custom', ...issue });
    if (!cfg.reasonCodes.some((r) => r.id === MISSED_REASON)) {
      ctx.addIssue({ code: 'custom', path: ['reasonCodes'], message: `must include the "${MISSED_REASON}" reason the hub sets after missed offers` });
    }
    // The hub sets these when a desktop cannot take work and the desktop names them itself; a
    // reason of the same id would let an agent choose a state that looks like a system one.
    cfg.reasonCodes.forEach((reason, index) => {
      if (reason.id === DESKTOP_CLOSED_REASON || reason.id === PHONE_OFFLINE_REASON) {
        ctx.addIssue({ code: 'custom', path: ['reasonCodes', index, 'id'], message: `"${reason.id}" is reserved: the hub sets it when a desktop cannot take work` });
      }
    });
  });
export type HubConfig = z.infer<typeof HubConfig>;
export type HubConfigInput = z.input<typeof HubConfig>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function describeReceived(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean' || input === null) return String(input);
  if (Array.isArray(input)) return input.length === 1 ? 'a list of 1 entry' : `a list of ${input.length} entries`;
  return 'an object';
}

/**
 * One line per problem, e.g. `demo.yaml: queues[2].channel: expected one of voice|chat|email, got "phone"`.
 * `raw` is the parsed document, used to show what was actually written at the path.
 */
export function describeConfigIssues(fileLabel: string, error: z.ZodError, raw: unknown): string[] {
  return error.issues.map((issue) => {
    const at = formatPath(issue.path);
    const got = valueAt(raw, issue.path);
    let expected: string;
    if (issue.code === 'invalid_value' && 'values' in issue) {
      expected = `expected one of ${issue.values.map(String).join('|')}`;
    } else if (issue.code === 'invalid_type') {
      expected = `expected ${issue.expected}`;
    } else if (issue.code === 'unrecognized_keys') {
      return `${fileLabel}: ${at}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (issue.code === 'custom') {
      // Our own cross-field rules already read as a sentence.
      return `${fileLabel}: ${at}: ${issue.message}`;
    } else if (issue.code === 'too_big' || issue.code === 'too_small') {
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const word = issue.code === 'too_big' ? (issue.inclusive === false ? 'less than' : 'at most') : issue.inclusive === false ? 'more than' : 'at least';
      const plural = Number(bound) === 1 ? '' : 's';
      const unit = issue.origin === 'string' ? ` character${plural}` : issue.origin === 'array' ? ` entr${plural ? 'ies' : 'y'}` : '';
      expected = `expected ${word} ${String(bound)}${unit}`;
    } else {
      expected = issue.message.startsWith('Invalid') ? issue.message.toLowerCase() : `expected ${issue.message}`;
    }
    return `${fileLabel}: ${at}: ${expected}, got ${describeReceived(got)}`;
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
