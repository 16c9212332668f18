/**
 * The most common end of a call: the customer hangs up. A sipp caller (UDP) reaches our phone
 * engine (Chromium, WebSocket) through Kamailio + rtpengine, the phone auto-answers (Call-Info
 * answer-after=0), and after a moment the caller sends BYE. The phone must end the call AND answer
 * the BYE with 200 OK: without that answer the caller's side retransmits for 32 s and ends with a
 * 408, and the SIP server keeps the dialog and its media session meanwhile.
 * Run with `npm run test:interop` (scripts/rig/install.sh needs apt access the first time).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPhoneBrowser, waitFor, type PhoneBrowser } from './support/phone-browser';
import { freePorts, runSipp, startRig, type Rig } from './support/rig';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:agent@lab.centralita';

let rig: Rig;
let work: string;
let phone: PhoneBrowser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-bye-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  phone = await openPhoneBrowser();
  await phone.startPhone({ serverUrl: rig.env.WS_URL, aor: AGENT_AOR, iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
});

afterAll(async () => {
  await phone?.close();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Final answers sipp received to its BYE, from its message log ("SIP/2.0 200 OK" …). */
function answersToBye(messageLog: string): string[] {
  return messageLog
    .split(/^-{20,}.*$/m)
    .filter((entry) => /message received/.test(entry) && /^CSeq:\s*\d+\s+BYE/im.test(entry))
    .map((entry) => /^SIP\/2\.0 (\d{3})/m.exec(entry)?.[1] ?? '')
    .filter((status) => status !== '' && !status.startsWith('1'));
}

describe('the caller hangs up an answered call', () => {
  it('the phone ends the call as a remote hang-up and answers the BYE with 200 OK', async () => {
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'sipp-messages.log');
    // 5000 is not a registered phone: without a hub, Kamailio sends it to the static agent.
    const sipp = runSipp({ scenario: join(HERE, 'support/sipp-setup-caller.xml'), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: '5000', localPort: sipPort, mediaPort, messageLog: messages });

    const ended = await waitFor(
      async () => (await phone.events()).find((event) => event.type === 'call-updated' && event.call?.state === 'ended'),
      'the call to end on the phone',
    );
    expect((ended.call as { endReason?: string } | undefined)?.endReason).toBe('remote-hangup');

    // The scenario waits 1 s for the answer to its BYE and then ends the call either way.
    const code = await sipp.exit;
    expect(code).toBe(0);
    expect(answersToBye(readFileSync(messages, 'utf8'))).toEqual(['200']);
  });
});
