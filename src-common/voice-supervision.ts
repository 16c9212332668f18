/**
 * Voice supervision without a conference server: the hub grants a supervisor one short-lived,
 * one-time right to join one agent's call in one mode; the supervisor's phone calls the agent's
 * phone carrying that grant; the agent's phone has the hub check it (redeem) and, if it holds,
 * answers without ringing and mixes the audio itself (src-phone/engine/supervision-mix.ts):
 *
 *   mode       supervisor hears      agent hears            caller hears
 *   monitor    caller + agent        caller                 agent
 *   whisper    caller + agent        caller + supervisor    agent
 *   barge      caller + agent        caller + supervisor    agent + supervisor
 *
 * Switching mode during the call is a new grant sent on the same call (SIP INFO), redeemed the
 * same way, so every step is checked and audited by the hub. Take-over is the last step: the hub
 * gives the supervisor the call's next segment (as a transfer to them) and the agent's phone
 * transfers the caller onto the supervisor's call (REFER with Replaces); the agent leaves.
 */
import { z } from 'zod';

/** How the agent's phone mixes the supervisor in. */
export const VoiceSupervisionMode = z.enum(['monitor', 'whisper', 'barge']);
export type VoiceSupervisionMode = z.infer<typeof VoiceSupervisionMode>;
/** What a supervisor may ask for on a call: a mix mode, or taking the call over. */
export const SupervisionStep = z.enum([...VoiceSupervisionMode.options, 'take-over']);
export type SupervisionStep = z.infer<typeof SupervisionStep>;

/** The SIP header that carries a grant on the supervisor's INVITE. */
export const SUPERVISION_GRANT_HEADER = 'X-Centralita-Supervision';
/** The content type of a SIP INFO that carries a grant for a new mode on an existing supervision call. */
export const SUPERVISION_INFO_CONTENT_TYPE = 'application/vnd.centralita.supervision-grant';
/** How long a grant may wait before it is used: enough to place a call, too short to keep. */
export const SUPERVISION_GRANT_TTL_SECONDS = 30;

const AgentId = z.string().min(1).max(128);
/** A grant is a short opaque string; anything longer is not one of ours. */
export const SupervisionGrant = z.string().min(16).max(2048).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'not a supervision grant');

export const SuperviseCallParams = z.object({ agentId: AgentId, mode: SupervisionStep });
export type SuperviseCallParams = z.infer<typeof SuperviseCallParams>;

/** What the supervisor's desktop gets: the grant, and whom to call with it. */
export const SupervisionGrantOffer = z.object({
  grant: SupervisionGrant,
  /** The agent's SIP address, called by the supervisor's phone with the grant. */
  agentUri: z.string().max(500),
  agentName: z.string().max(200),
  itemId: z.string(),
  mode: SupervisionStep,
  expiresAt: z.string(),
});
export type SupervisionGrantOffer = z.infer<typeof SupervisionGrantOffer>;

export const RedeemSupervisionParams = z.object({ grant: SupervisionGrant });

/** What the agent's phone learns when the hub accepts a grant: how to mix, and for whom. */
export const RedeemedSupervision = z.object({
  mode: SupervisionStep,
  itemId: z.string(),
  /** Take-over: the supervisor's new item of this call, named on the REFER. Null otherwise. */
  takeOverItemId: z.string().nullable(),
  supervisorId: z.string(),
  supervisorName: z.string().max(200),
  /** The centre's policy: whether the agent is shown that they are monitored. */
  tellAgent: z.boolean(),
});
export type RedeemedSupervision = z.infer<typeof RedeemedSupervision>;
