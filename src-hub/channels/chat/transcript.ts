/** A chat as plain text for the customer's timeline: one line per message, oldest first. */
import type { ChatMessage } from '../../../src-common/chat';

export function transcriptText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `[${m.at.slice(11, 16)}] ${m.authorName}: ${m.text}`).join('\n');
}
