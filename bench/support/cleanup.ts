import type { ChildProcess } from 'node:child_process';

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

/**
 * Runs a bench's `main` with a cleanup stack that also answers Ctrl-C / SIGTERM; what main
 * started is stopped after success or failure, and a failure is printed as `<name> bench failed`
 * with exit code 1.
 */
export function runBench(name: string, main: (cleanup: CleanupStack) => Promise<void>): void {
  const cleanup = new CleanupStack();
  cleanup.stopOnSignals();
  main(cleanup)
    .then(() => cleanup.run())
    .catch(async (error: unknown) => {
      if (cleanup.interrupted) return;
      console.error(`${name} bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await cleanup.run();
      process.exitCode = 1;
    });
}

/**
 * Stops a child process the bench started, by its PID: SIGTERM, then SIGKILL if it is still there
 * after `forceAfterMs`. Resolves once it has exited.
 */
export function stopChild(child: ChildProcess, forceAfterMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
