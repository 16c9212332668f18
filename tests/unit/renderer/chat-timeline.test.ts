import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatWhisper } from '../../../src-common/chat';
import { chatTimeline, mergeWhispers } from '../../../src-renderer/chat/chat-timeline';

function message(seq: number, at: string): ChatMessage {
  return { conversationId: 'conv-1', seq, clientId: null, author: seq % 2 ? 'customer' : 'agent', authorName: 'María', text: `m${seq}`, at };
}
function whisper(id: number, at: string, text = `w${id}`): ChatWhisper {
  return { id, itemId: 'i-1', authorId: 'sara', authorName: 'Sara Vidal', text, at };
}
const shown = (entries: ReturnType<typeof chatTimeline>): string[] => entries.map((e) => (e.kind === 'message' ? e.message.text : e.whisper.text));

describe('a chat with whispers, as the agent reads it', () => {
  it('puts each whisper between the messages written before and after it', () => {
    const messages = [message(1, '2026-03-02T10:00:00Z'), message(2, '2026-03-02T10:01:00Z'), message(3, '2026-03-02T10:03:00Z')];
    const whispers = [whisper(1, '2026-03-02T10:00:30Z'), whisper(2, '2026-03-02T10:02:00Z'), whisper(3, '2026-03-02T10:05:00Z')];
    expect(shown(chatTimeline(messages, whispers))).toEqual(['m1', 'w1', 'm2', 'w2', 'm3', 'w3']);
  });

  it('shows a whisper written at the same instant as a message after that message', () => {
    expect(shown(chatTimeline([message(1, '2026-03-02T10:00:00Z')], [whisper(1, '2026-03-02T10:00:00Z')]))).toEqual(['m1', 'w1']);
  });

  it('shows whispers alone when the customer has written nothing yet', () => {
    expect(shown(chatTimeline([], [whisper(1, '2026-03-02T10:00:00Z')]))).toEqual(['w1']);
  });

  it('never shows a whisper twice when the live event repeats what the transcript had', () => {
    const first = mergeWhispers([], [whisper(2, '2026-03-02T10:02:00Z'), whisper(1, '2026-03-02T10:01:00Z')]);
    const again = mergeWhispers(first, [whisper(2, '2026-03-02T10:02:00Z'), whisper(3, '2026-03-02T10:03:00Z')]);
    expect(again.map((w) => w.id)).toEqual([1, 2, 3]);
  });

  it('orders whispers from the same instant by the order the hub stored them', () => {
    expect(mergeWhispers([whisper(5, '2026-03-02T10:00:00Z')], [whisper(4, '2026-03-02T10:00:00Z')]).map((w) => w.id)).toEqual([4, 5]);
  });
});
