/** Every migration the hub knows, in order. Add a file per version; never edit a shipped one. */
import type { Migration } from './migration';
import { migration001Initial } from './001-initial';
import { migration002Chat } from './002-chat';
import { migration003TransferAndNotes } from './003-transfer-and-notes';
import { migration004ChatAttachments } from './004-chat-attachments';
import { migration005ChatLanguageAndTranscript } from './005-chat-language-and-transcript';
import { migration006VoiceCalls } from './006-voice-calls';
import { migration007FollowUps } from './007-follow-ups';
import { migration008WorkDirection } from './008-work-direction';
import { migration009SessionsAndUserAccess } from './009-sessions-and-user-access';
import { migration010CustomerNameSearch } from './010-customer-name-search';
import { migration011Email } from './011-email';
import { migration012Supervision } from './012-supervision';
import { migration013ChatWhispers } from './013-chat-whispers';
import { migration014AgentSkills } from './014-agent-skills';
import { migration015CallQuality } from './015-call-quality';
import { migration016EmailSenderCheck } from './016-email-sender-check';
import { migration017EmailUploads } from './017-email-uploads';
import { migration018EmailInlineImages } from './018-email-inline-images';
import { migration019EmailBcc } from './019-email-bcc';

export const HUB_MIGRATIONS: readonly Migration[] = [
  migration001Initial, migration002Chat, migration003TransferAndNotes, migration004ChatAttachments,
  migration005ChatLanguageAndTranscript, migration006VoiceCalls,
  migration007FollowUps,
  migration008WorkDirection,
  migration009SessionsAndUserAccess,
  migration010CustomerNameSearch,
  migration011Email,
  migration012Supervision,
  migration013ChatWhispers,
  migration014AgentSkills,
  migration015CallQuality,
  migration016EmailSenderCheck,
  migration017EmailUploads,
  migration018EmailInlineImages,
  migration019EmailBcc,
];
