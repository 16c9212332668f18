/** A conversation as the widget and the desktop see it: no visitor id, email or storage times. */
import type { ChatConversation } from '../../../src-common/chat';
import type { ChatConversationRow } from '../../storage/chat-repository';

export function publicView(row: ChatConversationRow): ChatConversation {
  return {
    id: row.id,
    itemId: row.itemId,
    state: row.state,
    customerName: row.customerName,
    topic: row.topic,
    agentName: row.agentName,
    lastSeq: row.lastSeq,
    customerReadSeq: row.customerReadSeq,
    agentReadSeq: row.agentReadSeq,
    closedBy: row.closedBy,
    language: row.language,
    transcriptRequested: row.transcriptEmail !== null,
  };
}
