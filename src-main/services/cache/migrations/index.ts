/** Every cache migration, in version order. Add new ones at the end; never edit a shipped one. */
import type { Migration } from '../migrate';
import { migration1Initial } from './1-initial';
import { migration2FollowUps } from './2-follow-ups';
import { migration3OutboxRefused } from './3-outbox-refused';
import { migration4CustomerNameSearch } from './4-customer-name-search';
import { migration5EmailDrafts } from './5-email-drafts';
import { migration6EmailDraftBcc } from './6-email-draft-bcc';

export const CACHE_MIGRATIONS: readonly Migration[] = [migration1Initial, migration2FollowUps, migration3OutboxRefused, migration4CustomerNameSearch, migration5EmailDrafts, migration6EmailDraftBcc];
