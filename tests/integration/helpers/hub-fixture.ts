/**
 * A real embedded hub for integration tests (real SQLite file, real HTTP + WebSocket), plus
 * the lab intake endpoint to create work deterministically and a raw protocol client used as
 * the reference the desktop is compared with.
 */
import WebSocket from 'ws';
import { WorkItem, type Channel } from '../../../src-common/domain';
import { DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, ServerFrame } from '../../../src-common/protocol';
import { startHub } from '../../../src-hub/embedded';

export const PASSWORD = 'centralita';

export interface RunningHub {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function startTestHub(dataDir: string, port = 0): Promise<RunningHub> {
  return startHub({ port, dataDir, seedDemoData: true, simulate: false, logLevel: 'silent' });
}

export async function loginToken(hubUrl: string, username: string): Promise<string> {
  const response = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: HTTP ${response.status}`);
  return LoginResponse.parse(await response.json()).token;
}

export async function createWorkItem(
  hubUrl: string,
  adminToken: string,
  item: { channel: Channel; queueId: string; from: string; subject: string; preview?: string; customerName?: string },
): Promise<WorkItem> {
  const response = await fetch(`${hubUrl}/api/work-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(item),
  });
  if (!response.ok) throw new Error(`work item intake failed: HTTP ${response.status} ${await response.text()}`);
  return WorkItem.parse(await response.json());
}

type EventFrame = Extract<ServerFrame, { type: 'event' }>;
type WelcomeFrame = Extract<ServerFrame, { type: 'welcome' }>;

/** Connects as `token`'s user with hello.resumeFrom and collects what the hub sends. */
export async function referenceStream(
  hubUrl: string,
  token: string,
  resumeFrom: number | null,
  until: (events: EventFrame[]) => boolean,
  timeoutMs = 10_000,
): Promise<{ welcome: WelcomeFrame; events: EventFrame[] }> {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${DESKTOP_WS_PATH}`);
  const events: EventFrame[] = [];
  let welcome: WelcomeFrame | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reference stream timed out with ${events.length} events`)), timeoutMs);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, resumeFrom })));
      socket.on('message', (data) => {
        const frame = ServerFrame.parse(JSON.parse(data.toString()));
        if (frame.type === 'welcome') welcome = frame;
        if (frame.type === 'event') events.push(frame);
        if (welcome && until(events)) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('error', reject);
    });
  } finally {
    socket.terminate();
  }
  if (!welcome) throw new Error('no welcome');
  return { welcome, events };
}
