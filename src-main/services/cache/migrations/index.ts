/** Every cache migration, in version order. Add new ones at the end; never edit a shipped one. */
import type { Migration } from '../migrate';
import { migration1Initial } from './1-initial';

export const CACHE_MIGRATIONS: readonly Migration[] = [migration1Initial];
