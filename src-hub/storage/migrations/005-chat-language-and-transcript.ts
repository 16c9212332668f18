/**
 * Web chat: a conversation remembers the widget's language, so every system
 * text the hub sends the customer is in it, and whether (and where, and when) the customer's
 * transcript is to be emailed. Older conversations default to Spanish, the language the hub
 * used for them.
 */
import type { Migration } from './migration';

export const migration005ChatLanguageAndTranscript: Migration = {
  version: 5,
  name: 'chat-language-and-transcript',
  up(db) {
    db.exec(`
      ALTER TABLE chat_conversations ADD COLUMN language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es','ca','en'));
      ALTER TABLE chat_conversations ADD COLUMN transcript_email TEXT;
      ALTER TABLE chat_conversations ADD COLUMN transcript_sent_at TEXT;
    `);
  },
};
