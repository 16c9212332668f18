import { describe, expect, it } from 'vitest';
import { bridgeUrl, readBridgeSession, type BridgeSessionEnv } from '../../../src-renderer/api/bridge-session';

function env(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  let n = 0;
  const e: BridgeSessionEnv = {
    location: { href },
    history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    randomId: () => `client-${++n}`,
  };
  return { e, storage, replaced };
}

describe('web bridge session', () => {
  it('takes the secret from the URL, keeps it for this tab and removes it from the address bar', () => {
    const { e, storage, replaced } = env('http://127.0.0.1:5000/?s=SECRET123&x=1#top');
    const session = readBridgeSession(e);
    expect(session).toEqual({ secret: 'SECRET123', clientId: 'client-1' });
    expect(replaced).toEqual(['/?x=1#top']);
    expect(storage.get('centralita.bridge.secret')).toBe('SECRET123');
  });

  it('resumes the same client after a reload without the secret in the URL', () => {
    const { e } = env('http://127.0.0.1:5000/', { 'centralita.bridge.secret': 'S', 'centralita.bridge.client': 'c-old' });
    expect(readBridgeSession(e)).toEqual({ secret: 'S', clientId: 'c-old' });
  });

  it('has no session when opened without a secret', () => {
    expect(readBridgeSession(env('http://127.0.0.1:5000/').e)).toBeNull();
  });

  it('builds the bridge socket URL on the page origin', () => {
    expect(bridgeUrl('http://127.0.0.1:5000/?x=1', { secret: 'a b', clientId: 'c1' })).toBe('ws://127.0.0.1:5000/bridge?s=a+b&client=c1');
  });
});
