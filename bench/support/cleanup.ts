/**
 * Everything a bench starts registers how to stop it here; `run` stops them in reverse order
 * after success, failure, or Ctrl-C / SIGTERM, so no hub, launcher or Chromium outlives the bench.
 */
export class CleanupStack {
  private readonly steps: Array<{ what: string; stop: () => Promise<void> | void }> = [];
  /** Set once a signal started the shutdown: work still in flight then fails, expectedly. */
  interrupted = false;

  add(what: string, stop: () => Promise<void> | void): void {
    this.steps.push({ what, stop });
  }

  async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.stop();
      } catch (error) {
        process.stderr.write(`cleanup of ${step.what} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }

  /** Stops everything on SIGINT/SIGTERM, then exits (130 / 143 as a shell would report). */
  stopOnSignals(): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.interrupted = true;
      void this.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }
}
