/**
 * The phone's glue in this window: starts the host with the hub's provisioning after sign-in and
 * stops it on sign-out, mirrors PhoneEvents into the app store's phone slice, applies the chosen devices, and
 * turns what the agent clicks (answer an offer, hang up, transfer…) into PhoneCommands.
 *
 * A call that belongs to a work item ends the item's conversation when it hangs up (the existing
 * end-of-work → wrap-up), so a voice item follows its call without the agent pressing End.
 */
import type { Call } from '../../src-common/call';
import type { PhoneCommandInput } from '../../src-common/phone-contract';
import { PHONE_OFFLINE_REASON, type ItemView, type Offer, type PhoneProvisioning } from '../../src-common/domain';
import { ok, type AppError, type Result } from '../../src-common/result';
import type { Intents } from '../intents';
import { log } from '../log';
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/app-store';
import { waitForState } from '../store/wait-for-state';
import { needsWorkItem } from './outbound-item';
import type { AudioDeviceChoice, PhoneHost } from '../../src-common/phone-host';
import { liveCalls, phoneAvailability, ringingCallForItem } from './phone-state';
import type { AgentTransferIntent, StartTransferItem } from './transfer-item';
import { answerSupervisionRequests, createCallSupervisor, type CallSupervisor } from './call-supervision';

/**
 * How long Answer waits for the offer's call to ring on a registered phone. The INVITE normally
 * follows the offer within tens of milliseconds; past this it is ringing somewhere else.
 */
const RING_WAIT_MS = 3_000;

/** Creates the work item for an outbound call (hub op); null when the hub cannot (no item, still dial). */
export type StartOutboundItem = (target: string, customerId: string | null) => Promise<Result<ItemView | null>>;

export interface PhoneController {
  readonly host: PhoneHost | null;
  /** Answer for a voice offer: the ringing SIP call, or the hub's accept when the phone cannot. */
  answerOffer(offer: Offer): Promise<void>;
  /** Decline for a voice offer: reject the ringing call (603: the hub offers it to someone else). */
  declineOffer(offer: Offer): Promise<void>;
  /** Runs one phone command; failures become notices. */
  command(command: PhoneCommandInput): Promise<Result<{ callId: string | null }>>;
  /**
   * Transfer to a colleague: the hub first creates their item (with the note); when it cannot
   * (they are offline or busy) nothing is transferred and the error comes back. Blind sends the
   * REFER naming the item at once; consult calls them and keeps the intent for the completion.
   */
  transferToAgent(callId: string, target: { agentId: string; sipUri: string }, note: string, mode: 'blind' | 'consult'): Promise<Result<{ callId: string | null }>>;
  /** Completes an attended transfer (REFER with Replaces), naming the colleague's item when it was one. */
  completeAttendedTransfer(callId: string, consultCallId: string): Promise<Result<{ callId: string | null }>>;
  /** Outbound call: creates the work item first, then dials with its id. */
  dial(target: string, customerId: string | null): Promise<Result<{ callId: string | null }>>;
  /** Supervisors: listening to agents' calls (call-supervision.ts). */
  readonly supervisor: CallSupervisor;
  dispose(): void;
}

export interface PhoneControllerDeps {
  host: PhoneHost | null;
  app: AppStore;
  intents: Intents;
  startOutboundItem: StartOutboundItem;
  /** Creates the colleague's item of a call transfer; without it, transfers carry no item. */
  startTransferItem?: StartTransferItem;
}

export function createPhoneController({ host, app, intents, startOutboundItem, startTransferItem }: PhoneControllerDeps): PhoneController {
  const offs: (() => void)[] = [];
  app.getState().setPhoneHostMissing(host === null);
  let provisionedWith: string | null = null;
  let devicesApplied: string | null = null;
  let standbyOn = false;
  /** The hub's latest "phone offline" spell this window has answered (its presence's since). */
  let offlineSpell: string | null = null;
  const endingItems = new Set<string>();
  /** Customer call id → the colleague an attended transfer (consultation in progress) is for. */
  const consultIntents = new Map<string, AgentTransferIntent>();

  /** The colleague's item for this call's transfer; null when the call has no item (a loose call). */
  async function transferItemFor(callId: string, agentId: string, note: string): Promise<Result<string | null>> {
    const itemId = app.getState().phone.calls[callId]?.itemId ?? null;
    if (!itemId || !startTransferItem) return ok(null);
    const made = await startTransferItem(itemId, agentId, note);
    return made.ok ? ok(made.value.itemId) : made;
  }

  const refused = (error: AppError): Result<{ callId: string | null }> => ({ ok: false, error });

  function notice(result: Result<unknown>): void {
    if (!result.ok) app.getState().showNotice('phone', result.error);
  }

  async function command(input: PhoneCommandInput): Promise<Result<{ callId: string | null }>> {
    if (!host) return { ok: false, error: { code: 'unavailable', message: 'No phone in this window.' } };
    const result = await host.execute(input);
    if (!result.ok) log.warn(`phone ${input.type} failed`, result.error);
    notice(result);
    return result;
  }

  /** Follows sign-in/out and the hub's phone settings. */
  function followProvisioning(): void {
    if (!host) return;
    const view = app.getState().view;
    const signedIn = view !== null && view.user !== null && view.status !== 'signed-out';
    const provisioning: PhoneProvisioning | null = signedIn ? (view.config?.phone ?? null) : null;
    const key = provisioning ? JSON.stringify(provisioning) : null;
    if (key === provisionedWith) return;
    provisionedWith = key;
    if (provisioning) {
      app.getState().setPhoneProvisioned(true);
      void host.start(provisioning).then(notice);
    } else if (view !== null && (view.user === null || view.status === 'signed-out' || view.config !== null)) {
      // Signed out, or signed in to a hub without voice: no phone (a config still loading is not "no voice").
      app.getState().setPhoneProvisioned(false);
      void host.stop();
    }
  }

  /**
   * Ready means a call may be offered any moment: the phone then keeps the microphone and the
   * next call's media prepared (PhoneHost.setCallStandby), and closes them otherwise.
   */
  function followStandby(): void {
    if (!host) return;
    const view = app.getState().view;
    const on = provisionedWith !== null && view?.presence?.state === 'ready';
    if (on === standbyOn) return;
    standbyOn = on;
    void host.setCallStandby(on).then((result) => {
      if (result.ok) return;
      log.warn('phone standby not applied', result.error);
      // Not applied (the phone window was not serving yet): the next view change tries again.
      if (standbyOn === on) standbyOn = !on;
    });
  }

  /**
   * The hub set the agent Not Ready as "phone offline" while this phone believes it is
   * registered: a ring of the SIP server got no reply (a connection that leads nowhere, say after
   * the network changed under an idle phone). The phone opens a new connection and registers
   * again now rather than at its next connection check; the desktop reports it registered and
   * the hub makes the agent Ready. Checked when the spell starts only: a phone that registers
   * later, in the hub's ordinary "phone offline", needs nothing more.
   */
  function followReachability(): void {
    if (!host) return;
    const { view, phone } = app.getState();
    const presence = view?.presence;
    const spell = presence?.state === 'not-ready' && presence.reasonCode === PHONE_OFFLINE_REASON ? presence.since : null;
    if (spell === offlineSpell) return;
    offlineSpell = spell;
    if (spell === null || phone.registration.registration !== 'registered') return;
    log.warn('the hub could not reach this phone: reconnecting it');
    void command({ type: 'reconnect', why: 'not-reached', since: Date.now() });
  }

  function followDevices(): void {
    if (!host) return;
    const values = app.getState().settings?.values;
    if (!values) return;
    const choice: AudioDeviceChoice = {
      microphoneId: values.microphoneId,
      speakerId: values.speakerId,
      ringerId: values.ringerId,
      ringtone: values.ringtone,
      ringerVolume: values.ringerVolume,
    };
    const key = JSON.stringify(choice);
    if (key === devicesApplied) return;
    devicesApplied = key;
    void host.setAudioDevices(choice).then(notice);
  }

  /** A connected call that belongs to an item: show it; its hang-up: end the item (→ wrap-up). */
  function followCalls(): void {
    const { phone: state, view } = app.getState();
    for (const call of state.recentlyEnded) {
      const itemId = call.itemId;
      if (!itemId || call.consultFor !== null || endingItems.has(call.id)) continue;
      endingItems.add(call.id);
      const connected = call.answeredAt !== null || call.direction === 'outbound';
      const item = view?.items.find((i) => i.id === itemId);
      const stillOnCall = liveCalls(state).some((other) => other.itemId === itemId && other.consultFor === null);
      if (connected && item?.state === 'accepted' && !stillOnCall) void intents.endItem(itemId);
    }
  }

  if (host) {
    offs.push(host.subscribe((event) => {
      app.getState().applyPhoneEvent(event);
      if (event.type === 'call-updated' && event.call.itemId && event.call.consultFor === null && (event.call.state === 'connecting' || event.call.state === 'active')) {
        if (app.getState().selectedItemId !== event.call.itemId && event.call.state === 'connecting') app.getState().selectItem(event.call.itemId);
      }
      if (event.type === 'call-removed') followCalls();
      if (event.type === 'sip-trace') void intents.saveSipTrace(event.text);
      if (event.type === 'call-quality-summary') void intents.reportCallQuality(event.summary).then((result) => {
        if (!result.ok) log.warn('call quality not reported', result.error);
      });
    }));
    offs.push(answerSupervisionRequests(host, app, intents));
    void host.snapshot().then((snapshot) => app.getState().applyPhoneSnapshot(snapshot));
    // Phone events change the store too; only a new view or new settings can change these.
    offs.push(app.subscribe((state, previous) => {
      if (state.view !== previous.view) {
        followProvisioning();
        followStandby();
        followReachability();
      }
      if (state.settings !== previous.settings) followDevices();
    }));
    followProvisioning();
    followStandby();
    followDevices();
  }

  return {
    host,
    supervisor: createCallSupervisor(app, intents, command),
    async answerOffer(offer) {
      // The offer can reach this window a moment before the phone's INVITE: a registered phone
      // waits for it (or for the offer to go: the caller hung up, it expired), since accepting
      // at the hub instead would leave the caller unanswered. A second press meanwhile waits
      // with the first.
      const ringsHere = (state: AppState): Call | null => ringingCallForItem(state.phone, offer.item.id);
      const offerGone = (state: AppState): boolean => !(state.view?.offers ?? []).some((open) => open.offerId === offer.offerId);
      const registered = phoneAvailability(app.getState().phone) === 'ready';
      let ringing = ringsHere(app.getState());
      let waitedForRing = false;
      if (!ringing && registered) {
        if (app.getState().answeringOfferIds.includes(offer.offerId)) return;
        app.getState().setAnswering(offer.offerId, true);
        try {
          const outcome = await waitForState(app, (state) => ringsHere(state) ?? (offerGone(state) ? 'gone' : null), Date.now() + RING_WAIT_MS);
          if (outcome === 'gone') return;
          ringing = outcome;
          waitedForRing = ringing === null;
        } finally {
          app.getState().setAnswering(offer.offerId, false);
        }
      }
      if (!ringing || phoneAvailability(app.getState().phone) === 'no-host') {
        // A call item that rings on no phone here (typed in by an admin, or a desk phone's): the
        // hub takes the accept, and refuses it for a call that rings on a phone elsewhere: after
        // a wait for the ring here, the agent is told so rather than that the offer changed.
        await intents.acceptOffer(offer.offerId, waitedForRing ? 'callNotHere' : undefined);
        return;
      }
      app.getState().selectItem(offer.item.id);
      await command({ type: 'answer', callId: ringing.id });
    },
    async declineOffer(offer) {
      const ringing = ringingCallForItem(app.getState().phone, offer.item.id);
      if (!ringing) {
        await intents.declineOffer(offer.offerId);
        return;
      }
      await command({ type: 'reject', callId: ringing.id, sipCode: 603 });
    },
    command,
    async transferToAgent(callId, target, note, mode) {
      if (mode === 'consult') {
        const started = await command({ type: 'attendedTransferStart', callId, target: target.sipUri });
        if (started.ok) consultIntents.set(callId, { agentId: target.agentId, note });
        return started;
      }
      const item = await transferItemFor(callId, target.agentId, note);
      if (!item.ok) return refused(item.error);
      return command({ type: 'blindTransfer', callId, target: target.sipUri, ...(item.value ? { itemId: item.value } : {}) });
    },
    async completeAttendedTransfer(callId, consultCallId) {
      const intent = consultIntents.get(callId);
      const item = intent ? await transferItemFor(callId, intent.agentId, intent.note) : ok(null);
      if (!item.ok) {
        notice(item);
        return refused(item.error);
      }
      const completed = await command({ type: 'attendedTransferComplete', callId, consultCallId, ...(item.value ? { itemId: item.value } : {}) });
      if (completed.ok) consultIntents.delete(callId);
      return completed;
    },
    async dial(target, customerId) {
      const item = needsWorkItem(target, app.getState().view?.config ?? null) ? await startOutboundItem(target, customerId) : ok(null);
      // The hub could not open the item (offline…): the call still goes out, and the agent is told
      // it will not be in the history, rather than being kept from calling a customer back.
      if (!item.ok) app.getState().showNotice('callRecord', item.error);
      const itemId = item.ok ? (item.value?.id ?? null) : null;
      if (itemId) app.getState().selectItem(itemId);
      const dialled = await command({ type: 'dial', target, itemId });
      // The hub's item would wait for a call that never started: end it so it reaches wrap-up.
      if (!dialled.ok && itemId) void intents.endItem(itemId);
      return dialled;
    },
    dispose() {
      offs.forEach((off) => off());
    },
  };
}

/** Until the hub has the outbound op, calls are placed without a work item. */
export const noOutboundItem: StartOutboundItem = async () => ok(null);
