/**
 * The channels this hub runs. Each channel module exports a factory taking the shared
 * ChannelContext; add new channels to the list below.
 */
import type { ChannelContext, HubChannel } from './channel';

export function createChannels(_ctx: ChannelContext): HubChannel[] {
  return [];
}
