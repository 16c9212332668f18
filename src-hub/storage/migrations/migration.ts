import type { SqliteDb } from '../database';

/** One schema step. Versions are consecutive integers; one file per version. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDb): void;
}
