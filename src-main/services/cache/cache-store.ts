/**
 * The SQLite side of the cache: statements prepared once, every value a bound parameter.
 * Runs inside the cache worker thread (and directly in unit tests).
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { CustomerContext, TimelineEntry, Customer, FollowUp } from '../../../src-common/domain';
import type { CacheArgs, CacheMethods, OutboxEntry, SessionRecord } from './cache-methods';
import { AppErrorSchema } from '../../../src-common/protocol';
import { nameSearchKey, readCustomerSearch } from '../../../src-common/customer-search';
import type { EmailDraft } from '../../../src-common/email-draft';
import { EmailUpload } from '../../../src-common/email';

const ErrorCodeSchema = AppErrorSchema.shape.code;

interface OutboxRow {
  seq: number;
  key: string;
  scope: string;
  op: string;
  params: string;
  created_at: string;
  attempts: number;
  status: string;
  refused_code: string | null;
  refused_message: string | null;
  refused_at: string | null;
}

export class CacheStore implements CacheMethods {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      customer: db.prepare<[string], { json: string }>('SELECT json FROM customers WHERE id = ?'),
      timeline: db.prepare<[string], { json: string }>('SELECT json FROM timeline_entries WHERE customer_id = ? ORDER BY at DESC, id'),
      byIdentity: db.prepare<[string, string], { customer_id: string }>('SELECT customer_id FROM identities WHERE kind = ? AND value = ?'),
      upsertCustomer: db.prepare(
        `INSERT INTO customers (id, json, name_key, updated_at, fetched_at) VALUES (@id, @json, @nameKey, @updatedAt, @fetchedAt)
         ON CONFLICT(id) DO UPDATE SET json = excluded.json, name_key = excluded.name_key, updated_at = excluded.updated_at, fetched_at = excluded.fetched_at`,
      ),
      byNameKey: db.prepare<[string, number], { json: string }>(
        "SELECT json FROM customers WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?",
      ),
      deleteIdentities: db.prepare('DELETE FROM identities WHERE customer_id = ?'),
      insertIdentity: db.prepare('INSERT OR REPLACE INTO identities (kind, value, customer_id) VALUES (?, ?, ?)'),
      deleteTimeline: db.prepare('DELETE FROM timeline_entries WHERE customer_id = ?'),
      insertEntry: db.prepare('INSERT OR REPLACE INTO timeline_entries (id, customer_id, at, json) VALUES (?, ?, ?, ?)'),
      followUps: db.prepare<[string], { json: string }>(
        'SELECT json FROM follow_ups WHERE customer_id = ? ORDER BY due_at IS NULL, due_at, created_at, rowid',
      ),
      deleteFollowUps: db.prepare('DELETE FROM follow_ups WHERE customer_id = ?'),
      insertFollowUp: db.prepare('INSERT OR REPLACE INTO follow_ups (id, customer_id, due_at, created_at, json) VALUES (?, ?, ?, ?, ?)'),
      countCustomers: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM customers'),
      loadSession: db.prepare<[string], { last_seq: number; state: string }>('SELECT last_seq, state FROM session_state WHERE scope = ?'),
      saveSession: db.prepare(
        `INSERT INTO session_state (scope, last_seq, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(scope) DO UPDATE SET last_seq = excluded.last_seq, state = excluded.state, updated_at = excluded.updated_at`,
      ),
      outboxInsert: db.prepare('INSERT INTO outbox (key, scope, op, params, created_at) VALUES (?, ?, ?, ?, ?)'),
      outboxByKey: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE key = ?'),
      outboxList: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE scope = ? ORDER BY seq'),
      outboxCount: db.prepare<[string], { count: number }>("SELECT count(*) AS count FROM outbox WHERE scope = ? AND status = 'pending'"),
      outboxRemove: db.prepare('DELETE FROM outbox WHERE key = ?'),
      outboxAttempt: db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE key = ?'),
      outboxRefuse: db.prepare(
        "UPDATE outbox SET status = 'refused', attempts = attempts + 1, refused_code = ?, refused_message = ?, refused_at = ? WHERE key = ?",
      ),
      outboxRequeue: db.prepare(
        "UPDATE outbox SET key = ?, status = 'pending', attempts = 0, refused_code = NULL, refused_message = NULL, refused_at = NULL WHERE key = ? AND scope = ? AND status = 'refused'",
      ),
      outboxDiscard: db.prepare("DELETE FROM outbox WHERE key = ? AND scope = ? AND status = 'refused'"),
      draftGet: db.prepare<[string, string], { item_id: string; client_id: string; text: string; cc_text: string; bcc_text: string; attachments_json: string; forward_to_text: string }>(
        'SELECT item_id, client_id, text, cc_text, bcc_text, attachments_json, forward_to_text FROM email_drafts WHERE scope = ? AND item_id = ?',
      ),
      draftSave: db.prepare(
        `INSERT INTO email_drafts (scope, item_id, client_id, text, cc_text, bcc_text, attachments_json, forward_to_text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(scope, item_id) DO UPDATE SET client_id = excluded.client_id, text = excluded.text, cc_text = excluded.cc_text, bcc_text = excluded.bcc_text,
           attachments_json = excluded.attachments_json, forward_to_text = excluded.forward_to_text, updated_at = excluded.updated_at`,
      ),
      draftDelete: db.prepare('DELETE FROM email_drafts WHERE scope = ? AND item_id = ?'),
    };
  }

  getCustomerContext({ customerId }: CacheArgs<'getCustomerContext'>): CustomerContext | null {
    const row = this.stmt.customer.get(customerId);
    if (!row) return null;
    // The file is outside our control (disk, other versions): validate what we read back.
    const customer = Customer.safeParse(JSON.parse(row.json));
    if (!customer.success) return null;
    const timeline = validRows(this.stmt.timeline.all(customerId), TimelineEntry);
    const followUps = validRows(this.stmt.followUps.all(customerId), FollowUp);
    return { customer: customer.data, timeline, followUps };
  }

  searchCustomers({ query, limit }: CacheArgs<'searchCustomers'>): Customer[] {
    const search = readCustomerSearch(query);
    if (search.kind === 'identity') {
      const found = this.findCustomer({ identity: search.identity });
      return found ? [found.customer] : [];
    }
    return validRows(this.stmt.byNameKey.all(search.pattern, limit), Customer);
  }

  findCustomer({ identity }: CacheArgs<'findCustomer'>): CustomerContext | null {
    const row = this.stmt.byIdentity.get(identity.kind, identity.value);
    return row ? this.getCustomerContext({ customerId: row.customer_id }) : null;
  }

  putCustomerContexts({ contexts }: CacheArgs<'putCustomerContexts'>): { stored: number } {
    const now = Date.now();
    const store = this.db.transaction((items: CustomerContext[]) => {
      for (const raw of items) {
        // Stored as rows: reads order them (ORDER BY at DESC), so no sorting here.
        const context = CustomerContext.parse(raw);
        const { customer } = context;
        this.stmt.upsertCustomer.run({ id: customer.id, json: JSON.stringify(customer), nameKey: nameSearchKey(customer.name), updatedAt: customer.updatedAt, fetchedAt: now });
        this.stmt.deleteIdentities.run(customer.id);
        for (const identity of customer.identities) this.stmt.insertIdentity.run(identity.kind, identity.value, customer.id);
        // The hub's answer is the whole truth for this customer: entries it dropped go too.
        this.stmt.deleteTimeline.run(customer.id);
        for (const entry of context.timeline) this.stmt.insertEntry.run(entry.id, customer.id, entry.at, JSON.stringify(entry));
        // A hub from before follow-ups sends none: keep what we have rather than guess.
        if (context.followUps) {
          this.stmt.deleteFollowUps.run(customer.id);
          for (const f of context.followUps) {
            if (f.doneAt === null) this.stmt.insertFollowUp.run(f.id, customer.id, f.dueAt, f.createdAt, JSON.stringify(f));
          }
        }
      }
    });
    store(contexts);
    return { stored: contexts.length };
  }

  countCustomers(): { count: number } {
    return { count: this.stmt.countCustomers.get()?.count ?? 0 };
  }

  loadSession({ scope }: CacheArgs<'loadSession'>): SessionRecord | null {
    const row = this.stmt.loadSession.get(scope);
    return row ? { lastSeq: row.last_seq, state: JSON.parse(row.state) as unknown } : null;
  }

  saveSession({ scope, lastSeq, state }: CacheArgs<'saveSession'>): null {
    this.stmt.saveSession.run(scope, lastSeq, JSON.stringify(state), new Date().toISOString());
    return null;
  }

  outboxAdd({ key, scope, op, params }: CacheArgs<'outboxAdd'>): OutboxEntry {
    this.stmt.outboxInsert.run(key, scope, op, JSON.stringify(params), new Date().toISOString());
    const row = this.stmt.outboxByKey.get(key);
    if (!row) throw new Error('outbox entry vanished after insert');
    return toEntry(row);
  }

  outboxList({ scope }: CacheArgs<'outboxList'>): OutboxEntry[] {
    return this.stmt.outboxList.all(scope).map(toEntry);
  }

  outboxCount({ scope }: CacheArgs<'outboxCount'>): { count: number } {
    return { count: this.stmt.outboxCount.get(scope)?.count ?? 0 };
  }

  outboxRemove({ key }: CacheArgs<'outboxRemove'>): null {
    this.stmt.outboxRemove.run(key);
    return null;
  }

  outboxSettle({ delivered, refused, postponed }: CacheArgs<'outboxSettle'>): null {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const key of delivered) this.stmt.outboxRemove.run(key);
      for (const r of refused) this.stmt.outboxRefuse.run(r.code, r.message, at, r.key);
      for (const key of postponed) this.stmt.outboxAttempt.run(key);
    })();
    return null;
  }

  outboxRequeue({ scope, key, newKey }: CacheArgs<'outboxRequeue'>): OutboxEntry | null {
    // Same seq: the entry goes back to its place, ahead of what waited behind it.
    if (this.stmt.outboxRequeue.run(newKey, key, scope).changes === 0) return null;
    const row = this.stmt.outboxByKey.get(newKey);
    return row ? toEntry(row) : null;
  }

  outboxDiscard({ scope, key }: CacheArgs<'outboxDiscard'>): { discarded: boolean } {
    return { discarded: this.stmt.outboxDiscard.run(key, scope).changes > 0 };
  }

  draftGet({ scope, itemId }: CacheArgs<'draftGet'>): EmailDraft | null {
    const row = this.stmt.draftGet.get(scope, itemId);
    if (!row) return null;
    const attachments = EmailUpload.array().safeParse(JSON.parse(row.attachments_json));
    return { itemId: row.item_id, clientId: row.client_id, text: row.text, ccText: row.cc_text, bccText: row.bcc_text, forwardToText: row.forward_to_text, attachments: attachments.success ? attachments.data : [] };
  }

  draftSave({ scope, draft }: CacheArgs<'draftSave'>): null {
    this.stmt.draftSave.run(scope, draft.itemId, draft.clientId, draft.text, draft.ccText, draft.bccText, JSON.stringify(draft.attachments), draft.forwardToText, new Date().toISOString());
    return null;
  }

  draftDelete({ scope, itemId }: CacheArgs<'draftDelete'>): null {
    this.stmt.draftDelete.run(scope, itemId);
    return null;
  }

  close(): null {
    if (this.db.open) this.db.close();
    return null;
  }
}

/** The rows whose JSON still reads as the schema: one unreadable row does not hide the others. */
function validRows<S extends z.ZodType>(rows: { json: string }[], schema: S): z.output<S>[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(JSON.parse(row.json));
    return parsed.success ? [parsed.data] : [];
  });
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    seq: row.seq,
    key: row.key,
    scope: row.scope,
    op: row.op,
    params: JSON.parse(row.params) as unknown,
    createdAt: row.created_at,
    attempts: row.attempts,
    status: row.status === 'refused' ? 'refused' : 'pending',
    refusal:
      row.status === 'refused'
        ? { code: ErrorCodeSchema.catch('internal').parse(row.refused_code), message: row.refused_message ?? '', at: row.refused_at ?? row.created_at }
        : null,
  };
}
