/**
 * A hub run inside the test process (demo data, no simulator) so an outage test can stop it and
 * bring it back on the same port and data folder, with the desktop launcher pointed at it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HubConfig } from '../../../src-common/hub-config';
import { startHub, type RunningHub } from '../../../src-hub/embedded';

export class RestartableHub {
  private running: RunningHub | null = null;
  private port = 0;
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-e2e-hub-'));

  get url(): string {
    return this.current().url;
  }

  /** `config` (default the demo's) lets a test bring the hub back changed, as an admin would. */
  async start(config?: HubConfig): Promise<this> {
    this.running = await startHub({ dataDir: this.dataDir, port: this.port, seedDemoData: true, simulate: false, logLevel: 'warn', ...(config ? { config } : {}) });
    this.port = this.running.port;
    return this;
  }

  /** The outage: the hub is gone until start() brings it back on the same port and data. */
  async stop(): Promise<void> {
    const hub = this.running;
    this.running = null;
    await hub?.stop();
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private current(): RunningHub {
    if (!this.running) throw new Error('the hub is stopped');
    return this.running;
  }
}
