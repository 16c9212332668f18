import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../src-main/services/cache/cache-store';
import { runMigrations } from '../../../src-main/services/cache/migrate';
import { CACHE_MIGRATIONS } from '../../../src-main/services/cache/migrations';

const UPLOAD = { id: 'eatt-00000000-0000-4000-8000-000000000001', name: 'albarán.pdf', mime: 'application/pdf' as const, size: 1200 };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function openStore(file: string): { store: CacheStore; db: Database.Database } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  runMigrations(db, CACHE_MIGRATIONS);
  return { store: new CacheStore(db), db };
}

describe('email drafts in the desktop cache', () => {
  it('keeps the latest text of a reply across a close and reopen of the file, per signed-in scope', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centralita-drafts-'));
    dirs.push(dir);
    const file = path.join(dir, 'cache.db');
    const first = openStore(file);
    first.store.draftSave({ scope: 'hub|ana', draft: { itemId: 'item-1', clientId: 'client-abc-1', text: 'Hola Ma', ccText: '', bccText: '', forwardToText: 'almacen@example.es', attachments: [] } });
    first.store.draftSave({ scope: 'hub|ana', draft: { itemId: 'item-1', clientId: 'client-abc-1', text: 'Hola María, le escribo', ccText: 'jefa@example.es', bccText: 'auditoria@example.es', forwardToText: '', attachments: [UPLOAD] } });
    // No orderly close: the WAL is what a killed desktop leaves behind.
    const second = openStore(file);
    expect(second.store.draftGet({ scope: 'hub|ana', itemId: 'item-1' })).toEqual({ itemId: 'item-1', clientId: 'client-abc-1', text: 'Hola María, le escribo', ccText: 'jefa@example.es', bccText: 'auditoria@example.es', forwardToText: '', attachments: [UPLOAD] });
    expect(second.store.draftGet({ scope: 'hub|jordi', itemId: 'item-1' })).toBeNull();
    second.store.draftDelete({ scope: 'hub|ana', itemId: 'item-1' });
    expect(second.store.draftGet({ scope: 'hub|ana', itemId: 'item-1' })).toBeNull();
    first.db.close();
    second.db.close();
  });
});
