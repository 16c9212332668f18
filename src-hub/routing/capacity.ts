/**
 * Blended capacity: how much work of each channel one agent may hold at once.
 *
 * Rule model (what "holds" means: an item offered to, accepted by, or in wrap-up with the
 * agent; a pending offer reserves its slot so two offers cannot overbook one agent):
 *   1. Per-channel ceiling: held[channel] < capacity[channel] (defaults voice 1, chat 3, email 2).
 *   2. Voice is exclusive (voiceExclusive, default on): while an agent holds a voice item
 *      (ringing, talking or in after-call work) nothing else is offered to them.
 *   3. A voice offer may interrupt open chats, but at most maxChatsDuringVoice of them: an
 *      agent with more open chats than that gets no voice offer (the chats would starve).
 *   4. Email never blocks voice or chat: it is asynchronous and waits while the agent talks;
 *      it only counts against its own ceiling.
 * With voiceExclusive off, rules 2 and 3 do not apply and channels only meet their ceilings.
 */
import type { Channel } from '../../src-common/domain';
import type { CapacityConfig } from '../../src-common/hub-config';

export type ChannelCounts = Record<Channel, number>;

export const emptyCounts = (): ChannelCounts => ({ voice: 0, chat: 0, email: 0 });

export function hasCapacityFor(held: ChannelCounts, channel: Channel, capacity: CapacityConfig): boolean {
  if (held[channel] >= capacity[channel]) return false;
  if (!capacity.voiceExclusive) return true;
  if (held.voice > 0) return false;
  if (channel === 'voice' && held.chat > capacity.maxChatsDuringVoice) return false;
  return true;
}
