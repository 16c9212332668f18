/** Hub configuration shared by the chat bench's socket and UI parts. */
import { HubConfig } from '../../src-common/hub-config';
import { demoHubConfig } from '../../src-hub/demo/demo-config';

/**
 * The demo config with `agents` extra agents (`<prefix>-0`…, password `centralita`) replacing
 * the demo agents, room for `chatsPerAgent` chats each, and the widget's per-address limits
 * lifted: one loopback address plays every customer here.
 */
export function chatBenchConfig(prefix: string, agents: number, chatsPerAgent: number): HubConfig {
  const demo = demoHubConfig();
  const template = demo.users.find((u) => u.id === 'ana');
  if (!template) throw new Error('demo config has no ana');
  const benchAgents = Array.from({ length: agents }, (_, i) => ({ ...template, id: `${prefix}-${i}`, username: `${prefix}-${i}`, displayName: `Agente ${i}` }));
  const chat = { ...demo.chat, messageBurst: 1000, messagesPerMinute: 60_000, startsPerAddressBurst: 100_000, startsPerAddressPerMinute: 100_000, socketsPerAddressBurst: 100_000, socketsPerAddressPerSecond: 100_000 };
  return HubConfig.parse({ ...demo, users: [...demo.users.filter((u) => u.role !== 'agent'), ...benchAgents], chat, capacity: { ...demo.capacity, chat: chatsPerAgent } });
}
