/**
 * Web mode credentials: the launcher prints a URL with a per-launch secret (`?s=`). The page
 * keeps it in sessionStorage with a per-tab client id so a reload resumes the same agent
 * session, and removes it from the address bar so it is not shared with a screenshot or
 * bookmarked.
 */
const SECRET_KEY = 'centralita.bridge.secret';
const CLIENT_KEY = 'centralita.bridge.client';

export interface BridgeSession {
  secret: string;
  clientId: string;
}

export interface BridgeSessionEnv {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  randomId: () => string;
}

export function readBridgeSession(env: BridgeSessionEnv): BridgeSession | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('s');
  if (fromUrl) {
    env.storage.setItem(SECRET_KEY, fromUrl);
    url.searchParams.delete('s');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
  }
  const secret = fromUrl ?? env.storage.getItem(SECRET_KEY);
  if (!secret) return null;
  let clientId = env.storage.getItem(CLIENT_KEY);
  if (!clientId) {
    clientId = env.randomId();
    env.storage.setItem(CLIENT_KEY, clientId);
  }
  return { secret, clientId };
}

export function bridgeUrl(pageHref: string, session: BridgeSession): string {
  const page = new URL(pageHref);
  const ws = new URL('/bridge', page);
  ws.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.searchParams.set('s', session.secret);
  ws.searchParams.set('client', session.clientId);
  return ws.toString();
}
