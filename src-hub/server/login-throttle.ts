/**
 * Slows password guessing: after 10 failed sign-ins for one username within 5 minutes, that
 * username is refused for the rest of the window. In memory on purpose: a restart forgiving
 * everyone is acceptable; persisting guesses is not worth a table.
 */
const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  blocked(username: string, now: number): boolean {
    return this.recent(username, now).length >= MAX_FAILURES;
  }

  fail(username: string, now: number): void {
    const key = username.toLowerCase();
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(username: string, now: number): number[] {
    return (this.failures.get(username.toLowerCase()) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}
