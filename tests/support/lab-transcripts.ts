/** Chat transcripts as the customers' lab mailboxes received them (GET /api/lab/mail on a hub with lab mail). */
import { expect } from 'vitest';
import { LAB_MAIL_API_PATH } from '../../src-common/email';

export interface DeliveredTranscript {
  to: string[];
  from: string;
  subject: string;
  text: string;
  messageId: string | null;
  automated: string | null;
}

export async function labTranscripts(hubUrl: string): Promise<DeliveredTranscript[]> {
  const response = await fetch(`${hubUrl}${LAB_MAIL_API_PATH}`);
  expect(response.status).toBe(200);
  const listing = (await response.json()) as { delivered: DeliveredTranscript[] };
  return listing.delivered.filter((m) => m.messageId?.startsWith('transcript.'));
}
