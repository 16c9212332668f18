/**
 * The images a customer's mail shows inside its text (cid: parts: a pasted screenshot, a
 * signature's logo), kept as data: URLs beside the message, so the thread shows them without
 * parsing the raw mail again on every read. Only raster images within a size limit are kept.
 */
import type { Migration } from './migration';

export const migration018EmailInlineImages: Migration = {
  version: 18,
  name: 'email-inline-images',
  up(db) {
    db.exec(`ALTER TABLE email_messages ADD COLUMN inline_images_json TEXT NOT NULL DEFAULT '[]';`);
  },
};
