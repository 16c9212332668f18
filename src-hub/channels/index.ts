/**
 * The channels this hub runs. Each channel module exports a factory taking the shared
 * ChannelContext; add new channels to the list below.
 */
import type { ChannelContext, HubChannel } from './channel';
import { createVoiceChannels } from './voice/voice-channel';
import { createChatChannel } from './chat/chat-channel';
import { createEmailChannel } from './email/email-channel';

export function createChannels(ctx: ChannelContext): HubChannel[] {
  const email = createEmailChannel(ctx);
  return [...createVoiceChannels(ctx), createChatChannel(ctx), ...(email ? [email] : [])];
}
