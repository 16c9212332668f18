import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopClient } from './helpers/desktop-client';
import { TempDirs } from './helpers/temp-dirs';
import { CACHE_MIGRATIONS } from '../../src-main/services/cache/migrations';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

describe('local cache recovery', () => {
  it('moves a corrupt cache file aside, starts with a fresh cache and logs it', async () => {
    const dataDir = temp.make();
    writeFileSync(path.join(dataDir, 'cache.db'), 'this is not a database '.repeat(200));
    const client = await DesktopClient.start(dataDir);
    try {
      const context = await client.invoke('customer.context', { customerId: 'cust-maria' });
      expect(context).toEqual({ ok: true, value: { context: null, source: 'cache' } });
      const movedAside = readdirSync(dataDir).filter((name) => name.startsWith('cache.db.corrupt-'));
      expect(movedAside).toHaveLength(1);
      expect(readFileSync(path.join(dataDir, movedAside[0] ?? '?'), 'utf8')).toContain('this is not a database');
    } finally {
      await client.close();
    }
    expect(schemaVersion(path.join(dataDir, 'cache.db'))).toBe(CACHE_MIGRATIONS.length);
    expect(readFileSync(path.join(dataDir, 'logs', 'centralita.log'), 'utf8')).toContain('unusable cache file moved aside');
  });

  it('sets aside a cache written by a newer version instead of guessing at its schema', async () => {
    const dataDir = temp.make();
    const future = new Database(path.join(dataDir, 'cache.db'));
    future.pragma('user_version = 999');
    future.exec('CREATE TABLE from_the_future (x TEXT) STRICT');
    future.close();
    const client = await DesktopClient.start(dataDir);
    await client.close();
    expect(readdirSync(dataDir).some((name) => name.startsWith('cache.db.newer-'))).toBe(true);
    expect(schemaVersion(path.join(dataDir, 'cache.db'))).toBe(CACHE_MIGRATIONS.length);
  });

  it('reopens its own cache without moving anything aside', async () => {
    const dataDir = temp.make();
    await (await DesktopClient.start(dataDir)).close();
    await (await DesktopClient.start(dataDir)).close();
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-') || name.includes('.newer-'))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'cache.db'))).toBe(true);
  });

  it('without a cache at all, an email reply starts at once (no saved draft to wait for) and saving says it is kept in the window only', async () => {
    const dataDir = temp.make();
    const client = await DesktopClient.start(dataDir, { cacheWorkerPath: path.join(dataDir, 'no-such-worker.mjs') });
    try {
      expect(await client.invoke('email.draft', { itemId: 'item-1' })).toEqual({ ok: true, value: null });
      const saved = await client.invoke('email.saveDraft', { itemId: 'item-1', clientId: 'client-abc-1', text: 'Hola', ccText: '', bccText: '', forwardToText: '', attachments: [] });
      expect(saved).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await client.close();
    }
  });
});
