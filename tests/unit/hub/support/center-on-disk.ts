/**
 * A ContactCenter on a real SQLite file in a temp dir, seeded with the demo data, on a
 * hand-driven clock: the fixture the hub's center tests share. Tests that restart the hub keep
 * the parts in their own variables and call openStoreIn / startCenterOn again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { HubConfig } from '../../../../src-common/hub-config';
import { ContactCenter } from '../../../../src-hub/center/contact-center';
import { seedDemoData } from '../../../../src-hub/demo/demo-dataset';
import type { HubStore } from '../../../../src-hub/storage/repositories';
import { openSqliteStore } from '../../../../src-hub/storage/sqlite/sqlite-store';
import { ManualClock } from './manual-clock';

export interface CenterOnDisk {
  dir: string;
  clock: ManualClock;
  store: HubStore;
  center: ContactCenter;
}

/** Opens (or, after a restart, reopens) the hub's SQLite store kept in `dir`. */
export function openStoreIn(dir: string): HubStore {
  const opened = openSqliteStore(path.join(dir, 'hub.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

/**
 * Starts a center with silent logs and readable ids. The counter starts again with each start,
 * so the ids carry the clock's time: a restarted center never reuses one.
 */
export function startCenterOn(config: HubConfig, store: HubStore, clock: ManualClock): ContactCenter {
  let n = 0;
  const center = new ContactCenter({ config, store, clock, log: pino({ level: 'silent' }), newId: (prefix) => `${prefix}-${++n}-${clock.now()}` });
  center.start();
  return center;
}

export function openCenterOnDisk(dirPrefix: string, config: HubConfig): CenterOnDisk {
  const dir = mkdtempSync(path.join(tmpdir(), dirPrefix));
  const clock = new ManualClock();
  const store = openStoreIn(dir);
  seedDemoData(store, clock.now());
  return { dir, clock, store, center: startCenterOn(config, store, clock) };
}

/** Stops the center, closes the store and deletes the temp dir. */
export function closeCenterOnDisk({ dir, store, center }: CenterOnDisk): void {
  center.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
