/** A chat as plain text for the customer's timeline: one line per message, oldest first. */
import type { ChatMessage } from '../../../src-common/chat';

export function transcriptText(messages: readonly ChatMessage[]): string {
  // A file shows by its name, marked so nobody takes the name for something the sender wrote.
  return messages.map((m) => `[${m.at.slice(11, 16)}] ${m.authorName}: ${m.attachment ? `[📎 ${m.attachment.name}]` : m.text}`).join('\n');
}
