/**
 * Voice supervision grants on a real SQLite file: a supervisor gets a one-time grant for an
 * agent's live call; the agent's desktop redeems it once. Forged, tampered, expired, replayed,
 * misdirected and foreign grants are refused, an agent cannot ask for one, and every attempt,
 * done or refused, is in the audit log with its reason.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import type { ItemView } from '../../../src-common/domain';
import type { Result } from '../../../src-common/result';
import { SupervisionGrantOffer, RedeemedSupervision } from '../../../src-common/voice-supervision';
import type { HubChannel } from '../../../src-hub/channels/channel';
import { CallSupervision } from '../../../src-hub/channels/voice/call-supervision';
import type { ContactCenter } from '../../../src-hub/center/contact-center';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { runDesktopOp, type Caller } from '../../../src-hub/server/desktop-ops';
import type { HubStore } from '../../../src-hub/storage/repositories';
import { VoiceGrants } from '../../../src-hub/supervision/voice-grants';
import { closeCenterOnDisk, openCenterOnDisk } from './support/center-on-disk';
import type { ManualClock } from './support/manual-clock';

const ana: Caller = { userId: 'ana', role: 'agent' };
const jordi: Caller = { userId: 'jordi', role: 'agent' };
const sara: Caller = { userId: 'sara', role: 'supervisor' };

describe('voice supervision grants', () => {
  let dir: string;
  let clock: ManualClock;
  let store: HubStore;
  let center: ContactCenter;
  let voice: HubChannel;
  const config: HubConfig = demoHubConfig();

  const op = (caller: Caller, name: Parameters<typeof runDesktopOp>[2], params: unknown, key?: string): Result<unknown> =>
    runDesktopOp({ center, idempotency: store.idempotency, clock, channels: [voice] }, caller, name, params, key);
  const grantFor = (agentId: string, mode = 'monitor'): SupervisionGrantOffer => {
    const result = op(sara, 'superviseCall', { agentId, mode });
    if (!result.ok) throw new Error(result.error.message);
    return SupervisionGrantOffer.parse(result.value);
  };
  const callOf = (caller: Caller, number: string): ItemView => {
    const result = op(caller, 'startOutboundCall', { number, customerId: null }, `dial-${caller.userId}`);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ItemView;
  };
  const refusal = (result: Result<unknown>): string => (result.ok ? 'accepted' : result.error.message);

  beforeEach(() => {
    ({ dir, clock, store, center } = openCenterOnDisk('centralita-voice-grants-', config));
    const supervision = new CallSupervision({ config, store, clock, center }, new VoiceGrants(randomBytes(32)));
    voice = {
      name: 'voice',
      desktopOps: {
        superviseCall: (caller, p) => supervision.superviseCall(caller, p),
        redeemSupervisionGrant: (caller, p) => supervision.redeem(caller, p.grant),
      },
    };
    center.setState('ana', 'ready', null);
    center.setState('jordi', 'ready', null);
  });
  afterEach(() => closeCenterOnDisk({ dir, clock, store, center }));

  it('grants a supervisor the agent’s live call, and the agent’s desktop redeems it exactly once', () => {
    const call = callOf(ana, '+34600100200');
    const offer = grantFor('ana', 'whisper');
    expect(offer).toMatchObject({ agentUri: 'sip:ana@lab.centralita', agentName: 'Ana Martín', itemId: call.id, mode: 'whisper' });

    const redeemed = op(ana, 'redeemSupervisionGrant', { grant: offer.grant });
    if (!redeemed.ok) throw new Error(redeemed.error.message);
    expect(RedeemedSupervision.parse(redeemed.value)).toEqual({ mode: 'whisper', itemId: call.id, takeOverItemId: null, supervisorId: 'sara', supervisorName: expect.any(String), tellAgent: true });
    // The same grant again (a replayed INVITE or INFO) is refused.
    expect(refusal(op(ana, 'redeemSupervisionGrant', { grant: offer.grant }))).toBe('The supervision grant was already used.');
  });

  it('take-over gives the supervisor the call’s next segment, offered to them only, named for the REFER', () => {
    const call = callOf(ana, '+34600100200');
    center.setState('sara', 'ready', null);
    const redeemed = op(ana, 'redeemSupervisionGrant', { grant: grantFor('ana', 'take-over').grant });
    if (!redeemed.ok) throw new Error(redeemed.error.message);
    const { takeOverItemId } = RedeemedSupervision.parse(redeemed.value);
    expect(takeOverItemId).not.toBeNull();
    const offers = center.snapshot('sara')?.offers ?? [];
    expect(offers.map((offer) => offer.item.id)).toEqual([takeOverItemId]);
    expect(offers[0]?.item).toMatchObject({ channel: 'voice', customerId: call.customerId, transfer: { fromAgentId: 'ana', toAgentId: 'sara' } });
    // Ana keeps her own segment until her phone hands the caller over and hangs up.
    expect(store.items.get(call.id)).toMatchObject({ state: 'accepted', agentId: 'ana' });
  });

  it('refuses forged, tampered, foreign, expired and misdirected grants, and audits each refusal', () => {
    callOf(ana, '+34600100200');
    callOf(jordi, '+34600100300');
    const offer = grantFor('ana', 'monitor');
    const [body = '', signature = ''] = offer.grant.split('.');

    // Tampered: the same signature over a payload that asks for barge.
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const barge = Buffer.from(JSON.stringify({ ...payload, mode: 'barge' })).toString('base64url');
    expect(refusal(op(ana, 'redeemSupervisionGrant', { grant: `${barge}.${signature}` }))).toBe('The supervision grant is not signed by this hub.');
    // Signed by another hub's secret.
    const foreign = new VoiceGrants(randomBytes(32)).issue({ supervisorId: 'sara', agentId: 'ana', itemId: offer.itemId, mode: 'monitor' }, clock.now(), 30);
    expect(refusal(op(ana, 'redeemSupervisionGrant', { grant: foreign.grant }))).toBe('The supervision grant is not signed by this hub.');
    // Not a grant at all: refused by the schema before it reaches the check.
    expect(op(ana, 'redeemSupervisionGrant', { grant: 'hello' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // Meant for Ana, presented by Jordi's desktop.
    expect(refusal(op(jordi, 'redeemSupervisionGrant', { grant: offer.grant }))).toBe('The supervision grant is for another agent.');
    // Jordi's try did not spend it; it expires unused after its 30 seconds.
    clock.advance(31_000);
    expect(refusal(op(ana, 'redeemSupervisionGrant', { grant: offer.grant }))).toBe('The supervision grant has expired.');

    const refusedRedeems = store.supervision.latestAudit(50).filter((entry) => entry.action === 'redeemSupervisionGrant');
    expect(refusedRedeems.map((entry) => [entry.actorId, entry.outcome])).toEqual([
      ['ana', 'refused'],
      ['jordi', 'refused'],
      ['ana', 'refused'],
      ['ana', 'refused'],
    ]);
    expect(refusedRedeems[0]?.detail).toContain('expired');
  });

  it('gives no grant to an agent, nor for an agent who is not on a call, and voids a grant whose call ended', () => {
    expect(op(jordi, 'superviseCall', { agentId: 'ana', mode: 'monitor' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refusal(op(sara, 'superviseCall', { agentId: 'ana', mode: 'monitor' }))).toBe('Ana Martín is not on a call now.');
    expect(refusal(op(sara, 'superviseCall', { agentId: 'sara', mode: 'monitor' }))).toBe('You cannot supervise your own call.');

    const call = callOf(ana, '+34600100200');
    const offer = grantFor('ana');
    expect(center.endWork('ana', call.id).ok).toBe(true);
    expect(refusal(op(ana, 'redeemSupervisionGrant', { grant: offer.grant }))).toBe('The call this grant was for has ended.');

    const actions = store.supervision.latestAudit(50).map((entry) => `${entry.actorId} ${entry.action} ${entry.outcome}`);
    expect(actions).toContain('jordi superviseCall refused');
    expect(actions).toContain('sara superviseCall done');
    expect(actions).toContain('ana redeemSupervisionGrant refused');
  });
});
