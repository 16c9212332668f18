/**
 * The rules of the local 3-way conference: which calls may join, what joining does (both resumed,
 * mute moved into the mix), and what ends it (a leg hangs up, is held or transferred). The media
 * work is the bridge's (webaudio-conference.ts); the call model shows it as `conferenceWith`.
 */
import { err, ok } from '../../src-common/result';
import { NO_CALL_ID, type CallEntry, type CallTable, type CommandResult } from './call-table';
import type { ConferenceBridge, ConferenceBridgeFactory } from './conference-bridge';
import type { PhoneLogger } from './phone-logger';
import { applyTrackSwitches } from './web-media';

export class LocalConference {
  /** At most one conference: the mix takes exactly two calls. */
  private current: { legs: readonly [string, string]; bridge: ConferenceBridge } | null = null;

  constructor(
    private readonly table: CallTable,
    private readonly logger: PhoneLogger,
    private readonly bridgeFactory: ConferenceBridgeFactory,
    private readonly resume: (callId: string) => CommandResult,
  ) {
    // A leg that hangs up (either side) ends the mix: the other call keeps the plain microphone.
    table.onEvent((event) => {
      const leaving = event.type === 'call-removed' ? event.callId : event.type === 'call-updated' && (event.call.state === 'ending' || event.call.state === 'ended') ? event.call.id : null;
      if (leaving !== null && this.includes(leaving)) void this.leave();
    });
  }

  includes(callId: string): boolean {
    return this.current?.legs.includes(callId) ?? false;
  }

  /** Resumes both calls and mixes them locally: each far end hears us and the other far end. */
  async start(firstId: string, secondId: string): CommandResult {
    if (firstId === secondId) return err('bad-request', 'A conference needs two different calls.');
    if (this.current) return err('conflict', 'A conference is already running; hang up one of its calls first.');
    const entries = [this.table.get(firstId), this.table.get(secondId)];
    for (const entry of entries) {
      if (!entry) return err('not-found', 'One of the calls has already ended.');
      if ((entry.call.state !== 'active' && entry.call.state !== 'held') || entry.call.holdPending) return err('conflict', 'Both calls must be connected to join them.');
    }
    const [first, second] = entries as [CallEntry, CallEntry];
    for (const entry of [first, second]) {
      if (entry.call.state !== 'held') continue;
      const resumed = await this.resume(entry.call.id);
      if (!resumed.ok) return resumed;
    }
    if (first.call.state !== 'active' || second.call.state !== 'active') return err('conflict', 'One of the calls ended while joining.');
    // The mix reads the microphone tracks themselves, so they must be live; mute moves into the mix.
    for (const entry of [first, second]) applyTrackSwitches(entry.session.sessionDescriptionHandler, { muted: false, held: false });
    const bridge = await this.bridgeFactory([
      { callId: first.call.id, sessionDescriptionHandler: first.session.sessionDescriptionHandler },
      { callId: second.call.id, sessionDescriptionHandler: second.session.sessionDescriptionHandler },
    ]);
    if (!bridge.ok) {
      for (const entry of [first, second]) applyTrackSwitches(entry.session.sessionDescriptionHandler, { muted: entry.call.muted, held: false });
      this.logger.log('warn', 'Conference could not start', { error: bridge.error.message });
      return bridge;
    }
    this.current = { legs: [first.call.id, second.call.id], bridge: bridge.value };
    const muted = first.call.muted || second.call.muted;
    bridge.value.setMicrophoneMuted(muted);
    for (const [entry, other] of [[first, second], [second, first]] as const) {
      this.table.update(entry, { type: 'muted', on: muted });
      this.table.update(entry, { type: 'conference', with: other.call.id });
    }
    this.logger.log('info', 'Conference started', { calls: [first.call.id, second.call.id] });
    return ok(NO_CALL_ID);
  }

  /** One microphone feeds both mixes: muting either call mutes us for the whole conference. */
  async setMuted(muted: boolean): CommandResult {
    const current = this.current;
    if (!current) return err('conflict', 'There is no conference.');
    current.bridge.setMicrophoneMuted(muted);
    for (const legId of current.legs) {
      const leg = this.table.get(legId);
      if (leg) this.table.update(leg, { type: 'muted', on: muted });
    }
    return ok(NO_CALL_ID);
  }

  /** Feeds the mix from another microphone; the ids of the calls whose audio it now carries. */
  replaceMicrophone(track: () => MediaStreamTrack): string[] {
    if (!this.current) return [];
    this.current.bridge.replaceMicrophone(track());
    return [...this.current.legs];
  }

  /** Ends the mix; a leg still connected gets its own microphone back (with its mute state). */
  async leave(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = null;
    await current.bridge.end().catch((error: unknown) => this.logger.log('warn', 'Conference mix did not end cleanly', { error: String(error) }));
    for (const legId of current.legs) {
      const leg = this.table.get(legId);
      if (!leg) continue;
      this.table.update(leg, { type: 'conference', with: null });
      if (leg.call.state === 'active' || leg.call.state === 'held') {
        applyTrackSwitches(leg.session.sessionDescriptionHandler, { muted: leg.call.muted, held: leg.call.state === 'held' });
      }
    }
    this.logger.log('info', 'Conference ended', { calls: [...current.legs] });
  }
}
