/** The lab intake API: tests create work deterministically, through the hub's own entry point. */
import { z } from 'zod';
import { WorkItem, type Channel } from '../../../src-common/domain';
import { LoginResponse } from '../../../src-common/protocol';

export const DEMO_PASSWORD = 'centralita';

export async function hubLogin(hubUrl: string, username: string): Promise<string> {
  const response = await fetch(`${hubUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  return LoginResponse.parse(await response.json()).token;
}

export interface NewWork {
  channel: Channel;
  queueId: string;
  from: string;
  subject: string;
  preview?: string;
  customerName?: string;
}

export async function createWorkItem(hubUrl: string, adminToken: string, work: NewWork): Promise<WorkItem> {
  const response = await fetch(`${hubUrl}/api/work-items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(work),
  });
  if (!response.ok) throw new Error(`work item not created: ${response.status} ${await response.text()}`);
  const body: unknown = await response.json();
  // Accept either the bare WorkItem or { item } so the helper does not depend on an envelope.
  const parsed = WorkItem.safeParse(body);
  if (parsed.success) return parsed.data;
  return z.object({ item: WorkItem }).parse(body).item;
}

let counter = 0;
/** A subject no other test uses, so locators find exactly one card. */
export function uniqueSubject(prefix: string): string {
  counter += 1;
  return `${prefix} #${counter}-${Date.now().toString(36)}`;
}
