import type { AutoAnswerHint } from '../../src-common/call';

/**
 * "Answer the next call by yourself" armed by the hub (PhoneCommand autoAnswerNext): for one
 * item, or for whatever rings next when itemId is null, within a time window. Taken once.
 */
export class HubAutoAnswer {
  private armed: { itemId: string | null; delayMs: number; until: number } | null = null;

  constructor(private readonly nowMs: () => number) {}

  arm(itemId: string | null, delayMs: number, validForMs: number): void {
    this.armed = { itemId, delayMs, until: this.nowMs() + validForMs };
  }

  /** The hint for an incoming call of this item, if armed for it (and then disarmed). */
  take(itemId: string | null): AutoAnswerHint | null {
    const armed = this.armed;
    if (!armed || armed.until < this.nowMs()) return null;
    if (armed.itemId !== null && armed.itemId !== itemId) return null;
    this.armed = null;
    return { source: 'hub', delayMs: armed.delayMs };
  }
}
