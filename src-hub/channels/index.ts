/**
 * The channels this hub runs. Each channel module exports a factory taking the shared
 * ChannelContext; add new channels to the list below.
 */
import type { ChannelContext, HubChannel } from './channel';
import { createVoiceChannels } from './voice/voice-channel';
import { createChatChannel } from './chat/chat-channel';
import { createEmailChannel } from './email/email-channel';
import { transcriptMailerFor } from './email/smtp-transcript-mailer';

export function createChannels(ctx: ChannelContext): HubChannel[] {
  const email = createEmailChannel(ctx);
  const transcripts = transcriptMailerFor(email?.transcriptRoute ?? null, ctx.dataDir, ctx.log);
  return [...createVoiceChannels(ctx), createChatChannel(ctx, transcripts), ...(email ? [email] : [])];
}
