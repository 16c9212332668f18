/**
 * A call that survives the agent's network changing, proven by ear. The agent's phone is the
 * product's page host in Chromium inside a network namespace (its "home network",
 * support/agent-netns.ts) with a fake microphone playing 1 kHz; the far end is our phone engine in
 * another Chromium on this machine, sending 600 Hz. Mid-call the agent's link goes down for 2 s
 * and comes back with a new address: the phone must reconnect, register again and restart ICE by
 * re-INVITE on its own, and each end must hear the other's tone again. The silence at each end is
 * measured from the received audio and printed. Twice: through Kamailio + rtpengine (media
 * relayed), and through the hub's lab proxy (signalling only, media browser to browser).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneProvisioning } from '../../src-common/domain';
import { LOCAL_ADDRESS_SETTLE_MS } from '../../src-phone/host/network-watch';
import { LINK_CHECK_INTERVAL_MS, LINK_CHECK_TIMEOUT_MS } from '../../src-phone/engine/sip-link-check';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import { openAgentNetwork, type AgentNetwork } from './support/agent-netns';
import { openNamespacedAgent, type NamespacedAgent } from './support/namespaced-agent';
import { watchRoutesInNamespace, type NamespacedRouteWatch } from './support/namespaced-route-watch';
import { waitFor } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';
import { longestGap, type ToneGap } from './support/tone-gaps';
import { ToneParties } from './support/tone-parties';
import type { ToneSample } from './support/tone-recorder';

const DOMAIN = 'lab.centralita';
const AGENT_HZ = 1000;
const FAR_HZ = 600;
/** A tone this loud in its 1024-point FFT bin is heard; codec noise and silence sit far below. */
const HEARD_DB = -70;
const OUTAGE_MS = 2000;
/** The media must be back this soon after the route returns. */
const GAP_TARGET_MS = 1000;
/**
 * Docking gives the browser no event when both links look alike (here, two veths). The desktop's
 * route watch (main, src-main/services/network/route-watch.ts) reads the route to the SIP server
 * every 250 ms and tells the phone; then a new connection, a REGISTER and the call's ICE restart.
 * Through rtpengine that is held to the outage target, 1 s. Browser to browser the audio comes
 * back only when the agent's Chromium has caught up with its list of networks (1.3 to 1.9 s after
 * the switch, measured) and the phone's watch on the call's path restarts ICE once more: the
 * restart made before that does not move a browser peer's media (measured: 1.4 to 2.0 s of
 * silence either way, also when the offer named the new address).
 */
const DOCKING_LIMIT_MS = { relayed: GAP_TARGET_MS, browserToBrowser: 3_000 };
/**
 * With the desktop's route watch, an idle phone is registered over the other link this soon: the
 * watch's reading (every 250 ms), a new connection and a REGISTER. Measured 0.1-0.6 s, and once
 * 1.03 s through the lab proxy; the margin keeps a connection attempt that needs TCP's first
 * retry (1 s) from failing the run, and is still far from the phone's own check (12 s).
 */
const IDLE_SWITCH_LIMIT_MS = 2_500;
/**
 * A phone page without its desktop (no route watch) learns that its SIP connection leads nowhere
 * when a check on it goes unanswered (engine/sip-link-check.ts), at worst a check's interval plus
 * its wait after the switch; then a new connection and a REGISTER (well under 1 s).
 */
const IDLE_SWITCH_ALONE_LIMIT_MS = LINK_CHECK_INTERVAL_MS + LINK_CHECK_TIMEOUT_MS + 1_000;

interface Scenario {
  network: AgentNetwork;
  agent: NamespacedAgent;
  far: ToneParties<'far'>;
  /** The desktop's route watch around the phone (null: the phone page alone). */
  routes: NamespacedRouteWatch | null;
  /** What to dial to reach the agent, and the server's logs for a failing run. */
  agentTarget: string;
  serverLogs(): string;
}

function describeGap(gap: ToneGap | null, upAt: number): string {
  if (!gap) return 'never silent';
  const back = Number.isFinite(gap.heardAgainAt) ? `${gap.heardAgainAt - upAt} ms after the route came back` : 'NOT heard again';
  return `silent ${gap.lengthMs} ms, heard again ${back}`;
}

/** True once the last `ms` of a recording all carry the tone. */
function steadyFor(samples: readonly ToneSample[], ms: number): boolean {
  const last = samples.at(-1);
  if (!last) return false;
  const recent = samples.filter((sample) => sample.at > last.at - ms);
  return recent.length >= ms / 20 && recent.every((sample) => sample.db >= HEARD_DB);
}

async function bothHearSteadily(scenario: Scenario, farCallId: string, what: string, timeoutMs: number): Promise<void> {
  const { agent, far } = scenario;
  await waitFor(async () => (steadyFor(await agent.recording(), 1000) && steadyFor(await far.recording('far'), 1000) ? true : undefined), what, timeoutMs).catch(async (cause: unknown) => {
    throw new Error(`${String(cause)}\n${scenario.serverLogs()}\n${await agent.diagnostics()}\nfar: ${JSON.stringify(await far.inbound('far', farCallId))}`, { cause });
  });
}

/** The far end calls the agent and the agent answers; resolves once each steadily hears the other. */
async function connectCall(scenario: Scenario, what: string): Promise<{ farCallId: string; agentCallId: string }> {
  const { agent, far } = scenario;
  const rungBefore = (await agent.events()).length;
  const dialled = await far.execute('far', { type: 'dial', target: scenario.agentTarget });
  expect(dialled.ok).toBe(true);
  const farCallId = dialled.value?.callId ?? '';
  const agentCallId = await waitFor(async () => (await agent.events()).slice(rungBefore).flatMap((event) => (event.type === 'incoming-call' ? [event.call.id] : []))[0], 'the agent rings');
  expect(await agent.execute({ type: 'answer', callId: agentCallId })).toMatchObject({ ok: true });
  await far.mediaFlows('far', farCallId, () => scenario.serverLogs());
  await agent.record(agentCallId, FAR_HZ);
  await far.record('far', farCallId, AGENT_HZ);
  await bothHearSteadily(scenario, farCallId, what, 15_000);
  return { farCallId, agentCallId };
}

/** The far end hangs up, and the agent's phone must see the call end. */
async function farEndHangsUp(scenario: Scenario, farCallId: string, agentCallId: string): Promise<void> {
  expect((await scenario.far.execute('far', { type: 'hangup', callId: farCallId })).ok).toBe(true);
  const ended = async () => ((await scenario.agent.events()).some((event) => event.type === 'call-updated' && event.call.id === agentCallId && event.call.state === 'ended') ? true : undefined);
  await waitFor(ended, 'the agent sees the far end hang up', 10_000);
}

/** The far end calls the agent, the agent answers, the network changes, both must hear each other again. */
async function callSurvivesNetworkChange(scenario: Scenario, label: string): Promise<void> {
  const { network, agent, far } = scenario;
  const { farCallId, agentCallId } = await connectCall(scenario, 'both tones heard steadily before the change');

  const from = network.agentAddress;
  const { downAt, upAt } = await network.moveAgent(from.replace(/\.\d+$/, '.3'), OUTAGE_MS);

  await bothHearSteadily(scenario, farCallId, 'both tones heard again', 20_000);
  const agentGap = longestGap(await agent.recording(), HEARD_DB, downAt, upAt);
  const farGap = longestGap(await far.recording('far'), HEARD_DB, downAt, upAt);
  console.log(
    [
      `network change (${label}): link down ${upAt - downAt} ms, agent address ${from} -> ${network.agentAddress}`,
      `  agent hears the far end: ${describeGap(agentGap, upAt)}`,
      `  far end hears the agent: ${describeGap(farGap, upAt)}`,
    ].join('\n'),
  );
  // The outage silenced both directions (the measurement sees it)…
  expect(agentGap?.lengthMs).toBeGreaterThan(OUTAGE_MS / 2);
  expect(farGap?.lengthMs).toBeGreaterThan(OUTAGE_MS / 2);
  // …and both came back within the target, 1 s of the route's return. The call's socket is bound
  // to the any-address (the desktop's WebRTC address policy), so its packets leave from the new
  // address at once; per-interface sockets would wait for Chromium's network-change debounce
  // (measured 0.6 to 3.3 s here).
  expect((agentGap?.heardAgainAt ?? Infinity) - upAt).toBeLessThanOrEqual(GAP_TARGET_MS);
  expect((farGap?.heardAgainAt ?? Infinity) - upAt).toBeLessThanOrEqual(GAP_TARGET_MS);

  // The phone did it by itself: a new registration, and the call kept.
  const after = (await agent.events()).filter((event) => event.at >= downAt);
  expect(after.some((event) => event.type === 'registration' && event.registration === 'registered')).toBe(true);
  expect(after.some((event) => event.type === 'call-updated' && event.call.id === agentCallId && event.call.state === 'ended')).toBe(false);

  // The far end's hang-up reaches the agent over the new connection (the dialog's target moved).
  await farEndHangsUp(scenario, farCallId, agentCallId);
}

/**
 * Wi-Fi to cable: the second link takes the default route, then the first goes down. The call's
 * socket (bound to the any-address) carries on over the cable at once; the SIP connection, tied
 * to the Wi-Fi address, is replaced when the phone notices, and the call's re-INVITE must not
 * break the audio. Every silence after the switch, until the phone registered again and both
 * ends heard each other for a while, counts, and none may last longer than `limitMs`.
 */
async function callSurvivesSwitchToCable(scenario: Scenario, label: string, limitMs: number): Promise<void> {
  const { network, agent, far } = scenario;
  const { farCallId, agentCallId } = await connectCall(scenario, 'both tones heard steadily on Wi-Fi');
  // A docking comes well after the call connected; in its first seconds a new local address is
  // taken as ICE settling (LOCAL_ADDRESS_SETTLE_MS), not as the network moving.
  await new Promise((resolve) => setTimeout(resolve, LOCAL_ADDRESS_SETTLE_MS));

  const from = network.agentAddress;
  const { switchedAt } = await network.switchLinks();
  const registeredAgain = async () => ((await agent.events()).some((event) => event.at >= switchedAt && event.type === 'registration' && event.registration === 'registered') ? true : undefined);
  await waitFor(registeredAgain, 'the phone registered again over the cable', 20_000).catch(async (cause: unknown) => {
    throw new Error(`${String(cause)}\n${scenario.serverLogs()}\n${await agent.diagnostics()}`, { cause });
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await bothHearSteadily(scenario, farCallId, 'both tones heard on the cable', 20_000);
  const until = Date.now();
  const agentGap = longestGap(await agent.recording(), HEARD_DB, switchedAt, until);
  const farGap = longestGap(await far.recording('far'), HEARD_DB, switchedAt, until);
  const registeredAt = (await agent.events()).find((event) => event.at >= switchedAt && event.type === 'registration' && event.registration === 'registered')?.at ?? NaN;
  console.log(
    [
      `Wi-Fi to cable (${label}): agent address ${from} -> ${network.agentAddress}, ${routeMoveSeen(scenario, switchedAt)}, registered again ${registeredAt - switchedAt} ms after the Wi-Fi went down`,
      `  agent hears the far end: ${agentGap ? `longest silence ${agentGap.lengthMs} ms` : 'never silent'}`,
      `  far end hears the agent: ${farGap ? `longest silence ${farGap.lengthMs} ms` : 'never silent'}`,
    ].join('\n'),
  );
  // The desktop saw the move: the phone is on the cable well before its own check would notice.
  expect(registeredAt - switchedAt).toBeLessThanOrEqual(GAP_TARGET_MS);
  expect(agentGap?.lengthMs ?? 0).toBeLessThanOrEqual(limitMs);
  expect(farGap?.lengthMs ?? 0).toBeLessThanOrEqual(limitMs);
  expect((await agent.events()).some((event) => event.type === 'call-updated' && event.call.id === agentCallId && event.call.state === 'ended')).toBe(false);

  await farEndHangsUp(scenario, farCallId, agentCallId);
}

/** When the desktop's route watch told the phone of the move, for the report. */
function routeMoveSeen(scenario: Scenario, switchedAt: number): string {
  if (!scenario.routes) return 'no route watch';
  const move = scenario.routes.moves.find((m) => m.toldAt >= switchedAt);
  return move ? `the desktop told the phone ${move.toldAt - switchedAt} ms after (${move.from} -> ${move.to})` : 'the desktop saw no route move';
}

/**
 * An idle phone when the links switch (docked, or undocked with the Wi-Fi back): the
 * browser raises no event, and the SIP connection stays on the link that went down. The phone must
 * find out by itself and register over the other link, and the next call must ring and be heard.
 */
async function idlePhoneFollowsSwitch(scenario: Scenario, label: string, limitMs: number): Promise<void> {
  const { network, agent } = scenario;
  const before = await agent.events();
  expect(before.filter((event) => event.type === 'registration').at(-1)).toMatchObject({ registration: 'registered' });

  const from = network.agentAddress;
  const { switchedAt } = await network.switchLinks();
  const registeredAt = await waitFor(async () => (await agent.events()).find((event) => event.at >= switchedAt && event.type === 'registration' && event.registration === 'registered')?.at, 'the idle phone registered again over the other link', 30_000).catch(async (cause: unknown) => {
    throw new Error(`${String(cause)}\n${scenario.serverLogs()}\n${await agent.diagnostics()}`, { cause });
  });
  console.log(`idle link switch (${label}): agent address ${from} -> ${network.agentAddress}, ${routeMoveSeen(scenario, switchedAt)}, registered again ${registeredAt - switchedAt} ms after the old link went down (limit ${limitMs} ms)`);
  expect(registeredAt - switchedAt).toBeLessThanOrEqual(limitMs);

  // The next call reaches the agent on the new link, and both ends hear each other.
  const { farCallId, agentCallId } = await connectCall(scenario, 'both tones heard on the call after the switch');
  await farEndHangsUp(scenario, farCallId, agentCallId);
}

/**
 * The three changes with the desktop's route watch around the phone, then an idle switch with the
 * phone page alone (its own connection check). Each switch leaves the agent on the other link.
 */
function networkChangeCases(rigLabel: string, dockingLimitMs: number, scenario: () => Scenario, restartRoutes: () => Promise<void>): void {
  it('after a 2 s outage and a new address, each end hears the other again within 1 s, and the call still ends normally', async () => {
    await callSurvivesNetworkChange(scenario(), rigLabel);
  }, 120_000);

  it(`from Wi-Fi to cable, the phone registers again over the cable within 1 s, no silence lasts over ${dockingLimitMs / 1000} s, and the call still ends normally`, async () => {
    await callSurvivesSwitchToCable(scenario(), rigLabel, dockingLimitMs);
  }, 120_000);

  it('with no call, the desktop sees the route move and the phone registers over the other link within 2.5 s; the next call is heard', async () => {
    await idlePhoneFollowsSwitch(scenario(), rigLabel, IDLE_SWITCH_LIMIT_MS);
  }, 120_000);

  it('with no call and no desktop around it, the phone page notices by itself within 15 s', async () => {
    await scenario().routes?.stop();
    try {
      await idlePhoneFollowsSwitch({ ...scenario(), routes: null }, `${rigLabel}, phone page alone`, IDLE_SWITCH_ALONE_LIMIT_MS);
    } finally {
      await restartRoutes();
    }
  }, 120_000);
}

describe('a call survives the agent\'s network changing: Kamailio + rtpengine', () => {
  let network: AgentNetwork;
  let rig: Rig;
  let far: ToneParties<'far'>;
  let agent: NamespacedAgent;
  let routes: NamespacedRouteWatch | null = null;
  let phoneServer = '';

  beforeAll(async () => {
    network = await openAgentNetwork();
    rig = await startRig({ staticAor: `sip:agent@${DOMAIN}`, phoneAddress: network.hostAddress });
    phoneServer = rig.env.PHONE_WS_URL ?? '';
    far = await ToneParties.open({ far: FAR_HZ });
    await far.register(phoneServer, DOMAIN);
    agent = await openNamespacedAgent(network, AGENT_HZ);
    const provisioning: PhoneProvisioning = { serverUrl: phoneServer, aor: `sip:agent@${DOMAIN}`, authorizationUsername: 'agent', password: '', displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733', lab: false, answerBeforeCandidates: true };
    await agent.start(provisioning);
    routes = await watchRoutesInNamespace(network, agent, phoneServer);
  }, 180_000);

  afterAll(async () => {
    await routes?.stop();
    await agent?.close();
    await far?.close();
    await rig?.stop();
    await network?.close();
  });

  networkChangeCases(
    'Kamailio + rtpengine',
    DOCKING_LIMIT_MS.relayed,
    () => ({ network, agent, far, routes, agentTarget: 'agent', serverLogs: () => `${rig.kamailioLog(40)}\n${rig.rtpengineLog(30)}` }),
    async () => {
      routes = await watchRoutesInNamespace(network, agent, phoneServer);
    },
  );
});

describe('a call survives the agent\'s network changing: the hub\'s lab proxy', () => {
  let network: AgentNetwork;
  let hub: RunningHub;
  let dataDir: string;
  let far: ToneParties<'far'>;
  let agent: NamespacedAgent;
  let routes: NamespacedRouteWatch | null = null;
  let phoneServer = '';

  beforeAll(async () => {
    network = await openAgentNetwork();
    dataDir = mkdtempSync(join(tmpdir(), 'centralita-netns-hub-'));
    // The hub listens on the link's host address only: the agent's namespace reaches it there.
    hub = await startHub({ port: 0, host: network.hostAddress, dataDir, seedDemoData: true, simulate: false, logLevel: 'silent' });
    const lab = hub.labSip;
    if (!lab) throw new Error('the demo hub has no lab proxy');
    phoneServer = lab.url;
    far = await ToneParties.open({ far: FAR_HZ });
    await far.register(lab.url, lab.sipDomain, () => ({ sipUser: 'jordi', password: lab.passwordFor('jordi') }));
    agent = await openNamespacedAgent(network, AGENT_HZ);
    const provisioning: PhoneProvisioning = { serverUrl: lab.url, aor: `sip:ana@${lab.sipDomain}`, authorizationUsername: 'ana', password: lab.passwordFor('ana'), displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733', lab: true, answerBeforeCandidates: true };
    await agent.start(provisioning);
    routes = await watchRoutesInNamespace(network, agent, phoneServer);
  }, 180_000);

  afterAll(async () => {
    await routes?.stop();
    await agent?.close();
    await far?.close();
    await hub?.stop();
    await network?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  networkChangeCases(
    'lab proxy',
    DOCKING_LIMIT_MS.browserToBrowser,
    () => ({ network, agent, far, routes, agentTarget: 'ana', serverLogs: () => '(lab proxy: no log kept)' }),
    async () => {
      routes = await watchRoutesInNamespace(network, agent, phoneServer);
    },
  );
});
