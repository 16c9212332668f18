import { describe, expect, it } from 'vitest';
import { threadStatus } from '../../../src-renderer/email/thread-status';
import type { EmailThreadState } from '../../../src-renderer/store/email-slice';

const empty: EmailThreadState = { thread: null, messages: [], pending: [], loadError: null };
const failed: EmailThreadState = { ...empty, loadError: 'Not connected to the hub right now; try again when the connection is back.' };
const loaded: EmailThreadState = { ...empty, thread: { threadId: 't-1', itemId: 'mail-1', customerId: null, subject: 'Cambio de dirección', mailboxAddress: null } };

describe('what the email panel says without a thread', () => {
  it('waits for the connection while the hub is away, instead of showing a read that failed for that reason', () => {
    expect(threadStatus(failed, false)).toBe('waiting');
    expect(threadStatus(undefined, false)).toBe('waiting');
  });

  it('shows a failed read as failed, and a read under way as loading, with the hub there', () => {
    expect(threadStatus(failed, true)).toBe('failed');
    expect(threadStatus(empty, true)).toBe('loading');
    expect(threadStatus(undefined, true)).toBe('loading');
  });

  it('shows the thread once it is there, whatever the link does', () => {
    expect(threadStatus(loaded, false)).toBe('shown');
    expect(threadStatus(loaded, true)).toBe('shown');
  });
});
