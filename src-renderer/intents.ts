/**
 * What the user can ask main to do, and how answers land in the store. Failures become
 * notices with the AppError main sent (errors as values: nothing here throws to React).
 */
import type { DesktopApi, IpcOpName, IpcParams, IpcResult } from '../src-common/ipc';
import type { Result } from '../src-common/result';
import type { ChatMessage, ChatWhisper } from '../src-common/chat';
import type { Channel, ItemView, SelectableAgentState } from '../src-common/domain';
import type { Settings } from '../src-common/settings';
import type { CallQualitySummary } from '../src-common/call-quality';
import type { RedeemedSupervision, SupervisionGrantOffer, SupervisionStep } from '../src-common/voice-supervision';
import type { AuditEntry, ForceAgentStateParams, IntervalRow, MonitoredChat, MoveWaitingParams } from '../src-common/supervisor';
import type { AppStore } from './store/app-store';
import type { NoticeAction, NoticeReason } from './store/ui-slice';
import { invokeResult } from './api/invoke-result';

export interface Intents {
  login(input: { hubUrl: string; username: string; password: string }): Promise<Result<null>>;
  logout(): Promise<void>;
  setState(state: SelectableAgentState, reasonCode: string | null): Promise<void>;
  /** `ifConflict`: what the notice says when the hub refuses because the offer's state differs. */
  acceptOffer(offerId: string, ifConflict?: NoticeReason): Promise<void>;
  declineOffer(offerId: string): Promise<void>;
  endItem(itemId: string): Promise<void>;
  wrapUp(itemId: string, disposition: string, notes: string): Promise<Result<null>>;
  loadCustomer(customerId: string): Promise<void>;
  /** Customers by name, phone or email (cache first, then the hub); the caller shows failures. */
  searchCustomers(query: string): Promise<Result<IpcResult<'customer.search'>>>;
  /** Saved in main's outbox first: offline it is kept and sent once when the hub is back. */
  addCustomerNote(customerId: string, channel: Channel, text: string): Promise<Result<null>>;
  /** Follow-ups go through main's outbox too; the caller shows a refusal itself. */
  addFollowUp(customerId: string, text: string, dueAt: string | null): Promise<Result<null>>;
  completeFollowUp(followUpId: string): Promise<Result<null>>;
  changeSettings(values: Partial<Settings>): Promise<void>;
  /** A refused ("not sent") action back in main's outbox under a fresh key; a failure is shown as a notice. */
  retryUnsent(key: string): Promise<void>;
  /** The agent lets a refused action go. */
  discardUnsent(key: string): Promise<void>;
  refresh(): Promise<void>;
  /** A redacted diagnostics file for IT, written by main; the caller offers it as a download. */
  exportDiagnostics(): Promise<Result<IpcResult<'diagnostics.export'>>>;
  /** Supervisors: sets an agent Not Ready (with a reason) or signs them out; a refusal is shown as a notice. */
  forceAgentState(agentId: string, state: ForceAgentStateParams['state'], reasonCode: string | null): Promise<Result<null>>;
  /** Supervisors: the newest audit entries, newest first; the caller shows a failure where it asked. */
  auditLog(limit: number): Promise<Result<AuditEntry[]>>;
  /** Supervisors: a day's 15-minute interval report (YYYY-MM-DD, the hub's days). */
  intervalReport(day: string): Promise<Result<IntervalRow[]>>;
  /** Supervisors: waiting work to another queue of its channel, or offered to a named agent. */
  moveWaitingItem(itemId: string, target: MoveWaitingParams['target']): Promise<Result<ItemView>>;
  /** Supervisors: an agent's skills, live (0 takes a skill away); answers the queues they now serve. */
  setAgentSkills(agentId: string, skills: Record<string, number>): Promise<Result<{ agentId: string; skills: Record<string, number>; queueIds: string[] }>>;
  /**
   * Supervisors: starts following a chat. Its transcript lands in the chat slice and its live
   * events follow there; the monitor panel shows a failure itself (no notice).
   */
  monitorChat(itemId: string): Promise<Result<MonitoredChat>>;
  stopMonitoringChat(itemId: string): Promise<Result<null>>;
  /** Supervisors: a note only the chat's agent reads; shown at once, the hub's echo is deduped. */
  whisper(itemId: string, text: string): Promise<Result<ChatWhisper>>;
  /** Supervisors: writes into the chat under their own name; the customer reads it too. */
  barge(itemId: string, text: string): Promise<Result<ChatMessage>>;
  /** Supervisors: the chat leaves its agent and is offered to this supervisor (accepted in "Trabajo"). */
  takeOverChat(itemId: string): Promise<Result<ItemView>>;
  /** Supervisors: a one-time grant to join an agent's call in a mode (the phone then calls with it). */
  superviseCall(agentId: string, mode: SupervisionStep): Promise<Result<SupervisionGrantOffer>>;
  /** The agent's phone received a supervisor's grant: the hub checks and spends it. */
  redeemSupervision(grant: string): Promise<Result<RedeemedSupervision>>;
  /** A finished call's quality, for the supervisor and the customer's timeline (through the outbox). */
  reportCallQuality(summary: CallQualitySummary): Promise<Result<null>>;
  /** The phone's SIP trace of its last calls, kept by main for a diagnostics export. */
  saveSipTrace(text: string): Promise<Result<null>>;
}

/** A fresh id for an idempotent send: 32 hex characters, inside the hub's 8–64 [A-Za-z0-9_-]. */
export function newClientId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 64);
}

export function createIntents(api: DesktopApi, store: AppStore, clientId: () => string = newClientId): Intents {
  const call = <K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> => invokeResult(api, op, params);

  /** `ifConflict`: what the notice says instead of the code's text when main answers "conflict". */
  async function act<K extends IpcOpName>(action: NoticeAction, op: K, params: IpcParams<K>, ifConflict?: NoticeReason): Promise<Result<IpcResult<K>>> {
    const result = await call(op, params);
    if (!result.ok) store.getState().showNotice(action, result.error, result.error.code === 'conflict' ? ifConflict : undefined);
    return result;
  }

  return {
    searchCustomers: (query) => call('customer.search', { query, limit: 8 }),
    async login({ hubUrl, username, password }) {
      const trimmed = hubUrl.trim();
      const result = await call('session.login', { username, password, ...(trimmed ? { hubUrl: trimmed } : {}) });
      return result.ok ? { ok: true, value: null } : result;
    },
    async logout() {
      await act('logout', 'session.logout', {});
    },
    async setState(state, reasonCode) {
      await act('setState', 'agent.setState', { state, reasonCode });
    },
    async acceptOffer(offerId, ifConflict) {
      const offer = store.getState().view?.offers.find((o) => o.offerId === offerId);
      const result = await act('accept', 'offer.accept', { offerId }, ifConflict);
      if (result.ok && offer) store.getState().selectItem(offer.item.id);
    },
    async declineOffer(offerId) {
      await act('decline', 'offer.decline', { offerId });
    },
    async endItem(itemId) {
      await act('end', 'item.end', { itemId });
    },
    async wrapUp(itemId, disposition, notes) {
      const result = await act('wrapUp', 'item.wrapUp', { itemId, disposition, notes });
      if (result.ok) store.getState().markWrapUpSubmitted(itemId);
      return result.ok ? { ok: true, value: null } : result;
    },
    async loadCustomer(customerId) {
      const state = store.getState();
      if (state.lookups[customerId] === 'loading') return;
      state.setLookup(customerId, 'loading');
      const result = await call('customer.context', { customerId });
      if (!result.ok) {
        store.getState().setLookup(customerId, 'failed');
        return;
      }
      if (result.value.context) store.getState().applyCustomer(result.value.context);
      // Not cached yet: main asks the hub and a `customer` event fills it in when it lands.
      else if (!store.getState().customers[customerId]) store.getState().setLookup(customerId, 'missing');
    },
    async addCustomerNote(customerId, channel, text) {
      const result = await act('customer', 'customer.addNote', { customerId, channel, text });
      return result.ok ? { ok: true, value: null } : result;
    },
    addFollowUp: (customerId, text, dueAt) => call('customer.addFollowUp', { customerId, text, dueAt }),
    completeFollowUp: (followUpId) => call('customer.completeFollowUp', { followUpId }),
    async changeSettings(values) {
      const result = await act('settings', 'settings.set', { values });
      if (result.ok) store.getState().applySettings(result.value);
    },
    async retryUnsent(key) {
      await act('unsent', 'outbox.retry', { key });
    },
    async discardUnsent(key) {
      await act('unsent', 'outbox.discard', { key });
    },
    async refresh() {
      const [view, settings] = await Promise.all([call('view.get', {}), call('settings.get', {})]);
      if (view.ok) store.getState().applyView(view.value);
      if (settings.ok) store.getState().applySettings(settings.value);
    },
    exportDiagnostics: () => call('diagnostics.export', {}),
    async forceAgentState(agentId, state, reasonCode) {
      // Signing out takes no reason; the hub ignores one, so none is sent.
      const result = await act('forceState', 'supervisor.forceState', { agentId, state, reasonCode: state === 'offline' ? null : reasonCode });
      return result.ok ? { ok: true, value: null } : result;
    },
    auditLog: (limit) => call('supervisor.audit', { limit }),
    intervalReport: (day) => call('supervisor.intervals', { day }),
    moveWaitingItem: (itemId, target) => call('supervisor.moveWaiting', { itemId, target }),
    setAgentSkills: (agentId, skills) => call('supervisor.setSkills', { agentId, skills }),
    async monitorChat(itemId) {
      // Marked first: events may reach the window before the transcript answer does.
      store.getState().setChatMonitored(itemId, true);
      const result = await call('supervisor.monitorChat', { itemId });
      if (result.ok) store.getState().applyChatTranscript(itemId, result.value.transcript);
      return result;
    },
    async stopMonitoringChat(itemId) {
      store.getState().setChatMonitored(itemId, false);
      return call('supervisor.stopMonitoringChat', { itemId });
    },
    async whisper(itemId, text) {
      const result = await call('supervisor.whisper', { itemId, clientId: clientId(), text });
      if (result.ok) store.getState().applyChatEvent({ kind: 'chat-whisper', itemId, whisper: result.value }, Date.now());
      return result;
    },
    async barge(itemId, text) {
      const result = await call('supervisor.barge', { itemId, clientId: clientId(), text });
      if (result.ok) store.getState().applyChatEvent({ kind: 'chat-message', itemId, message: result.value }, Date.now());
      return result;
    },
    takeOverChat: (itemId) => call('supervisor.takeOver', { itemId, note: '' }),
    superviseCall: (agentId, mode) => call('supervisor.superviseCall', { agentId, mode }),
    redeemSupervision: (grant) => call('call.redeemSupervision', { grant }),
    reportCallQuality: (summary) => call('call.reportQuality', summary),
    saveSipTrace: (text) => call('diagnostics.saveSipTrace', { text }),
  };
}
