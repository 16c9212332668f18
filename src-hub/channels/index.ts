/**
 * The channels this hub runs. Each channel module exports a factory taking the shared
 * ChannelContext; add new channels to the list below.
 */
import type { ChannelContext, HubChannel } from './channel';
import { createVoiceChannels } from './voice/voice-channel';
import { createChatChannel } from './chat/chat-channel';

export function createChannels(ctx: ChannelContext): HubChannel[] {
  return [...createVoiceChannels(ctx), createChatChannel(ctx)];
}
