/** A clock the test moves by hand; timers fire in deadline order as time passes them. */
import type { Clock, TimerHandle } from '../../../../src-hub/clock';

export class ManualClock implements Clock {
  private timers: { at: number; fire: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(private current: number = Date.parse('2026-03-02T09:00:00.000Z')) {}

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fire: () => void): TimerHandle {
    const timer = { at: this.current + Math.max(0, delayMs), fire, id: this.nextId++ };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fire();
    }
    this.current = target;
  }
}
