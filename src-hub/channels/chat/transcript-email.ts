/**
 * The transcript email's content: a plain-text body in the conversation's language, one block
 * per message with its time, oldest first. Plain text on purpose: chat text is untrusted, and
 * an email client cannot run or style what is not HTML.
 */
import type { ChatMessage } from '../../../src-common/chat';
import type { ChatConversationRow } from '../../storage/chat-repository';
import { systemTexts } from './system-texts';

export interface TranscriptEmail {
  conversationId: string;
  to: string;
  subject: string;
  /** Lines joined with "\n"; the mailer chooses the wire line ending. */
  text: string;
}

/** "2026-11-25T02:14:11.000Z" → "2026-11-25 02:14". */
const minute = (at: string): string => `${at.slice(0, 10)} ${at.slice(11, 16)}`;

/** Control characters other than tab and newline have no place in a text email. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function renderTranscriptEmail(conversation: ChatConversationRow, to: string, messages: readonly ChatMessage[]): TranscriptEmail {
  const words = systemTexts(conversation.language);
  const blocks = messages.map((m) => {
    const said = m.attachment ? `[${words.attachment}: ${m.attachment.name}]` : m.text;
    // Continuation lines are indented so a customer's line can never pass for another message.
    const [first = '', ...rest] = said.replace(/\r\n?/g, '\n').replace(CONTROL, '').split('\n');
    return [`[${m.at.slice(11, 16)}] ${m.authorName}: ${first}`, ...rest.map((line) => `    ${line}`)].join('\n');
  });
  const text = [
    words.transcriptIntro.replace('{date}', minute(conversation.createdAt)),
    words.transcriptTimesNote,
    '',
    ...blocks,
    '',
    '-- ',
    words.transcriptFooter,
  ].join('\n');
  return { conversationId: conversation.id, to, subject: words.transcriptSubject, text };
}
