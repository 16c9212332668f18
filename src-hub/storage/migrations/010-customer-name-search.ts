/**
 * Customer search by name: each customer keeps its name in the form searches compare with
 * (lower case, no accents; src-common/customer-search.ts), filled in for existing customers.
 */
import { nameSearchKey } from '../../../src-common/customer-search';
import type { Migration } from './migration';

export const migration010CustomerNameSearch: Migration = {
  version: 10,
  name: 'customer-name-search',
  up(db) {
    db.exec(`ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';`);
    const rows = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM customers').all();
    const set = db.prepare('UPDATE customers SET name_key = ? WHERE id = ?');
    for (const row of rows) set.run(nameSearchKey(row.name), row.id);
    db.exec('CREATE INDEX customers_by_name_key ON customers(name_key);');
  },
};
