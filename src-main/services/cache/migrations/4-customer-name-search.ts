/**
 * Customer search in the cache, before the hub answers (or when it cannot): each cached
 * customer keeps its name in the form searches compare with (lower case, no accents), filled
 * in from the stored JSON for customers already cached.
 */
import { nameSearchKey } from '../../../../src-common/customer-search';
import type { Migration } from '../migrate';

export const migration4CustomerNameSearch: Migration = {
  version: 4,
  name: 'customer-name-search',
  up(db) {
    db.exec(`ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';`);
    const rows = db.prepare<[], { id: string; name: string | null }>("SELECT id, json_extract(json, '$.name') AS name FROM customers").all();
    const set = db.prepare('UPDATE customers SET name_key = ? WHERE id = ?');
    for (const row of rows) set.run(nameSearchKey(row.name ?? ''), row.id);
    db.exec('CREATE INDEX customers_by_name_key ON customers(name_key);');
  },
};
