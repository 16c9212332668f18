/** Starts a real hub (SQLite temp dir, free loopback port, silent logs) and cleans it up. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startHub, type RunningHub, type StartHubOptions } from '../../../../src-hub/embedded';

export interface TestHub extends RunningHub {
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function startTestHub(opts: Partial<StartHubOptions> = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'centralita-hub-'));
  const hub = await startHub({ port: 0, dataDir, logger: pino({ level: 'silent' }), ...opts });
  return {
    ...hub,
    dataDir,
    cleanup: async () => {
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function submitWork(url: string, adminToken: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/api/work-items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
