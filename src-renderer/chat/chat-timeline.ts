/**
 * A chat as the agent and a monitoring supervisor read it: the customer's conversation and the
 * supervisors' whispers in one list, by time. Whispers live apart from messages (the customer
 * never gets them), so they only meet here, on screen.
 */
import type { ChatMessage, ChatWhisper } from '../../src-common/chat';

export type TimelineEntry = { kind: 'message'; message: ChatMessage } | { kind: 'whisper'; whisper: ChatWhisper };

function time(at: string): number {
  const ms = Date.parse(at);
  // An unreadable time sorts last rather than breaking the order of everything else.
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** Whispers by id (a replayed event replaces, never doubles), in time order; ties keep the hub's id order. */
export function mergeWhispers(current: readonly ChatWhisper[], incoming: readonly ChatWhisper[]): ChatWhisper[] {
  const byId = new Map<number, ChatWhisper>();
  for (const w of current) byId.set(w.id, w);
  for (const w of incoming) byId.set(w.id, w);
  return [...byId.values()].sort((a, b) => time(a.at) - time(b.at) || a.id - b.id);
}

/**
 * Messages (already in seq order) and whispers (already in time order) interleaved by time.
 * Messages keep their seq order whatever their clocks say; a whisper written at the same
 * instant as a message comes after it, as it answers what was on screen.
 */
export function chatTimeline(messages: readonly ChatMessage[], whispers: readonly ChatWhisper[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const queue = [...whispers];
  for (const message of messages) {
    const at = time(message.at);
    while (queue.length > 0 && time(queue[0].at) < at) out.push({ kind: 'whisper', whisper: queue.shift() as ChatWhisper });
    out.push({ kind: 'message', message });
  }
  for (const whisper of queue) out.push({ kind: 'whisper', whisper });
  return out;
}
