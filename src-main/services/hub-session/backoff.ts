/** The reconnect policy is shared with the hub's own clients (IMAP); it lives in src-common. */
export * from '../../../src-common/backoff';
